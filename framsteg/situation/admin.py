"""The situation picture's set-up in the Django admin: event types and named places. Incidents, meetings,
actions and the yearly lägesbild change only through the product's pages and services, so they are shown
here read-only."""

from django.contrib import admin

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


@admin.register(IncidentCategory)
class IncidentCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "parent", "nature", "position", "is_active"]
    list_filter = ["nature", "is_active", "parent"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(NamedPlace)
class NamedPlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "setting", "district", "area", "is_hot_spot", "is_active"]
    list_filter = ["setting", "is_hot_spot", "district", "is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["reference", "category", "organisation", "occurred_at", "events", "district", "status"]
    list_filter = ["status", "source", "organisation", "district"]
    list_select_related = ["category", "organisation", "district"]
    exclude = ["case"]


@admin.register(Meeting, Action, Problem, YearlyPicture)
class SituationRecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass
