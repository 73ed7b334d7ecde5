"""Forms of the weekly meeting and the actions: each with its own prefix, so several live on one page. The
forms only check input; the rules are in `framsteg.situation.services.meetings`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from framsteg.organisations.models import Organisation
from framsteg.organisations.names import display_name
from framsteg.places.models import Area, District
from framsteg.situation.models import Action, IncidentCategory, NamedPlace, Problem
from framsteg.situation.services.meetings import responsible_candidates
from framsteg.steering.models import Commitment

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT_LIMIT = 20_000


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return display_name(obj)


class CategoryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.parent.label()} › {obj.label()}" if obj.parent_id else obj.label()


def collaboration_organisations():
    """The organisations whose people take part in the collaboration."""
    from framsteg.organisations.models import Membership

    roles = (Membership.Role.PARTNER, Membership.Role.INCIDENT_REPORTER, Membership.Role.COORDINATOR)
    ids = Membership.objects.filter(role__in=roles).values("organisation_id")
    return Organisation.objects.filter(pk__in=ids) | Organisation.objects.filter(
        kind__in=(Organisation.Kind.PARTNER, Organisation.Kind.COMPANY)
    )


class MeetingDetailsForm(forms.Form):
    prefix = "details"

    held_on = forms.DateField(label=_("Held on"), required=False, widget=DATE_WIDGET)
    participants = forms.ModelMultipleChoiceField(
        label=_("Participating organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    priority_districts = forms.ModelMultipleChoiceField(
        label=_("Priority districts"),
        queryset=District.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    priority_areas = forms.ModelMultipleChoiceField(
        label=_("Priority statistical areas (RegSO)"),
        queryset=Area.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    priority_places = forms.ModelMultipleChoiceField(
        label=_("Priority places and hot spots"),
        queryset=NamedPlace.objects.filter(is_active=True).order_by("-is_hot_spot", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = collaboration_organisations().distinct().order_by("name")


class MinutesForm(forms.Form):
    prefix = "minutes"

    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What was said and decided. Describe places and situations, never persons."),
    )


class CommitmentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        text = obj.text if len(obj.text) <= 100 else obj.text[:99] + "…"
        return f"{obj.reference} {text}"


class ActionForm(forms.Form):
    prefix = "action"

    title = forms.CharField(label=_("Joint action"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    organisation = forms.ModelChoiceField(label=_("Owning partner"), queryset=Organisation.objects.none())
    responsible = PersonChoiceField(
        label=_("Responsible person"),
        queryset=responsible_candidates(None),
        required=False,
        help_text=_("A member of the owning partner; or write a name below."),
    )
    responsible_name = forms.CharField(
        label=_("Responsible person (name, when they have no account)"), required=False, max_length=200
    )
    named_place = forms.ModelChoiceField(
        label=_("Named place"),
        queryset=NamedPlace.objects.filter(is_active=True).order_by("name"),
        required=False,
        help_text=_("Choose one place: a named place, a district or a statistical area."),
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.order_by("name"), required=False
    )
    area = forms.ModelChoiceField(
        label=_("Statistical area (RegSO)"), queryset=Area.objects.order_by("name"), required=False
    )
    starts_on = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Until"), widget=DATE_WIDGET)
    due_on = forms.DateField(
        label=_("Outcome due"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("When the owner reports how it went."),
    )
    categories = CategoryChoiceField(
        label=_("Event types it targets"),
        queryset=IncidentCategory.objects.filter(is_active=True).select_related("parent"),
        widget=forms.CheckboxSelectMultiple,
    )
    problem = forms.ModelChoiceField(
        label=_("The problem it answers"),
        queryset=Problem.objects.filter(status=Problem.Status.ACTIVE),
        required=False,
    )
    new_problem_title = forms.CharField(
        label=_("Or name a new problem"),
        required=False,
        max_length=300,
        help_text=_(
            "E.g. “Gatherings in the stairwells at night”. It gets the action's place and event types."
        ),
    )
    commitments = CommitmentChoiceField(
        label=_("Commitments of the plan it carries out"),
        queryset=Commitment.objects.reportable()
        .select_related("area")
        .order_by("document__title", "area__position", "position"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = collaboration_organisations().distinct().order_by("name")


class OutcomeForm(forms.Form):
    prefix = "outcome"

    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)
    outcome = forms.CharField(
        label=_("Outcome"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was done and what was seen. Leave empty to change only the status."),
    )


class ActionFilterForm(forms.Form):
    STATUS_CHOICES = [("open", _("Planned or ongoing")), *Action.Status.choices, ("all", _("All statuses"))]

    organisation = forms.ModelChoiceField(
        label=_("Owning partner"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("All partners"),
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    due = forms.ChoiceField(
        label=_("Due"), choices=[("", _("Any")), ("late", _("Outcome late"))], required=False
    )

    def __init__(self, *args, organisation_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = Organisation.objects.filter(actions__isnull=False).distinct().order_by("name")
        if organisation_ids is not None:
            queryset = queryset.filter(pk__in=organisation_ids)
        self.fields["organisation"].queryset = queryset
