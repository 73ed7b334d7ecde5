"""Which existing case a resident's message adds to: a reply to our confirmation, or a message that names a
case's reference and comes from the address the case has for the resident."""

from __future__ import annotations

import re
from email.message import EmailMessage

from framsteg.dialogue.mail.parsing import ParsedMail, header_text
from framsteg.dialogue.models import Case, CaseEvent
from framsteg.dialogue.services.followup import accepts_messages

# A case reference such as 2026-00042, in a subject or text.
CASE_REFERENCE = re.compile(r"\b(20\d\d)-(\d{5})\b")
# One Message-ID in In-Reply-To or References.
MESSAGE_ID = re.compile(r"<[^<>\s]+>")


def case_replied_to(message: EmailMessage, parsed: ParsedMail) -> Case | None:
    """The existing case a resident's message adds to, or None when it is to become a new case.

    A reply to our confirmation of a case (its In-Reply-To or References holds the confirmation's
    Message-ID) adds to that case. So does a message whose subject or text gives the reference of a case
    when the sender's address is the one the case has for the resident. Automatic messages (out-of-office
    replies, delivery reports, mailing lists) and cases that take no more messages (merged, or personal data
    removed) never match: such a message becomes a new case, as any other.
    """
    if parsed.no_reply_reason in ("automatic", "mailing_list"):
        return None
    replied = MESSAGE_ID.findall(
        " ".join(header_text(message, name) for name in ("In-Reply-To", "References"))
    )
    if replied:
        confirmation = (
            CaseEvent.objects.filter(kind=CaseEvent.Kind.EMAILED, data__sent_message_id__in=replied)
            .select_related("case")
            .order_by("-created_at", "-pk")
            .first()
        )
        if confirmation is not None and accepts_messages(confirmation.case):
            return confirmation.case
    sender = parsed.sender_email.casefold()
    if not sender:
        return None
    for year, number in dict.fromkeys(CASE_REFERENCE.findall(f"{parsed.subject}\n{parsed.body}")):
        case = Case.objects.filter(year=int(year), number=int(number)).first()
        if (
            case is not None
            and case.contact_email
            and case.contact_email.casefold() == sender
            and accepts_messages(case)
        ):
            return case
    return None
