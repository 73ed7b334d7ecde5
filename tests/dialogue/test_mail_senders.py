"""Anyone can write any sender: the safety mailbox trusts only what our own mail server verified.

A confirmation never carries what the sender wrote, goes only to a sender our mail server verified, and a
message is added to an existing case only when its sender is verified; otherwise it becomes a new case that
names the case it points at, for staff to merge.
"""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from django.core import mail as outbox
from django.test import Client
from django.urls import reverse

from framsteg.core import email
from framsteg.dialogue.mail import authentication
from framsteg.dialogue.mail.authentication import parse_results, trusted_results, verify
from framsteg.dialogue.mail.parsing import parse_bytes, parse_message
from framsteg.dialogue.models import Case, CaseEvent
from framsteg.dialogue.services import handling
from framsteg.dialogue.services.safety_mail import register_message
from tests import factories as base_factories
from tests.dialogue.test_mail import RECEIVED_AT, built_message, fixture
from tests.dialogue.test_mail import setup as mail_setup  # noqa: F401  (autouse: settings and districts)

pytestmark = pytest.mark.django_db

CONFIRMATION_ID = "<177316530912.4242.1234567890123456789@botkyrka.se>"
ATTACKER = "attacker.example"


@pytest.fixture
def register(django_capture_on_commit_callbacks):
    def register(source, received_at=RECEIVED_AT):
        message = parse_bytes(fixture(source)) if isinstance(source, str) else source
        with django_capture_on_commit_callbacks(execute=True):
            return register_message(message, received_at=received_at)

    return register


@pytest.fixture
def confirmed(register, monkeypatch):
    """Sara Lind's safety report 2026-00001, from her verified address, confirmed with CONFIRMATION_ID."""
    monkeypatch.setattr(email, "make_msgid", lambda domain=None: CONFIRMATION_ID)
    case = register("iphone-plain.eml").case
    assert case.reference == "2026-00001"
    outbox.outbox.clear()
    return case


def messages_on(case: Case):
    return CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.RESIDENT)


def note_of(case: Case) -> str:
    return case.events.get(kind=CaseEvent.Kind.NOTE).text


def raw_message(headers: str, body: str = "Lampan är släckt igen, 2026-00001.") -> EmailMessage:
    return parse_bytes(
        (headers.strip("\n") + "\nContent-Type: text/plain; charset=utf-8\n\n" + body).encode()
    )


# --- Reading Authentication-Results -----------------------------------------------------------------------


def test_a_header_is_read_with_comments_quotes_versions_and_properties():
    parsed = parse_results(
        "mx1.botkyrka.se 1; dkim=pass (2048-bit key; unprotected (really)) header.d=example.se "
        'header.b="a;b"; spf/1=softfail smtp.mailfrom=x@example.se; '
        'dmarc=fail reason="No valid DKIM; SPF fail" (p=none) header.from=example.se; iprev=pass'
    )

    assert parsed.authserv_id == "mx1.botkyrka.se"
    assert [(r.method, r.result) for r in parsed.results] == [
        ("dkim", "pass"),
        ("spf", "softfail"),
        ("dmarc", "fail"),
        ("iprev", "pass"),
    ]
    assert parsed.results[0].properties == {"header.d": "example.se", "header.b": "a;b"}
    assert parsed.results[2].properties == {"header.from": "example.se"}
    assert parse_results("mx1.botkyrka.se; none").results == []
    assert parse_results("   ") is None


def test_only_our_servers_first_headers_count(settings):
    settings.SAFETY_MAIL_AUTHSERV_ID = "mx1.botkyrka.se"
    message = raw_message(
        """
Received: from mail.example.se by mx1.botkyrka.se
Authentication-Results: MX1.Botkyrka.SE; dmarc=fail header.from=example.se
Received-SPF: Pass (mailfrom) identity=mailfrom
Authentication-Results: mx1.botkyrka.se; dkim=fail header.d=example.se
Authentication-Results: mx.other.example; dmarc=pass header.from=example.se
Authentication-Results: mx1.botkyrka.se; spf=pass smtp.mailfrom=example.se
From: Sara <sara.lind@example.se>
Authentication-Results: mx1.botkyrka.se; iprev=pass
"""
    )

    assert [(r.method, r.result) for r in trusted_results(message)] == [("dmarc", "fail"), ("dkim", "fail")]


