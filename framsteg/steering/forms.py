"""Forms for reporting status, deciding document links and importing documents."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from framsteg.organisations.models import Organisation
from framsteg.steering.models import Commitment, FollowUpPeriod, Status, StatusUpdate, SteeringDocument
from framsteg.steering.services.importing import DocumentReadError, ImportRequest, parse_period
from framsteg.steering.services.reporting import Report

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
ZIP = b"PK\x03\x04"
# Extension → how a genuine file of that type starts (None: plain text, checked for binary content instead).
EVIDENCE_SIGNATURES: dict[str, bytes | None] = {
    "pdf": b"%PDF",
    "docx": ZIP,
    "xlsx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "png": b"\x89PNG",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
    "txt": None,
    "csv": None,
}
EVIDENCE_TYPES_LABEL = "PDF, Word (.docx), Excel (.xlsx), OpenDocument (.odt, .ods), PNG, JPG, TXT, CSV"
MAX_LINKS = 3


def status_choices(statuses: list[Status], empty_label: str) -> list[tuple[str, str]]:
    return [("", empty_label)] + [(str(status.pk), status.label) for status in statuses]


def resolve_progress(progress: int | None, status: Status) -> int | None:
    """An empty progress takes the status's usual value (0 for "not started", 100 for "done")."""
    return progress if progress is not None else status.default_progress


