"""Forms of the staff case pages: the inbox filters and one small form per action on a case.

Every action form has its own prefix, so several of them live on one page with unique field ids. The forms
only check input; the rules of case handling are in `framsteg.dialogue.services.handling`.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from framsteg.dialogue.models import Case, CaseKind, Category
from framsteg.organisations.models import Organisation
from framsteg.organisations.names import display_name
from framsteg.places.models import District
from framsteg.steering.models import Commitment

REFERENCE = re.compile(r"^\s*(?P<year>\d{4})\s*-\s*(?P<number>\d{1,7})\s*$")
# Where cases that are not the municipality's usually go; the field accepts any name.
FORWARD_SUGGESTIONS = [
    "Trafikverket",
    "Botkyrkabyggen",
    "Polisen",
    "Region Stockholm (SL)",
    "Stockholm Exergi",
]
TEXT_LIMIT = 10_000


def person_label(user) -> str:
    return display_name(user)


def parse_reference(text: str) -> tuple[int, int] | None:
    """A case reference as typed ("2026-00042", "2026-42") as year and number, or None."""
    match = REFERENCE.match(text or "")
    return (int(match["year"]), int(match["number"])) if match else None


class InboxFilterForm(forms.Form):
    """The inbox's filters, read from the query string. Empty fields do not filter."""

    STATUS_ACTIVE = ""
    STATUS_ALL = "all"

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("A case number such as 2026-00042, or words from the description or the place."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    due = forms.ChoiceField(
        label=_("Due date"),
        required=False,
        choices=[
            ("", _("Any")),
            ("overdue", _("Overdue")),
            ("soon", _("Due within 2 working days")),
        ],
    )
    message = forms.ChoiceField(
        label=_("Messages from the resident"),
        required=False,
        choices=[("", _("Any")), ("new", _("Has a new message from the resident"))],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *CaseKind.choices]
    )
    category = forms.ModelChoiceField(
        label=_("Category"), required=False, queryset=Category.objects.none(), empty_label=_("All categories")
    )
    district = forms.ModelChoiceField(
        label=_("District"), required=False, queryset=District.objects.none(), empty_label=_("All districts")
    )
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    assignee = forms.ChoiceField(label=_("Case officer"), required=False)
    review = forms.ChoiceField(
        label=_("Review before publication"),
        required=False,
        choices=[("", _("Any")), ("pending", _("Has something to review"))],
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[
            ("", _("Due date, earliest first")),
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
        ],
    )

    def __init__(
        self,
        *args,
        categories: QuerySet[Category],
        districts: QuerySet[District],
        organisations: list[Organisation],
        people: list,
        sees_all: bool,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (self.STATUS_ACTIVE, _("Still being handled")),
            (self.STATUS_ALL, _("All statuses")),
            *Case.Status.choices,
        ]
        self.fields["category"].queryset = categories
        self.fields["district"].queryset = districts
        organisation_choices = [("", _("All my organisations") if not sees_all else _("All organisations"))]
        if sees_all:
            organisation_choices.append(("none", _("Not routed yet")))
        organisation_choices += [(str(organisation.pk), organisation.name) for organisation in organisations]
        self.fields["organisation"].choices = organisation_choices
        self.fields["assignee"].choices = [
            ("", _("Anyone")),
            ("mine", _("Assigned to me")),
            ("none", _("Not assigned")),
            *[(str(user.pk), person_label(user)) for user in people],
        ]


class RouteForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"),
        queryset=Organisation.objects.all(),
        empty_label=_("Choose an organisation"),
        error_messages={"required": _("Choose the organisation that should handle the case.")},
    )


class AssignForm(forms.Form):
    assignee = forms.ChoiceField(label=_("Case officer"), required=False)

    def __init__(self, *args, people: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(user.pk): user for user in people}
        self.fields["assignee"].choices = [
            ("", _("Nobody")),
            *[(pk, person_label(u)) for pk, u in self.people.items()],
        ]
        self.fields["assignee"].error_messages["invalid_choice"] = _(
            "Choose a member of the responsible organisation."
        )

    def clean_assignee(self):
        value = self.cleaned_data.get("assignee")
        return self.people[value] if value else None


