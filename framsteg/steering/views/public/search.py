"""Find commitments by words, area, owner, status and document, with a plain GET form."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from framsteg.core.widgets import MarkedLanguageSelect
from framsteg.organisations.models import Organisation
from framsteg.steering.models import Area, Commitment, Status, SteeringDocument
from framsteg.steering.selectors import NOT_REPORTED, listed_commitments, with_latest_status

PAGE_SIZE = 50


def words_match(words: str) -> Q:
    """Commitment text or area title contains the words, whatever their case.

    SQLite folds case for ASCII letters only, so "FÖRSKOLAN" would miss "förskolan"; trying the words as
    typed, in lower case, upper case and capitalised finds them there too. PostgreSQL needs only the first.
    """
    match = Q()
    for variant in dict.fromkeys([words, words.lower(), words.upper(), words.capitalize()]):
        match |= Q(text__icontains=variant) | Q(area__title__icontains=variant)
    return match


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, area: Area) -> str:
        return f"{area.position}. {area.title} ({area.document.title})"


class CommitmentFilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    area = AreaChoiceField(
        label=_("Area"),
        required=False,
        queryset=Area.objects.none(),
        empty_label=_("All"),
        widget=MarkedLanguageSelect,
    )
    organisation = forms.ModelChoiceField(
        label=_("Responsible"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("All"),
        to_field_name="slug",
        widget=MarkedLanguageSelect,
    )
    status = forms.ChoiceField(label=_("Status"), required=False, widget=MarkedLanguageSelect(swedish=set()))
    document = forms.ModelChoiceField(
        label=_("Document"),
        required=False,
        queryset=SteeringDocument.objects.none(),
        empty_label=_("All"),
        to_field_name="slug",
        widget=MarkedLanguageSelect,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = (
            Area.objects.current()
            .filter(document__standing=SteeringDocument.Standing.ADOPTED)
            .exclude(commitments=None)
            .select_related("document")
            .distinct()
        )
        self.fields["organisation"].queryset = Organisation.objects.exclude(commitments=None).distinct()
        documents = SteeringDocument.objects.adopted().exclude(commitments=None)
        self.fields["document"].queryset = documents.distinct()
        statuses = list(Status.objects.filter(is_active=True))
        self.fields["status"].choices = [
            ("", _("All")),
            *[(status.code, status.label) for status in statuses],
            (NOT_REPORTED, _("Not reported")),
        ]
        self.fields["status"].widget.swedish = {s.code for s in statuses if s.label_language == "sv"}

    def filter(self, commitments: QuerySet[Commitment]) -> QuerySet[Commitment]:
        """Narrow the commitments by every valid field; an invalid field narrows nothing."""
        data = self.cleaned_data if self.is_bound else {}
        if words := data.get("q", "").strip():
            commitments = commitments.filter(words_match(words))
        if data.get("area"):
            commitments = commitments.filter(area=data["area"])
        if data.get("organisation"):
            commitments = commitments.filter(responsibilities__organisation=data["organisation"])
        if data.get("document"):
            commitments = commitments.filter(document=data["document"])
        if code := data.get("status"):
            commitments = with_latest_status(commitments, code)
        return commitments.distinct()

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)


def search(request: HttpRequest) -> HttpResponse:
    form = CommitmentFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    matching = form.filter(Commitment.objects.reportable()).order_by(
        "document__title", "area__position", "position", "pk"
    )
    page = Paginator(matching, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = listed_commitments(page.object_list)
    return render(request, "steering/public/search.html", {"nav": "search", "form": form, "page": page})
