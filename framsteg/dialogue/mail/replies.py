"""Which existing case a resident's message adds to: a reply to one of our e-mails, or a message that names a
case's reference and comes from the address the case has for the resident — in both cases only when our mail
server verified the sender (see `authentication`).

Anyone can write any address in From and any reference in a subject. A message whose sender is not verified
therefore never adds to an existing case: it becomes a new case, and `cases_named` tells staff which cases it
pointed at, so that they can merge it if it is genuine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import EmailMessage

from framsteg.dialogue.mail.parsing import ParsedMail, header_text
from framsteg.dialogue.models import Case, CaseEvent
from framsteg.dialogue.services.followup import accepts_messages

# A case reference such as 2026-00042, in a subject or text.
CASE_REFERENCE = re.compile(r"\b(20\d\d)-(\d{5})\b")
# One Message-ID in In-Reply-To or References.
MESSAGE_ID = re.compile(r"<[^<>\s]+>")


@dataclass(frozen=True)
class Named:
    """An existing case a message points at: `how` is "reply" (it answers one of our e-mails about the case)
    or "reference" (it gives the case's reference); `same_sender` is whether its From address is the one
    the case has for the resident."""

    case: Case
    how: str
    same_sender: bool


def cases_named(message: EmailMessage, parsed: ParsedMail) -> list[Named]:
    """The existing cases the message points at, the case it replies to first; each case once."""
    named: dict[int, Named] = {}
    sender = parsed.from_email.casefold()
    replied = MESSAGE_ID.findall(
        " ".join(header_text(message, name) for name in ("In-Reply-To", "References"))
    )
    if replied:
        ours = (
            CaseEvent.objects.filter(kind=CaseEvent.Kind.EMAILED, data__sent_message_id__in=replied)
            .select_related("case")
            .order_by("-created_at", "-pk")
            .first()
        )
        if ours is not None:
            case = ours.case
            named[case.pk] = Named(case, "reply", _same(case, sender))
    for year, number in dict.fromkeys(CASE_REFERENCE.findall(f"{parsed.subject}\n{parsed.body}")):
        case = Case.objects.filter(year=int(year), number=int(number)).first()
        if case is not None and case.pk not in named:
            named[case.pk] = Named(case, "reference", _same(case, sender))
    return list(named.values())


def _same(case: Case, sender: str) -> bool:
    return bool(sender) and bool(case.contact_email) and case.contact_email.casefold() == sender


def adds_to(named: Named, parsed: ParsedMail) -> bool:
    """Whether the message may be added to the case it points at.

    Only a message from a verified sender, never an automatic one (out-of-office replies, delivery reports,
    mailing lists), and only to a case that still takes messages (not merged, personal data not removed).
    A reply to our e-mail may come from another of the resident's addresses (knowing our Message-ID shows
    that it answers us); a message that only gives the reference must come from the case's own address.
    """
    if parsed.no_reply_reason in ("automatic", "mailing_list") or not parsed.verified:
        return False
    if named.how != "reply" and not named.same_sender:
        return False
    return accepts_messages(named.case)


def case_replied_to(message: EmailMessage, parsed: ParsedMail) -> Case | None:
    """The existing case a resident's message adds to, or None when it is to become a new case."""
    return next((named.case for named in cases_named(message, parsed) if adds_to(named, parsed)), None)
