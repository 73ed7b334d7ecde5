"""The form that freezes a report to the council: which period, and for what."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from framsteg.organisations.models import Organisation
from framsteg.reports.selectors.council import AREA, LONG_TERM, ORGANISATION, PLAN, Scope
from framsteg.steering.models import Area, FollowUpPeriod, SteeringDocument


class AreaChoice(forms.ModelChoiceField):
    def label_from_instance(self, area: Area) -> str:
        return f"{area.document.title}: {area.position}. {area.title}"


class FreezeForm(forms.Form):
    period = forms.ModelChoiceField(
        label=_("Follow-up period"),
        queryset=FollowUpPeriod.objects.order_by("-ends_on", "-pk"),
        empty_label=None,
    )
    scope = forms.ChoiceField(
        label=_("The report covers"),
        choices=[
            (PLAN, _("The whole plan")),
            (AREA, _("One area (with the goals below it)")),
            (ORGANISATION, _("One organisation (nämnd), with those below it")),
            (LONG_TERM, _("The long-term goals chapter")),
        ],
        initial=PLAN,
        widget=forms.RadioSelect,
    )
    area = AreaChoice(
        label=_("Area"),
        queryset=Area.objects.current()
        .filter(document__standing=SteeringDocument.Standing.ADOPTED, commitments__isnull=False)
        .distinct()
        .select_related("document")
        .order_by("document__title", "position"),
        required=False,
        help_text=_("Only for a report on one area."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.exclude(kind=Organisation.Kind.PARTNER).order_by("name"),
        required=False,
        help_text=_("Only for a report on one organisation."),
    )

    def clean(self):
        data = super().clean()
        scope = data.get("scope")
        if scope == AREA and not data.get("area"):
            self.add_error("area", _("Choose the area the report covers."))
        if scope == ORGANISATION and not data.get("organisation"):
            self.add_error("organisation", _("Choose the organisation the report covers."))
        return data

    def scope_value(self) -> Scope:
        data = self.cleaned_data
        kind = data["scope"]
        return Scope(
            kind,
            area=data.get("area") if kind == AREA else None,
            organisation=data.get("organisation") if kind == ORGANISATION else None,
        )
