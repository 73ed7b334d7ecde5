"""E-mail to residents about their case: a receipt for a web report, and a message when its status changes.

Both are plain text in the resident's language (`Case.language`), from DEFAULT_FROM_EMAIL with replies to the
safety mailbox (which adds a reply to the case, as for answers), marked `Auto-Submitted: auto-generated`.
They repeat nothing the resident typed: only the reference, fixed text, what staff did (a status, the
reference of the case a report was merged into, whom it was forwarded to) and the private follow link.

Each carries a link to stop them (`stop_url`: a page reached with the follow token, also named in
`List-Unsubscribe` with `List-Unsubscribe-Post` for one-click unsubscribing, RFC 8058). Stopping ends the
status e-mails only: an answer from staff is what the resident asked for, so it is still e-mailed (see
`handling.answer`), and the follow page always shows everything.

They go only to an address that may be mailed automatically: one the resident gave on the web form or
through Open311, or the verified sender of a safety e-mail that got our confirmation — never an unverified
sender, whose address may be someone else's (see `safety_mail`). Sending happens after the action is
committed (`transaction.on_commit`); a failing mail server never undoes or fails the action: the failure is
logged, and recorded as an EMAILED event with `ok: False`. Every e-mail, sent or failed, is an EMAILED event
(`purpose`: "receipt" or "status") and an audit entry.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from framsteg.audit.services import NOBODY, audited, nothing_changed, record
from framsteg.core.email import EmailNotSent, send_email
from framsteg.dialogue.models import Case, CaseEvent, CaseKind

# Public functions here that only read or compute; every other public function is @audited.
READS = ("stop_url", "may_email_automatically", "status_outcome")

logger = logging.getLogger(__name__)

Status = Case.Status


def stop_url(case: Case) -> str:
    """The resident's page for stopping e-mails about status changes, as a full address."""
    return settings.SITE_URL + reverse("dialogue:follow-stop-emails", args=[case.follow_token])


def may_email_automatically(case: Case) -> bool:
    """Whether framsteg may e-mail the case's resident without a person deciding to: they gave an address
    that is still kept, and, for a safety e-mail, it is the verified sender that got our confirmation."""
    if not case.contact_email or case.personal_data_removed_at is not None:
        return False
    if case.source == Case.Source.EMAIL:
        received = case.events.filter(kind=CaseEvent.Kind.RECEIVED).first()
        if (
            received is None
            or received.data.get("no_confirmation")
            or not received.data.get("sender_verified")
        ):
            return False
    return True


def status_outcome(case: Case, status: str, before: str = "") -> str:
    """What a status means for the resident, as a key the e-mail and the follow page word: a closed case
    says what happened before it was closed ("closed_fixed", "closed_answered"), a case taken up again says
    so ("reopened")."""
    if status == Status.CLOSED:
        if not before:
            last = (
                case.events.filter(kind=CaseEvent.Kind.STATUS, data__after=Status.CLOSED)
                .order_by("-created_at", "-pk")
                .first()
            )
            before = (last.data.get("before") or "") if last is not None else ""
        if before == Status.FIXED:
            return "closed_fixed"
        if before == Status.ANSWERED:
            return "closed_answered"
        return "closed"
    if status == Status.IN_PROGRESS and before == Status.CLOSED:
        return "reopened"
    return str(status)


def _headers(case: Case) -> dict[str, str]:
    return {"List-Unsubscribe": f"<{stop_url(case)}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _send(
    case: Case, purpose: str, subject_template: str, body_template: str, context: dict, **data
) -> CaseEvent:
    """Send one e-mail to the resident and record it (EMAILED event and audit entry), whatever happens."""
    from framsteg.dialogue.services.handling import follow_url, resident_reply_to  # handling calls us

    context = {
        "reference": case.reference,
        "follow_url": follow_url(case),
        "stop_url": stop_url(case),
        "municipality_name": settings.MUNICIPALITY_NAME,
        **context,
    }
    try:
        sent = send_email(
            [case.contact_email],
            subject_template=subject_template,
            body_template=body_template,
            context=context,
            language=case.language,
            auto_submitted="auto-generated",
            reply_to=resident_reply_to(),
            headers=_headers(case),
        )
    except EmailNotSent as error:  # what the e-mail tells about is saved; the failure is only recorded
        logger.exception("The %s e-mail on case %s could not be sent", purpose, case.reference)
        event_data = {"ok": False, "purpose": purpose, "error": error.detail[:300], **data}
    else:
        event_data = {
            "ok": True,
            "purpose": purpose,
            "language": sent.language,
            "subject": sent.subject,
            "sent_message_id": sent.message_id,  # a reply naming it is added to the case
            **data,
        }
    event = CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.EMAILED, data=event_data)
    record(
        "dialogue.email_resident",
        target=case,
        actor=NOBODY,
        details={"event": event.pk, "purpose": purpose, "ok": event_data["ok"], **data},
        with_origin=False,
    )
    return event