def public_note_field(**extra) -> forms.CharField:
    """A public note: never the answer to the resident, and public only once reviewed."""
    return forms.CharField(
        label=_("Public note – shown on the website after review"),
        max_length=TEXT_LIMIT,
        help_text=_(
            "For everyone: shown on the public case page and to Open311 clients once a case officer has "
            "approved it. Write nothing about the resident; answer them in the answer form."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        **extra,
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        error_messages={"required": _("Choose the new status.")},
    )
    public_text = public_note_field(required=False)

    def __init__(self, *args, allowed: tuple[str, ...], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", _("Choose a status")),
            *[(s, Case.Status(s).label) for s in allowed],
        ]
        self.fields["status"].error_messages["invalid_choice"] = _(
            "The case cannot get that status now. Choose one of the statuses in the list."
        )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=TEXT_LIMIT,
        help_text=_("Only staff see notes. The resident and the public never do."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the note.")},
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer to the resident – shown only to them"),
        help_text=_("Shown on the resident's private follow page and e-mailed to them; never published."),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the answer.")},
    )
    then_status = forms.ChoiceField(label=_("Then set the status to"), required=False)

    def __init__(self, *args, allowed: tuple[str, ...], current_label: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["then_status"].choices = [
            ("", _("Keep the status (%(status)s)") % {"status": current_label}),
            *[(s, Case.Status(s).label) for s in allowed],
        ]


APPROVE, REJECT = "approve", "reject"


class PublicNoteForm(forms.Form):
    text = public_note_field(error_messages={"required": _("Write the public note.")})


class ReviewForm(forms.Form):
    """The review of the resident's text and place: approve the (edited) proposal, or reject it."""

    published_text = forms.CharField(
        label=_("Text to publish"),
        required=False,
        max_length=TEXT_LIMIT,
        help_text=_(
            "Proposed by the automatic check, which removed what it found. Remove anything else that could "
            "identify someone (names, addresses of homes, numbers), then approve."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    published_place = forms.CharField(
        label=_("Place to publish"),
        required=False,
        max_length=300,
        help_text=_("Leave empty to show only the district."),
    )
    decision = forms.ChoiceField(choices=[(APPROVE, APPROVE), (REJECT, REJECT)], widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why the text is not published (when you reject it)"),
        required=False,
        max_length=1000,
        help_text=_("For staff: kept with the case, never shown to the public."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # Shown only after the text was found to hold personal data.
    confirm_personal_data = forms.BooleanField(
        label=_("I have checked the text: publish it as it is"), required=False
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == APPROVE and not (cleaned.get("published_text") or "").strip():
            self.add_error("published_text", _("Write the text to publish, or reject it."))
        if decision == REJECT and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why the text is not published."))
        return cleaned


class VisibilityForm(forms.Form):
    is_published = forms.BooleanField(label=_("Show the case in the public list"), required=False)


class NoteReviewForm(forms.Form):
    note = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Public note"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decision = forms.ChoiceField(choices=[(APPROVE, APPROVE), (REJECT, REJECT)], widget=forms.HiddenInput)
    confirm_personal_data = forms.BooleanField(
        label=_("I have checked the note: publish it as it is"), required=False
    )


class MergeForm(forms.Form):
    reference = forms.CharField(
        label=_("Case number of the main case"),
        max_length=20,
        help_text=_("E.g. 2026-00042. This case becomes its duplicate; photos and links move to it."),
        error_messages={"required": _("Give the number of the case this one duplicates.")},
    )

    def __init__(self, *args, cases: QuerySet[Case], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cases = cases

    def clean_reference(self) -> Case:
        parsed = parse_reference(self.cleaned_data["reference"])
        if parsed is None:
            raise ValidationError(_("Write the case number as year and number, e.g. 2026-00042."))
        year, number = parsed
        found = self.cases.filter(year=year, number=number).first()
        if found is None:
            raise ValidationError(
                _("There is no case %(reference)s that you can handle."),
                params={"reference": f"{year}-{number:05d}"},
            )
        return found


class ForwardForm(forms.Form):
    to_whom = forms.CharField(
        label=_("Forwarded to"),
        max_length=200,
        help_text=_("Who is responsible instead, e.g. Trafikverket or Botkyrkabyggen."),
        widget=forms.TextInput(attrs={"list": "forward-suggestions", "autocomplete": "off"}),
        error_messages={"required": _("Say to whom the case was forwarded.")},
    )
    public_text = public_note_field(required=False)


def commitment_label(commitment: Commitment) -> str:
    return f"{commitment.reference} {commitment} ({commitment.document.title})"


class LinkForm(forms.Form):
    commitment = forms.ModelChoiceField(
        label=_("Commitment"),
        queryset=Commitment.objects.none(),
        empty_label=_("Choose a commitment"),
        error_messages={
            "required": _("Choose the commitment the case is about."),
            "invalid_choice": _("Choose one of the current commitments in the list."),
        },
    )

    def __init__(self, *args, commitments: QuerySet[Commitment], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commitment"].queryset = commitments
        self.fields["commitment"].label_from_instance = commitment_label


class UnlinkForm(forms.Form):
    """The button beside a linked commitment; a commitment not linked is an error of the whole form."""

    commitment = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, commitments: QuerySet[Commitment], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.commitments = commitments

    def clean(self) -> dict:
        cleaned = super().clean()
        pk = cleaned.get("commitment")
        found = self.commitments.filter(pk=pk).first() if pk is not None else None
        if found is None:
            raise ValidationError(_("The case is not linked to that commitment."))
        cleaned["commitment"] = found
        return cleaned


class PhotoForm(forms.Form):
    """Approve (publish=1) or reject (publish=0) one photo."""

    photo = forms.IntegerField(widget=forms.HiddenInput)
    publish = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1", widget=forms.HiddenInput
    )