def test_a_later_header_of_our_own_server_cannot_overrule_an_earlier_one(settings):
    settings.SAFETY_MAIL_AUTHSERV_ID = "mx1.botkyrka.se"
    message = raw_message(
        """
Authentication-Results: mx1.botkyrka.se; dmarc=fail header.from=example.se
Authentication-Results: mx1.botkyrka.se; dmarc=pass header.from=example.se; dkim=pass header.d=other.example
From: sara.lind@example.se
"""
    )

    assert verify(message, "sara.lind@example.se").status == authentication.FAILED


@pytest.mark.parametrize(
    ("results", "status", "method"),
    [
        ("dmarc=pass header.from=example.se", authentication.VERIFIED, "dmarc"),
        ("dmarc=pass", authentication.VERIFIED, "dmarc"),
        ("dmarc=pass header.from=other.example", authentication.FAILED, ""),
        ("dkim=pass header.d=example.se", authentication.VERIFIED, "dkim"),
        ("dkim=pass header.i=@example.se", authentication.VERIFIED, "dkim"),
        ("dkim=pass header.d=mailer.example.se", authentication.FAILED, ""),  # a subdomain is not the parent
        ("dkim=pass header.d=se", authentication.FAILED, ""),
        ("dkim=pass header.d=sendgrid.example", authentication.FAILED, ""),
        ("dkim=fail header.d=other.example; dkim=pass header.d=example.se", authentication.VERIFIED, "dkim"),
        ("spf=pass smtp.mailfrom=bounce@example.se", authentication.VERIFIED, "spf"),
        ("spf=pass smtp.mailfrom=bounce@attacker.example", authentication.FAILED, ""),
        ("spf=softfail smtp.mailfrom=example.se; dmarc=temperror", authentication.FAILED, ""),
        ("none", authentication.FAILED, ""),
    ],
)
def test_the_from_domain_is_verified_by_dmarc_or_aligned_dkim_or_spf(settings, results, status, method):
    settings.SAFETY_MAIL_AUTHSERV_ID = "mx1.botkyrka.se"
    message = raw_message(f"Authentication-Results: mx1.botkyrka.se; {results}\nFrom: x@example.se")
    if results == "none":  # a header that says nothing counts as no results
        status = authentication.NO_RESULTS

    verification = verify(message, "x@example.se")

    assert (verification.status, verification.method) == (status, method)


def test_a_subdomain_sender_is_verified_by_its_parents_signature(settings):
    settings.SAFETY_MAIL_AUTHSERV_ID = "mx1.botkyrka.se"
    message = raw_message("Authentication-Results: mx1.botkyrka.se; dkim=pass header.d=example.se")

    assert verify(message, "anna@skola.example.se").verified


def test_nothing_is_verified_without_a_trusted_server_or_its_results(settings):
    message = raw_message("Authentication-Results: mx1.botkyrka.se; dmarc=pass header.from=example.se")
    settings.SAFETY_MAIL_AUTHSERV_ID = ""
    assert verify(message, "x@example.se").status == authentication.NOT_CONFIGURED
    settings.SAFETY_MAIL_AUTHSERV_ID = "mx2.botkyrka.se"
    assert verify(message, "x@example.se").status == authentication.NO_RESULTS
    settings.SAFETY_MAIL_AUTHSERV_ID = "mx2.botkyrka.se, mx1.botkyrka.se"
    assert verify(message, "x@example.se").verified
    assert verify(message, "").status == authentication.NO_FROM


def test_the_from_address_is_verified_not_the_reply_to():
    parsed = parse_message(parse_bytes(fixture("forged-sender.eml")))

    assert parsed.from_email == "sara.lind@example.se"
    assert not parsed.verified and parsed.verification.status == authentication.FAILED


def test_our_fixtures_are_verified_as_our_server_recorded_them():
    for name in (
        "iphone-plain.eml",
        "arabic.eml",
        "reply-to-confirmation.eml",
        "verified-several-results.eml",
    ):
        assert parse_message(parse_bytes(fixture(name))).verified, name
    parsed = parse_message(parse_bytes(fixture("verified-several-results.eml")))
    assert parsed.verification.method == "dmarc"


# --- The attacks ------------------------------------------------------------------------------------------


def test_a_forged_sender_with_the_reference_does_not_add_to_the_residents_case(register, confirmed):
    registered = register("forged-sender.eml")

    assert registered.result == "created" and registered.case != confirmed
    assert not messages_on(confirmed).exists()
    new = registered.case
    received = new.events.get(kind=CaseEvent.Kind.RECEIVED)
    assert received.data["sender_verified"] is False
    assert received.data["verification"] == authentication.FAILED
    assert received.data["names_cases"] == ["2026-00001"]
    assert received.data["no_confirmation"] == "unverified_sender"
    note = note_of(new)
    assert "2026-00001" in note and "sara.lind@example.se" in note
    assert not new.events.filter(is_public=True).exclude(kind=CaseEvent.Kind.RECEIVED).exists()


def test_a_forged_sender_gets_no_confirmation_so_the_victim_receives_nothing(register, confirmed):
    register("forged-sender.eml")

    assert outbox.outbox == []


def test_a_header_forged_with_our_servers_name_below_the_senders_headers_is_ignored(register, confirmed):
    registered = register("forged-trusted-header.eml")

    assert registered.result == "created" and not messages_on(confirmed).exists()
    received = registered.case.events.get(kind=CaseEvent.Kind.RECEIVED)
    assert received.data["verification"] == authentication.NO_RESULTS
    assert outbox.outbox == []


def test_a_verified_message_with_several_result_headers_adds_to_the_case(register, confirmed):
    registered = register("verified-several-results.eml")

    assert registered.result == "added" and registered.case == confirmed
    assert "busshållplatsen" in messages_on(confirmed).get().text


def test_a_reply_naming_our_message_id_is_not_added_when_the_sender_is_not_verified(register, confirmed):
    reply = built_message(
        "Stäng ärendet, det var fel.",
        authenticated=False,
        From="Sara Lind <sara.lind@example.se>",
        Subject="Re: Vi har tagit emot din trygghetsanmälan",
        In_Reply_To=CONFIRMATION_ID,
    )

    registered = register(reply)

    assert registered.result == "created" and not messages_on(confirmed).exists()
    assert "2026-00001" in note_of(registered.case)


def test_without_a_configured_server_every_sender_is_unverified(register, confirmed, settings):
    settings.SAFETY_MAIL_AUTHSERV_ID = ""

    registered = register("verified-several-results.eml")

    assert registered.result == "created" and outbox.outbox == []
    assert registered.case.events.get(kind=CaseEvent.Kind.RECEIVED).data["verification"] == (
        authentication.NOT_CONFIGURED
    )


# --- What a confirmation may say, and to whom ------------------------------------------------------------


def test_a_verified_confirmation_carries_nothing_the_sender_wrote(register):
    message = built_message(
        "Klicka på https://attacker.example/x för att läsa mer.",
        From='"Ditt konto spärras - logga in på https://attacker.example" <lina.ek@example.se>',
        Subject="Viktigt: https://attacker.example/login",
    )

    case = register(message).case

    [confirmation] = outbox.outbox
    assert confirmation.to == ["lina.ek@example.se"]
    whole = str(confirmation.message().as_string())
    assert ATTACKER not in whole and "spärras" not in whole and "Klicka" not in whole
    links = [word for word in confirmation.body.split() if "://" in word]
    assert links == [f"https://framsteg.botkyrka.example/arende/{case.follow_token}/"]


def test_no_confirmation_goes_to_a_reply_to_other_than_the_verified_sender(register):
    message = built_message(From="Lina Ek <lina.ek@example.se>", Reply_To="offer@victim.example")

    case = register(message).case

    assert outbox.outbox == []
    assert case.contact_email == "offer@victim.example"
    received = case.events.get(kind=CaseEvent.Kind.RECEIVED)
    assert received.data["no_confirmation"] == "reply_to_differs"
    assert "offer@victim.example" in note_of(case)


def test_an_unverified_sender_without_a_reference_gets_a_new_case_and_a_note(register):
    case = register(built_message(authenticated=False)).case

    assert outbox.outbox == []
    assert "lina.ek@example.se" in note_of(case)
    assert not case.events.get(kind=CaseEvent.Kind.RECEIVED).data["sender_verified"]


# --- Staff see it and can merge --------------------------------------------------------------------------


def test_staff_read_why_and_can_merge_the_new_case_into_the_named_one(register, confirmed):
    new = register("forged-sender.eml").case
    organisation = base_factories.make_organisation("Trygghetsenheten", kind="administration", slug="te")
    Case.objects.filter(pk__in=[new.pk, confirmed.pk]).update(organisation=organisation)
    officer = base_factories.make_user("olle", organisation)
    client = Client(headers={"accept-language": "en"})
    client.force_login(officer)

    html = client.get(reverse("cases:detail", args=[new.year, new.number])).content.decode()

    assert "2026-00001" in html and "sara.lind@example.se" in html
    new.refresh_from_db()
    handling.merge_duplicate(new, confirmed, by=officer)
    new.refresh_from_db()
    assert new.duplicate_of == confirmed