@audited("dialogue.email_resident")
def send_receipt(case: Case) -> CaseEvent | None:
    """E-mail the resident who reported on the web the reference and the follow link; None if not sent.

    Called once the report is committed (`intake.submit_case`). Only for web reports with an address.
    """
    case = Case.objects.get(pk=case.pk)
    if case.source != Case.Source.WEB or not may_email_automatically(case):
        nothing_changed()
        return None
    if case.events.filter(kind=CaseEvent.Kind.EMAILED, data__purpose="receipt").exists():
        nothing_changed()  # already sent
        return None
    return _send(
        case,
        "receipt",
        "dialogue/email/receipt_subject.txt",
        "dialogue/email/receipt.txt",
        {"is_safety": case.kind == CaseKind.SAFETY},
    )


@audited("dialogue.email_resident")
def send_status_update(event: CaseEvent) -> CaseEvent | None:
    """E-mail the resident what a status change (`set_status`, `forward`, `merge_duplicate`) means; None if
    nothing was sent: no address that may be mailed, the resident stopped these e-mails, or the change is
    "answered" and the answer itself was just e-mailed.

    Called once the change is committed (see `handling`), with the change's public event.
    """
    event = CaseEvent.objects.select_related("case", "case__duplicate_of").get(pk=event.pk)
    case = event.case
    status = event.data.get("after") or ""
    if not status or case.status_emails_stopped_at is not None or not may_email_automatically(case):
        nothing_changed()
        return None
    if case.events.filter(kind=CaseEvent.Kind.EMAILED, data__status_event=event.pk).exists():
        nothing_changed()  # already sent
        return None
    if status == Status.ANSWERED and _answer_emailed_since_last_change(case, event):
        nothing_changed()  # the answer e-mail already told the resident
        return None
    outcome = status_outcome(case, status, event.data.get("before") or "")
    return _send(
        case,
        "status",
        "dialogue/email/status_subject.txt",
        "dialogue/email/status.txt",
        {
            "outcome": outcome,
            "merged_into": event.data.get("into") or "",
            "forwarded_to": event.data.get("forwarded_to") or case.forwarded_to,
        },
        status=status,
        status_event=event.pk,
    )


def _answer_emailed_since_last_change(case: Case, event: CaseEvent) -> bool:
    previous = (
        case.events.filter(kind__in=[CaseEvent.Kind.STATUS, CaseEvent.Kind.MERGED], pk__lt=event.pk)
        .order_by("-pk")
        .first()
    )
    answers = case.events.filter(kind=CaseEvent.Kind.EMAILED, data__ok=True, data__has_key="answer")
    if previous is not None:
        answers = answers.filter(pk__gt=previous.pk)
    return answers.exists()


@audited("dialogue.stop_status_emails")
def stop_status_emails(case: Case) -> bool:
    """The resident wants no more e-mails about status changes; False if they had already said so."""
    updated = Case.objects.filter(pk=case.pk, status_emails_stopped_at__isnull=True).update(
        status_emails_stopped_at=timezone.now()
    )
    case.refresh_from_db(fields=["status_emails_stopped_at"])
    if not updated:
        nothing_changed()
        return False
    record(
        "dialogue.stop_status_emails",
        target=case,
        actor=NOBODY,
        after={"status_emails": False},
        with_origin=False,
    )
    return True


@audited("dialogue.resume_status_emails")
def resume_status_emails(case: Case) -> bool:
    """The resident wants e-mails about status changes again; False if they were not stopped."""
    updated = Case.objects.filter(pk=case.pk, status_emails_stopped_at__isnull=False).update(
        status_emails_stopped_at=None
    )
    case.refresh_from_db(fields=["status_emails_stopped_at"])
    if not updated:
        nothing_changed()
        return False
    record(
        "dialogue.resume_status_emails",
        target=case,
        actor=NOBODY,
        after={"status_emails": True},
        with_origin=False,
    )
    return True
