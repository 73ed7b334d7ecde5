"""One case as staff see it: every detail, the timeline, and a small form for each action.

The action forms are built here (`build_form`) so that the page shows them empty and the actions can show
one of them again with its errors and what was typed.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _

from framsteg.audit.services import record_read
from framsteg.core import panels
from framsteg.core.decorators import staff_page
from framsteg.dialogue import rules
from framsteg.dialogue.forms.staff import (
    FORWARD_SUGGESTIONS,
    AnswerForm,
    AssignForm,
    ForwardForm,
    LinkForm,
    MergeForm,
    NoteForm,
    NoteReviewForm,
    PhotoForm,
    PublicNoteForm,
    ReviewForm,
    RouteForm,
    StatusForm,
    UnlinkForm,
    VisibilityForm,
)
from framsteg.dialogue.models import Case, CaseEvent, Photo, Review
from framsteg.dialogue.redaction import Redaction, kind_label
from framsteg.dialogue.rules import (
    assignable_users,
    can_be_assigned,
    can_handle,
    get_case_or_404,
    visible_cases,
)
from framsteg.dialogue.selectors import answers, publicity
from framsteg.dialogue.selectors.publicity import STATUS_TONES
from framsteg.dialogue.services import handling
from framsteg.dialogue.views.staff import case_url
from framsteg.organisations.models import Organisation
from framsteg.steering.models import Commitment


def linkable_commitments(case: Case, search: str = "") -> QuerySet[Commitment]:
    commitments = (
        Commitment.objects.reportable()
        .exclude(pk__in=case.commitments.values("pk"))
        .select_related("area", "document")
        .order_by("document__title", "document_id", "area__position", "position")
    )
    for word in search.split():
        commitments = commitments.filter(text__icontains=word)
    return commitments


def build_form(name: str, request: HttpRequest, case: Case, data=None) -> forms.Form:
    """The action form `name` for the case, bound to `data` when given, with its own prefix."""
    if name == "route":
        return RouteForm(data, prefix=name, initial={"organisation": case.organisation_id})
    if name == "assign":
        people = assignable_users(case, including=request.user)
        return AssignForm(data, prefix=name, people=people, initial={"assignee": case.assignee_id or ""})
    if name == "status":
        return StatusForm(data, prefix=name, allowed=handling.allowed_statuses(case))
    if name == "note":
        return NoteForm(data, prefix=name)
    if name == "answer":
        return AnswerForm(
            data,
            prefix=name,
            allowed=handling.allowed_statuses(case),
            current_label=case.get_status_display(),
        )
    if name == "review":
        initial = {"published_text": case.published_text, "published_place": case.published_place}
        return ReviewForm(data, prefix=name, initial=initial)
    if name == "publish":
        return VisibilityForm(data, prefix=name, initial={"is_published": case.is_published})
    if name == "public_note":
        return PublicNoteForm(data, prefix=name)
    if name == "note_review":
        return NoteReviewForm(data, prefix=name)
    if name == "merge":
        return MergeForm(data, prefix=name, cases=visible_cases(request.user))
    if name == "forward":
        return ForwardForm(data, prefix=name)
    if name == "link":
        return LinkForm(data, prefix=name, commitments=linkable_commitments(case, request.GET.get("sok", "")))
    if name == "unlink":
        return UnlinkForm(data, prefix=name, commitments=case.commitments.all())
    if name == "photo":
        return PhotoForm(data, prefix=name)
    raise ValueError(name)


ACTION_FORMS = (
    "route",
    "assign",
    "status",
    "note",
    "answer",
    "review",
    "publish",
    "public_note",
    "merge",
    "forward",
    "link",
)


# The kinds `find_personal_data` reports, in words; a kind not named here is shown by its code.
def describe_findings(findings: list[Redaction], text: str) -> list[tuple[str, str]]:
    return [(kind_label(f.kind), text[f.start : f.end]) for f in findings]


@dataclass
class Segment:
    """A piece of a text as the reviewer reads it; `kind` names what the automatic check found in it."""

    text: str
    kind: str = ""


def highlighted(text: str, findings: list[Redaction]) -> list[Segment]:
    """The text cut into plain pieces and findings, for marking the findings up where they stand."""
    segments, position = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < position:
            continue
        if finding.start > position:
            segments.append(Segment(text[position : finding.start]))
        segments.append(Segment(text[finding.start : finding.end], kind_label(finding.kind)))
        position = finding.end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


@dataclass
class ReviewState:
    """What waits for review on the case page, with the automatic check's findings in the resident's text."""

    description: list[Segment]
    description_findings: int
    place: list[Segment]
    place_findings: int
    pending_notes: list[CaseEvent]
    pending_photos: int

    @property
    def finding_count(self) -> int:
        return self.description_findings + self.place_findings


def review_state(case: Case, events: list[CaseEvent], photos: list[Photo]) -> ReviewState:
    description_findings = handling.personal_data_in(case, case.description)
    place_findings = handling.personal_data_in(case, case.place) if case.place else []
    notes = [e for e in events if e.kind == CaseEvent.Kind.PUBLIC_NOTE and e.review == Review.PENDING]
    for note in notes:
        note.findings = describe_findings(handling.personal_data_in(case, note.text), note.text)
    return ReviewState(
        description=highlighted(case.description, description_findings),
        description_findings=len(description_findings),
        place=highlighted(case.place, place_findings),
        place_findings=len(place_findings),
        pending_notes=notes,
        pending_photos=sum(
            1
            for photo in photos
            if photo.review == Review.PENDING and photo.removed_at is None and photo.image
        ),
    )


@dataclass
class TimelineEntry:
    event: CaseEvent
    label: str
    is_public: bool
    tone: str  # "note", "answer", "resident", "warning" or ""
    details: list[str]


def _name(value) -> str:
    if isinstance(value, dict):
        return value.get("name", "")
    return str(value or "")


def timeline(events: list[CaseEvent]) -> list[TimelineEntry]:
    """The case's events as the officer reads them, internal notes and public answers told apart."""
    Kind = CaseEvent.Kind
    organisation_ids = {e.data.get("organisation") for e in events if e.kind == Kind.ROUTED} - {None}
    organisations = dict(Organisation.objects.filter(pk__in=organisation_ids).values_list("pk", "name"))
    statuses = dict(Case.Status.choices)
    entries = []
    for event in events:
        data = event.data or {}
        label, tone, details = event.get_kind_display(), "", []
        if event.kind == Kind.NOTE:
            label, tone = _("Internal note – not shown to the resident"), "note"
        elif event.kind == Kind.ANSWER:
            label, tone = _("Answer – shown only to the resident"), "answer"
        elif event.kind == Kind.PUBLIC_NOTE:
            label = {
                Review.PENDING: _("Public note – waiting for review"),
                Review.REJECTED: _("Public note – rejected, not published"),
            }.get(event.review, _("Public note – published"))
            tone = "public-note"
        elif event.kind == Kind.REVIEWED:
            after = data.get("after")
            what = data.get("what")
            if what == "photo":
                details.append(
                    _("A photo was approved for publication.")
                    if after == Review.APPROVED
                    else _("A photo was rejected: it is not published.")
                )
            elif what == "public_note":
                details.append(
                    _("A public note was approved for publication.")
                    if after == Review.APPROVED
                    else _("A public note was rejected: it is not published.")
                )
            elif after == Review.REJECTED:
                details.append(_("The resident's text was rejected: it is not published. Reason:"))
            else:
                details.append(
                    _("The text was approved for publication: %(text)s")
                    % {"text": (after or {}).get("text", "")}
                )
                if (after or {}).get("place"):
                    details.append(_("Place: %(place)s") % {"place": after["place"]})
            if data.get("personal_data_allowed"):
                details.append(_("Published although the automatic check found personal data."))
        elif event.kind == Kind.ROUTED:
            if "after" in data:
                details.append(
                    _("From %(before)s to %(after)s.")
                    % {"before": _name(data.get("before")) or "–", "after": _name(data.get("after"))}
                )
            elif data.get("organisation"):
                details.append(
                    _("Routed on registration to %(organisation)s.")
                    % {"organisation": organisations.get(data["organisation"], "?")}
                )
            else:
                details.append(_("No routing rule matched: a coordinator routes the case."))
            if data.get("assignee_removed"):
                details.append(
                    _("%(name)s is not a member there and no longer handles the case.")
                    % {"name": _name(data["assignee_removed"])}
                )
        elif event.kind == Kind.ASSIGNED:
            details.append(
                _("From %(before)s to %(after)s.")
                % {
                    "before": _name(data.get("before")) or _("nobody"),
                    "after": _name(data.get("after")) or _("nobody"),
                }
            )
        elif event.kind == Kind.STATUS and "after" in data:
            details.append(
                _("From “%(before)s” to “%(after)s”.")
                % {"before": statuses.get(data.get("before"), "?"), "after": statuses.get(data["after"], "?")}
            )
            if data.get("forwarded_to"):
                details.append(_("Forwarded to %(to)s.") % {"to": data["forwarded_to"]})
        elif event.kind == Kind.MERGED:
            if data.get("into"):
                details.append(_("This case was merged into %(reference)s.") % {"reference": data["into"]})
            elif data.get("duplicate"):
                details.append(
                    _("%(reference)s was merged into this case as a duplicate.")
                    % {"reference": data["duplicate"]}
                )
            elif data.get("after"):
                details.append(
                    _("Now a duplicate of %(after)s, because %(before)s was merged into it.")
                    % {"after": data["after"], "before": data.get("before", "?")}
                )
        elif event.kind == Kind.LINKED:
            for item in data.get("added", []):
                details.append(_("Linked to %(reference)s %(text)s") % item)
            for item in data.get("removed", []):
                details.append(_("Link to %(reference)s %(text)s removed") % item)
        elif event.kind == Kind.PUBLISHED:
            if "photo" in data:
                details.append(
                    _("A photo was published.") if data.get("after") else _("A photo was unpublished.")
                )
            else:
                after = data.get("after") or {}
                details.append(
                    _("Shown in the public list.")
                    if after.get("is_published")
                    else _("Not shown in the public list.")
                )
                if after.get("text") != data.get("before", {}).get("text"):
                    details.append(_("New published text: %(text)s") % {"text": after.get("text", "")})
        elif event.kind == Kind.RESIDENT:
            label, tone = _("Message from the resident"), "resident"
            details = resident_message_details(data)
        elif event.kind == Kind.EMAILED and "ok" in data:
            purpose = data.get("purpose")  # set by notifications: "receipt" or "status"
            if data["ok"] and data.get("auto_reply"):
                label = _("Confirmation e-mailed to the resident")
            elif data["ok"] and purpose == "receipt":
                label = _("Receipt e-mailed to the resident")
            elif data["ok"] and purpose == "status":
                label = _("Status change e-mailed to the resident")
            elif data["ok"]:
                label = _("Answer e-mailed to the resident")
            elif purpose:
                label, tone = _("The e-mail to the resident could not be sent"), "warning"
                details.append(data.get("error", ""))
            else:
                label, tone = _("The answer could not be e-mailed"), "warning"
                details.append(data.get("error", ""))
        shown = publicity.is_public_event(event) or (event.kind == Kind.ANSWER and event.is_public)
        entries.append(TimelineEntry(event, str(label), shown, tone, details))
    return entries


