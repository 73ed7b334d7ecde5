"""Administration of indicators. Releases and measurements are shown but only change through a new release."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from framsteg.core.admin import ReadOnlyAdminMixin
from framsteg.indicators import rules
from framsteg.indicators.models import CarbonBudget, Indicator, Measurement, Municipality, Release, Target
from framsteg.indicators.services.targets import target_from_candidate
from framsteg.steering.admin import CandidateTargetAdmin as SteeringCandidateTargetAdmin
from framsteg.steering.models import CandidateTarget


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_group"]
    list_filter = ["is_group"]
    search_fields = ["code", "name"]
    filter_horizontal = ["members"]


class TargetInline(admin.TabularInline):
    model = Target
    fields = ["kind", "value", "year", "note", "candidate"]
    raw_id_fields = ["candidate"]
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "kolada_kpi", "source_kind", "survey", "direction", "unit", "kolada_synced_at"]
    list_filter = ["source_kind", "survey", "direction"]
    search_fields = ["name", "slug", "kolada_kpi", "kolada_title", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["areas", "commitments"]
    readonly_fields = ["kolada_title", "kolada_description", "kolada_synced_at"]
    inlines = [TargetInline]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "kind", "value", "year", "candidate"]
    list_filter = ["kind", "year"]
    list_select_related = ["indicator", "candidate"]
    search_fields = ["indicator__name", "note"]
    autocomplete_fields = ["indicator"]
    raw_id_fields = ["candidate"]


@admin.register(Release)
class ReleaseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["indicator", "label", "retrieved_at", "is_current", "is_complete", "measurement_count"]
    list_filter = ["is_current", "is_complete", "indicator"]
    list_select_related = ["indicator"]
    search_fields = ["indicator__name", "label", "source"]
    date_hierarchy = "retrieved_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Release]:
        return super().get_queryset(request).annotate(measurement_count=Count("measurements"))

    @admin.display(description=_("measurements"), ordering="measurement_count")
    def measurement_count(self, release: Release) -> int:
        return release.measurement_count


@admin.register(Measurement)
class MeasurementAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["indicator", "municipality", "district", "period", "gender", "value", "release"]
    list_filter = ["release__is_current", "gender", "indicator", "municipality", "period"]
    list_select_related = ["indicator", "release__indicator"]
    search_fields = ["indicator__name", "municipality", "district", "source", "release__label"]
    show_full_result_count = False


@admin.register(CarbonBudget)
class CarbonBudgetAdmin(admin.ModelAdmin):
    list_display = ["name", "start_year", "budget_tonnes", "required_rate", "emissions"]
    list_select_related = ["emissions"]
    search_fields = ["name", "source_note"]
    autocomplete_fields = ["emissions"]


class IndicatorChoiceForm(forms.Form):
    indicator = forms.ModelChoiceField(queryset=Indicator.objects.all(), label=_("Indicator"))
    year = forms.IntegerField(
        label=_("Target year"),
        required=False,
        min_value=1900,
        max_value=2200,
        help_text=_("Needed for quantities that name no year; otherwise the year in the document is used."),
    )


# The candidate targets are registered by the steering app; the indicator action is added here, where the
# indicators are known, by replacing that registration with a subclass.
if admin.site.is_registered(CandidateTarget):
    admin.site.unregister(CandidateTarget)


@admin.register(CandidateTarget)
class CandidateTargetAdmin(SteeringCandidateTargetAdmin):
    list_display = [*SteeringCandidateTargetAdmin.list_display, "target_count"]
    actions = [*(SteeringCandidateTargetAdmin.actions or []), "make_indicator_targets"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[CandidateTarget]:
        return super().get_queryset(request).annotate(target_count=Count("indicator_targets"))

    @admin.display(description=_("indicator targets"), ordering="target_count")
    def target_count(self, candidate: CandidateTarget) -> int:
        return candidate.target_count

    @admin.action(description=_("Make indicator targets"), permissions=["add_indicator_target"])
    def make_indicator_targets(self, request: HttpRequest, queryset: QuerySet[CandidateTarget]):
        """Ask for the indicator on an intermediate page, then make one target per chosen candidate."""
        form = IndicatorChoiceForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": _("Make indicator targets"),
                "opts": self.model._meta,
                "candidates": queryset.select_related("document"),
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "media": self.media,
            }
            return TemplateResponse(request, "admin/indicators/make_indicator_targets.html", context)
        indicator = form.cleaned_data["indicator"]
        made = 0
        for candidate in queryset.select_related("document"):
            try:
                with transaction.atomic():
                    target_from_candidate(candidate, indicator, year=form.cleaned_data["year"])
            except (ValueError, ValidationError) as error:
                message = error.messages[0] if isinstance(error, ValidationError) else str(error)
                self.message_user(request, f"{candidate}: {message}", messages.ERROR)
            else:
                made += 1
        if made:
            self.message_user(
                request,
                ngettext(
                    "%(count)d target made for %(indicator)s.",
                    "%(count)d targets made for %(indicator)s.",
                    made,
                )
                % {"count": made, "indicator": indicator},
                messages.SUCCESS,
            )
        return None

    def has_add_indicator_target_permission(self, request: HttpRequest) -> bool:
        return rules.may_change_indicators(request.user)