class StatusUpdateFields(forms.Form):
    """Status, progress, comment and reason, checked by the same rules as the model."""

    status = forms.TypedChoiceField(label=_("Status"), coerce=int, required=False)
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
        error_messages={
            "min_value": _("Progress is a percentage from 0 to 100."),
            "max_value": _("Progress is a percentage from 0 to 100."),
            "invalid": _("Write progress as a whole number from 0 to 100."),
        },
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    status_empty_label = _("Choose a status")

    def __init__(
        self,
        *args,
        statuses: list[Status],
        commitment: Commitment | None = None,
        period: FollowUpPeriod | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.statuses = {status.pk: status for status in statuses}
        self.commitment = commitment
        self.period = period
        self.fields["status"].choices = status_choices(statuses, self.status_empty_label)
        needing_reason = [status.label for status in statuses if status.requires_reason]
        if needing_reason:
            self.fields["reason"].help_text = _("Required for: %(statuses)s.") % {
                "statuses": ", ".join(needing_reason)
            }
        without_progress = [status.label for status in statuses if not status.asks_progress]
        if without_progress:
            self.fields["progress"].help_text = _("Not asked for: %(statuses)s.") % {
                "statuses": ", ".join(without_progress)
            }

    def clean_status(self) -> Status | None:
        pk = self.cleaned_data.get("status")
        if pk in (None, ""):
            return None
        if pk not in self.statuses:
            raise ValidationError(_("Choose one of the statuses in the list."))
        return self.statuses[pk]

    def check_update(self, cleaned: dict) -> None:
        """Fill in progress and apply `StatusUpdate.clean()` so forms and model agree on the rules."""
        status = cleaned.get("status")
        if status is None:
            if "status" not in self.errors:
                self.add_error("status", _("Choose a status."))
            return
        if not status.asks_progress:
            # The status says nothing about how far the work has come: whatever the field holds (the
            # previous report's figure, filled in) is not saved, and a wrong value is no error.
            self.errors.pop("progress", None)
            cleaned["progress"] = None
        elif "progress" not in self.errors:
            progress = resolve_progress(cleaned.get("progress"), status)
            if progress is None:
                self.add_error("progress", _("Give progress as a percentage from 0 to 100."))
            else:
                cleaned["progress"] = progress
        try:
            checked = cleaned.get("progress") if not status.asks_progress else cleaned.get("progress") or 0
            self.report(cleaned={**cleaned, "progress": checked}).unsaved().clean()
        except ValidationError as error:
            self.add_error(None, error)

    def report(self, organisation: Organisation | None = None, cleaned: dict | None = None) -> Report:
        """The form's report on its commitment, on behalf of `organisation`."""
        cleaned = self.cleaned_data if cleaned is None else cleaned
        return Report(
            commitment=self.commitment,
            period=self.period,
            status=cleaned["status"],
            progress=cleaned["progress"],
            comment=cleaned.get("comment", ""),
            reason=cleaned.get("reason", ""),
            organisation=organisation,
            corrects=cleaned.get("corrects"),
            correction_note=cleaned.get("correction_note", ""),
        )


class ReportForm(StatusUpdateFields):
    """One commitment's report for the open period, optionally correcting an earlier report."""

    corrects = forms.ModelChoiceField(
        label=_("This corrects an earlier report"),
        queryset=StatusUpdate.objects.none(),
        required=False,
        empty_label=_("No – this is a new report"),
        help_text=_(
            "Earlier reports are never changed. A correction is shown together with the report it corrects."
        ),
    )
    correction_note = forms.CharField(
        label=_("What the correction corrects"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("At most 10 MB. Allowed types: %(types)s.") % {"types": EVIDENCE_TYPES_LABEL},
    )

    field_order = ["status", "progress", "comment", "reason", "corrects", "correction_note", "file"]

    def __init__(self, *args, history: list[StatusUpdate], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        corrects = self.fields["corrects"]
        corrects.queryset = self.commitment.status_updates.select_related("status", "period")
        corrects.label_from_instance = update_label
        if not history:
            del self.fields["corrects"]
            del self.fields["correction_note"]
        self.fields["progress"].help_text = " ".join(
            str(text)
            for text in filter(
                None,
                [
                    _(
                        "Filled in with the latest reported progress. Leave it empty to use the status's "
                        "usual value, if it has one."
                    )
                    if history
                    else _("Leave it empty to use the status's usual value, if it has one."),
                    self.fields["progress"].help_text,
                ],
            )
        )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            check_evidence_file(upload)
        return upload

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("correction_note", "").strip() and not cleaned.get("corrects"):
            self.add_error("corrects", _("Choose the report your note corrects, or empty the note."))
        self.check_update(cleaned)
        return cleaned


def update_label(update: StatusUpdate) -> str:
    values = {
        "date": update.created_at.date().isoformat() if update.created_at else "",
        "status": update.status.label,
        "progress": update.progress,
        "period": update.period.short_label,
        "author": update.author_name,
    }
    if update.progress is None:
        return _("%(date)s – %(status)s (%(period)s, %(author)s)") % values
    return _("%(date)s – %(status)s, %(progress)s %% (%(period)s, %(author)s)") % values


def check_evidence_file(upload) -> None:
    """Refuse large files and types people cannot open safely, by extension and by the file's first bytes."""
    name = PurePath(upload.name).name
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in EVIDENCE_SIGNATURES:
        raise ValidationError(
            _("“%(name)s” cannot be attached. Allowed file types: %(types)s."),
            params={"name": name, "types": EVIDENCE_TYPES_LABEL},
            code="file_type",
        )
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is %(size)s; files may be at most 10 MB."),
            params={"name": name, "size": filesizeformat(upload.size)},
            code="file_size",
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    signature = EVIDENCE_SIGNATURES[extension]
    genuine = head.startswith(signature) if signature is not None else b"\x00" not in head
    if not genuine:
        raise ValidationError(
            _("“%(name)s” does not look like a .%(extension)s file. Check the file and choose it again."),
            params={"name": name, "extension": extension},
            code="file_content",
        )


class EvidenceLinkForm(forms.Form):
    title = forms.CharField(label=_("Link title"), max_length=300, required=False)
    url = forms.URLField(
        label=_("Address (URL)"),
        max_length=1000,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Write a full address, e.g. https://www.botkyrka.se/…")},
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("title") and not cleaned.get("url") and "url" not in self.errors:
            self.add_error("url", _("Give the address the title belongs to, or empty the title."))
        return cleaned


EvidenceLinkFormSet = forms.formset_factory(
    EvidenceLinkForm, extra=MAX_LINKS, max_num=MAX_LINKS, absolute_max=MAX_LINKS, validate_max=True
)


def given_links(formset) -> list[tuple[str, str]]:
    """The (title, address) pairs filled in on a valid `EvidenceLinkFormSet`."""
    return [
        (form.cleaned_data.get("title", ""), form.cleaned_data["url"])
        for form in formset
        if form.cleaned_data.get("url")
    ]


class BulkRowForm(StatusUpdateFields):
    """One row of the table; a row the user did not touch is not saved."""

    commitment_id = forms.IntegerField(widget=forms.HiddenInput)
    status_empty_label = _("Not now")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Compare with what the user saw, not with the database, which may have moved on since.
        self.fields["progress"].show_hidden_initial = True

    @property
    def touched(self) -> bool:
        return any(name in self.changed_data for name in ("status", "progress", "comment", "reason"))

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.touched:
            self.check_update(cleaned)
        return cleaned


class BaseBulkFormSet(forms.BaseFormSet):
    def __init__(self, *args, commitments: dict[int, Commitment], period: FollowUpPeriod, **kwargs) -> None:
        self.commitments = commitments
        self.period = period
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["period"] = self.period
        return kwargs

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        commitment_id = form.initial.get("commitment_id")
        if form.is_bound:
            raw = form.data.get(form.add_prefix("commitment_id"), "")
            commitment_id = int(raw) if str(raw).isdigit() else None
        form.commitment = self.commitments.get(commitment_id)
        return form

    def clean(self) -> None:
        seen = set()
        for form in self.forms:
            if form.commitment is None or form.commitment.pk in seen:
                raise ValidationError(_("The table is out of date. Reload the page and fill it in again."))
            seen.add(form.commitment.pk)

    @property
    def touched_forms(self) -> list[BulkRowForm]:
        return [form for form in self.forms if form.touched]


def bulk_formset_class(count: int) -> type[BaseBulkFormSet]:
    return forms.formset_factory(
        BulkRowForm, formset=BaseBulkFormSet, extra=0, max_num=count, absolute_max=count, validate_max=True
    )


class ImportDetailsForm(forms.Form):
    """What the file alone cannot say: kind, title, author, period, adoption date, source."""

    kind = forms.ChoiceField(label=_("Kind of document"), choices=SteeringDocument.Kind.choices)
    document = forms.ModelChoiceField(
        label=_("New version of"),
        queryset=SteeringDocument.objects.all(),
        required=False,
        empty_label=_("A new document (or the one with the same title)"),
        help_text=_("Choose a document to import a new version of it; its status history is kept."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to use the document's heading."),
    )
    author = forms.CharField(
        label=_("Author"), max_length=200, required=False, help_text=_("A party, a majority, the council …")
    )
    period = forms.CharField(
        label=_("Period"), max_length=20, required=False, help_text=_("A year or two years, e.g. 2023–2026.")
    )
    adopted_on = forms.DateField(
        label=_("Adopted on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    standing = forms.ChoiceField(
        label=_("Adopted or a proposal"),
        choices=[
            ("", _("As the kind says (a party programme is a proposal)")),
            *SteeringDocument.Standing.choices,
        ],
        required=False,
        help_text=_("Only adopted documents carry commitments that organisations report on."),
    )
    proposed_by = forms.CharField(
        label=_("Proposed by"),
        max_length=200,
        required=False,
        help_text=_("The party or group behind a proposal."),
    )
    source_url = forms.URLField(label=_("Source address"), required=False, assume_scheme="https")

    def clean_period(self) -> str:
        period = self.cleaned_data["period"].strip()
        try:
            parse_period(period)
        except DocumentReadError as error:
            raise ValidationError(str(error)) from None
        return period

    def import_request(self) -> ImportRequest:
        data = self.cleaned_data
        document = data.get("document")
        return ImportRequest(
            kind=data["kind"],
            title=data["title"].strip() or (document.title if document else ""),
            author=data["author"].strip(),
            period=data["period"],
            adopted_on=data["adopted_on"],
            source_url=data["source_url"],
            slug=document.slug if document else "",
            standing=data.get("standing", ""),
            proposed_by=data.get("proposed_by", "").strip(),
        )


IMPORT_EXTENSIONS = (".txt", ".html", ".htm", ".docx")


class ImportUploadForm(ImportDetailsForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A Word document (.docx), a saved web page (.html) or a text file (.txt, UTF-8)."),
    )

    field_order = [
        "file",
        "kind",
        "standing",
        "proposed_by",
        "document",
        "title",
        "author",
        "period",
        "adopted_on",
        "source_url",
    ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(IMPORT_EXTENSIONS):
            raise ValidationError(
                _("“%(name)s” cannot be imported. Choose a .docx, .html or .txt file."),
                params={"name": PurePath(upload.name).name},
            )
        if upload.size > EVIDENCE_MAX_BYTES:
            raise ValidationError(_("The file is larger than 10 MB."))
        return upload


class PendingImportForm(ImportDetailsForm):
    """The details again, as hidden fields, plus where the uploaded bytes wait and what was previewed."""

    token = forms.RegexField(regex=r"^[A-Za-z0-9_-]{20,64}$", widget=forms.HiddenInput)
    filename = forms.CharField(max_length=255, widget=forms.HiddenInput)
    fingerprint = forms.CharField(max_length=64, widget=forms.HiddenInput)


class StandingForm(forms.Form):
    """Whether a document is adopted (by which body, when) or a proposal (by which party or group)."""

    standing = forms.ChoiceField(
        label=_("Adopted or a proposal"),
        choices=SteeringDocument.Standing.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Only adopted documents carry commitments that organisations report on. A proposal's points are "
            "compared with the adopted plan and nobody is asked to report on them."
        ),
    )
    adopted_by_body = forms.ChoiceField(
        label=_("Adopted by (kind of body)"),
        choices=[("", _("Not recorded")), *SteeringDocument.Body.choices],
        required=False,
    )
    adopted_by = forms.ModelChoiceField(
        label=_("Adopted by"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("Not recorded"),
        help_text=_("For an adopted document: the council, committee or board that adopted it."),
    )
    adopted_on = forms.DateField(
        label=_("Adopted on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    proposed_by = forms.CharField(
        label=_("Proposed by"),
        max_length=200,
        required=False,
        help_text=_("For a proposal: the party or group behind it."),
    )

    def clean(self):
        data = super().clean()
        proposal = data.get("standing") == SteeringDocument.Standing.PROPOSAL
        if proposal and not data.get("proposed_by", "").strip():
            self.add_error("proposed_by", _("Say which party or group made the proposal."))
        return data


class AddMatchForm(forms.Form):
    """A match staff found themselves: a point of the proposal and the adopted commitment that takes it up."""

    point = forms.ModelChoiceField(label=_("Point of the proposal"), queryset=Commitment.objects.none())
    commitment = forms.ModelChoiceField(
        label=_("Adopted commitment that takes it up"), queryset=Commitment.objects.none()
    )

    def __init__(self, *args, document: SteeringDocument, **kwargs):
        super().__init__(*args, **kwargs)
        points = Commitment.objects.current().filter(document=document).select_related("area")
        self.fields["point"].queryset = points.order_by("area__position", "position")
        self.fields["point"].label_from_instance = lambda point: f"{point.reference} {point.text}"
        adopted = Commitment.objects.reportable().select_related("area", "document")
        self.fields["commitment"].queryset = adopted.order_by("document__title", "area__position", "position")
        self.fields["commitment"].label_from_instance = lambda commitment: (
            f"{commitment.reference} {commitment.text} ({commitment.document.title})"
        )