def resident_message_details(data: dict) -> list[str]:
    """What staff need to know about a message from the resident besides its text."""
    details = []
    if data.get("source") == Case.Source.EMAIL:
        details.append(
            _("Sent by e-mail, Message-ID: %(message_id)s") % {"message_id": data.get("message_id", "?")}
        )
    photos = len(data.get("photos") or [])
    if photos:
        details.append(
            ngettext("%(count)d photo added to the case.", "%(count)d photos added to the case.", photos)
            % {"count": photos}
        )
    if data.get("shortened"):
        details.append(
            _("The message was too long and has been shortened; the whole message is in the mailbox.")
        )
    not_saved = data.get("attachments_not_saved") or []
    if not_saved:
        details.append(_("Attachments that are not saved with the case:"))
        details.extend(f"- {item.get('name', '?')}: {item.get('reason', '')}" for item in not_saved)
    return details


def language_name(code: str) -> str:
    try:
        info = get_language_info(code)
    except KeyError:
        return code
    translated = str(info["name_translated"])
    if translated.casefold() == info["name_local"].casefold():
        return translated
    return f"{translated} ({info['name_local']})"


def detail_context(
    request: HttpRequest, case: Case, bound: dict[str, forms.Form], extra: dict | None = None
) -> dict:
    user = request.user
    events = list(case.events.select_related("author"))
    photos = list(case.photos.order_by("pk"))
    merged_photos = list(
        Photo.objects.filter(case__duplicate_of=case, removed_at__isnull=True)
        .exclude(image="")
        .select_related("case")
        .order_by("case__year", "case__number", "pk")
    )
    commitments = list(case.commitments.select_related("area", "document").order_by("document__title", "pk"))
    action_forms = {name: bound.get(name) or build_form(name, request, case) for name in ACTION_FORMS}
    duplicates = list(case.duplicates.order_by("year", "number"))
    main = case.duplicate_of
    main_url = case_url(main) if main is not None and can_handle(user, main) else None
    context = {
        "nav": "staff",
        "case": case,
        "status_tone": STATUS_TONES.get(case.status, "neutral"),
        "is_overdue": handling.is_overdue(case),
        "timeline": timeline(events),
        "photos": photos,
        "merged_photos": merged_photos,
        "review": review_state(case, events, photos),
        "text_state": publicity.text_state(case),
        "public_text": publicity.public_text(case),
        "public_place": publicity.public_place(case),
        "commitments": commitments,
        "question_answers": answers.answer_rows(case, unasked=True),
        "language": language_name(case.language),
        "can_email": handling.can_email(case),
        "can_assign_self": can_be_assigned(user, case) and case.assignee_id != user.pk,
        "forms": action_forms,
        "error_forms": list(bound.values()),
        "has_errors": any(form.errors for form in bound.values()),
        "unlink_error": bound.get("unlink"),
        "photo_error": bound.get("photo"),
        "is_active": case.status in handling.ACTIVE_STATUSES,
        "duplicates": [(duplicate, case_url(duplicate)) for duplicate in duplicates],
        "main": main,
        "main_url": main_url,
        "forward_suggestions": FORWARD_SUGGESTIONS,
        "commitment_search": request.GET.get("sok", ""),
        "urls": {
            name.replace("-", "_"): case_url(case, f"cases:{name.replace('_', '-')}")
            for name in (*ACTION_FORMS, "unlink", "photo-publish", "note-review")
        },
        "detail_url": case_url(case),
        "ask_confirmation": False,
        "panels": panels.render("dialogue.case", request, case=case),
    }
    context.update(extra or {})
    return context


