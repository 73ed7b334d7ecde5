"""The situation picture's set-up in the Django admin: event types and named places. Incidents, meetings,
actions and the yearly lägesbild change only through the product's pages and services, so they are shown
here read-only."""

from django.contrib import admin
from django.db import transaction

from framsteg.core.admin import ReadOnlyAdminMixin
from framsteg.situation.models import (
    Action,
    Incident,
    IncidentCategory,
    Meeting,
    NamedPlace,
    Problem,
    YearlyPicture,
)
from framsteg.situation.services.summaries import named_places_changed, refresh_summaries


@admin.register(IncidentCategory)
class IncidentCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "parent", "nature", "position", "is_active"]
    list_filter = ["nature", "is_active", "parent"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(NamedPlace)
class NamedPlaceAdmin(admin.ModelAdmin):
    """A change of the places changes which events count as at or near them: their counts are computed
    again in the same transaction (all the summaries when a place is removed: its events then count in
    the map's cells)."""

    list_display = ["name", "setting", "district", "area", "is_hot_spot", "is_active"]
    list_filter = ["setting", "is_hot_spot", "district", "is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            named_places_changed(by=request.user)

    def delete_model(self, request, obj):
        with transaction.atomic():
            super().delete_model(request, obj)
            refresh_summaries(by=request.user)  # its events now count in the map's cells

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            refresh_summaries(by=request.user)  # its events now count in the map's cells


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["reference", "category", "organisation", "occurred_at", "events", "district", "status"]
    list_filter = ["status", "source", "organisation", "district"]
    list_select_related = ["category", "organisation", "district"]
    exclude = ["case"]


@admin.register(Meeting, Action, Problem, YearlyPicture)
class SituationRecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass
