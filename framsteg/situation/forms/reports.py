"""Forms of the yearly lägesbild: the coordinator's texts, a problem it names, an åtgärdsplan action."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from framsteg.organisations.models import Organisation
from framsteg.places.models import Area, District
from framsteg.situation.models import Action, IncidentCategory, NamedPlace, Problem
from framsteg.steering.models import Commitment

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
TEXT_LIMIT = 20_000


class CommitmentChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, commitment: Commitment) -> str:
        return f"{commitment.reference} ({commitment.area.title}): {commitment}"


class YearlyTextsForm(forms.Form):
    prefix = "texts"
    extent = forms.CharField(
        label=_("Extent of crime and disorder"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the mapping shows, in words. Separate paragraphs with an empty line."),
    )
    consequences = forms.CharField(
        label=_("Consequences"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    other_information = forms.CharField(
        label=_("Other relevant information"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Surveys, the police's picture, the schools' and social services' knowledge."),
    )
    analysis = forms.CharField(
        label=_("Analysis"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Causes and connections: why the problems arise where and when they do."),
    )
    adopted_by = forms.CharField(label=_("Adopted by"), required=False, max_length=200)
    adopted_on = forms.DateField(label=_("Adopted on"), required=False, **DATE)


class ProblemForm(forms.Form):
    prefix = "problem"
    title = forms.CharField(label=_("Problem"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Event types"),
        queryset=IncidentCategory.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    district = forms.ModelChoiceField(
        label=_("Kommundel"), queryset=District.objects.order_by("name"), required=False
    )
    area = forms.ModelChoiceField(
        label=_("RegSO area"), queryset=Area.objects.order_by("name"), required=False
    )
    named_place = forms.ModelChoiceField(
        label=_("Named place"), queryset=NamedPlace.objects.filter(is_active=True), required=False
    )


class PlannedActionForm(forms.Form):
    prefix = "action"
    title = forms.CharField(label=_("Planned action"), max_length=300)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    problem = forms.ModelChoiceField(label=_("The problem it answers"), queryset=Problem.objects.none())
    organisation = forms.ModelChoiceField(
        label=_("Owning organisation"), queryset=Organisation.objects.none()
    )
    responsible_name = forms.CharField(label=_("Responsible person"), required=False, max_length=200)
    starts_on = forms.DateField(label=_("From"), **DATE)
    ends_on = forms.DateField(label=_("Until"), **DATE)
    status = forms.ChoiceField(
        label=_("Status"), choices=Action.Status.choices, initial=Action.Status.PLANNED
    )
    commitments = CommitmentChoice(
        label=_("Commitments of the political platform it carries out"),
        queryset=Commitment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem"].queryset = Problem.objects.filter(year=year).order_by("pk")
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["commitments"].queryset = (
            Commitment.objects.reportable()
            .filter(document__kind="platform")
            .select_related("area")
            .order_by("area__position", "position")
        )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The period cannot end before it starts."))
        return data