def shows_contact_details(case: Case) -> bool:
    return case.personal_data_removed_at is None and bool(
        case.contact_name or case.contact_email or case.contact_phone
    )


def render_detail(
    request: HttpRequest, case: Case, bound: dict | None = None, extra: dict | None = None, status: int = 200
) -> HttpResponse:
    """The case page; showing the resident's contact details is recorded in the audit log."""
    if shows_contact_details(case):
        record_read("case.personal_data", target=case, actor=request.user)
    return render(
        request,
        "dialogue/staff/detail.html",
        detail_context(request, case, bound or {}, extra),
        status=status,
    )


@staff_page(rules.may_handle_cases)
def detail(request: HttpRequest, year: int, number: int) -> HttpResponse:
    return render_detail(request, get_case_or_404(request.user, year, number))


@staff_page(rules.may_handle_cases)
def photo(request: HttpRequest, pk: int) -> FileResponse:
    """A resident's photo, for staff who may handle the case; never cached by shared caches."""
    found = get_object_or_404(Photo.objects.select_related("case"), pk=pk, removed_at__isnull=True)
    if not found.image or not can_handle(request.user, found.case):
        raise Http404("No such photo")
    try:
        handle = found.image.open("rb")
    except FileNotFoundError:
        raise Http404("No such photo") from None
    content_type = mimetypes.guess_type(found.image.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
