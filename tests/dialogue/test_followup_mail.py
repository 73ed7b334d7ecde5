"""A resident's e-mail about their case is added to it, instead of becoming a new case."""

from __future__ import annotations

import io

import pytest
from django.core import mail as outbox
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from PIL import Image

from framsteg.core import email
from framsteg.dialogue.mail.parsing import parse_bytes
from framsteg.dialogue.mail.sources import read_maildir
from framsteg.dialogue.models import Case, CaseEvent, CaseKind
from framsteg.dialogue.services.safety_mail import register_message
from tests import factories as base_factories
from tests.dialogue import factories
from tests.dialogue.test_mail import (
    RECEIVED_AT,
    built_message,
    fixture,
    jpeg_with_gps,
    make_maildir,
)
from tests.dialogue.test_mail import setup as mail_setup  # noqa: F401  (autouse: settings and districts)

pytestmark = pytest.mark.django_db

# The Message-ID that reply-to-confirmation.eml answers.
CONFIRMATION_ID = "<177316530912.4242.1234567890123456789@botkyrka.se>"


@pytest.fixture
def register(django_capture_on_commit_callbacks):
    """Register a message the way the readers do, with what is sent on commit sent at once."""

    def register(source, received_at=RECEIVED_AT):
        message = parse_bytes(fixture(source)) if isinstance(source, str) else source
        with django_capture_on_commit_callbacks(execute=True):
            return register_message(message, received_at=received_at)

    return register


@pytest.fixture
def confirmed(register, monkeypatch):
    """Sara Lind's safety report 2026-00001, registered from her e-mail and confirmed with CONFIRMATION_ID."""
    monkeypatch.setattr(email, "make_msgid", lambda domain=None: CONFIRMATION_ID)
    case = register("iphone-plain.eml").case
    outbox.outbox.clear()
    return case


def messages_on(case: Case):
    return CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.RESIDENT)


# --- The confirmation can be answered ----------------------------------------------------------------------


def test_the_confirmation_has_a_message_id_kept_with_the_case_and_replies_go_to_the_safety_address(register):
    case = register("iphone-plain.eml").case

    [confirmation] = outbox.outbox
    sent_id = confirmation.message()["Message-ID"]
    emailed = case.events.get(kind=CaseEvent.Kind.EMAILED)
    assert sent_id.startswith("<") and sent_id.endswith("@botkyrka.se>")
    assert emailed.data["sent_message_id"] == sent_id
    assert confirmation.reply_to == ["trygghet@botkyrka.se"]
    body = confirmation.body.lower()
    assert "reply to this e-mail" in body or "svara på det här mejlet" in body


# --- Replies and references --------------------------------------------------------------------------------


def test_a_reply_to_the_confirmation_is_added_to_the_case_with_its_photo(register, confirmed):
    before = Case.objects.get(pk=confirmed.pk).updated_at

    registered = register("reply-to-confirmation.eml")

    assert registered.result == "added" and registered.case == confirmed
    assert Case.objects.count() == 1
    event = messages_on(confirmed).get()
    assert event == registered.event
    assert event.is_public and event.author is None
    assert event.text.startswith("Hej igen!\n\nNu har även lampan vid trappan")
    assert event.text.endswith("Sara")
    assert "skrev Botkyrka kommun" not in event.text and "> " not in event.text
    assert event.data["source"] == Case.Source.EMAIL
    assert event.data["message_id"] == "<8F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0@example.se>"
    [photo_id] = event.data["photos"]
    photo = confirmed.photos.get(pk=photo_id)
    assert not photo.is_public
    with Image.open(io.BytesIO(photo.image.read())) as image:
        assert image.size == (48, 36)
    confirmed.refresh_from_db()
    assert confirmed.status == Case.Status.RECEIVED and confirmed.updated_at > before
    assert not outbox.outbox  # no confirmation of a confirmation


def test_a_reply_is_matched_by_in_reply_to_alone(register, confirmed):
    Case.objects.filter(pk=confirmed.pk).update(contact_email="sara@annan.example")
    reply = built_message(
        "Lampan är fortfarande släckt.",
        From="Sara Lind <sara.lind@example.se>",
        Subject="Re: Lampan",
        Message_ID="<reply-1@example.se>",
        In_Reply_To=CONFIRMATION_ID,
    )

    registered = register(reply)

    assert registered.result == "added" and registered.case == confirmed
    assert messages_on(confirmed).get().text == "Lampan är fortfarande släckt."


def test_a_reply_is_matched_by_references_too(register, confirmed):
    reply = built_message(
        "Jag glömde säga att det gäller båda lamporna.",
        From="Sara Lind <sara.lind@example.se>",
        Subject="Re: Lampan",
        Message_ID="<reply-2@example.se>",
        References=f"<5E9A3C1B-2F4D-4E8A-9C7B-1D2E3F4A5B6C@example.se> {CONFIRMATION_ID}",
    )

    assert register(reply).result == "added"


def test_a_reply_read_twice_is_added_once(register, confirmed):
    first = register("reply-to-confirmation.eml")
    second = register("reply-to-confirmation.eml")

    assert (first.result, second.result) == ("added", "duplicate")
    assert messages_on(confirmed).count() == 1 and confirmed.photos.count() == 1
    assert Case.objects.count() == 1


def test_the_residents_own_address_and_the_reference_add_to_the_case(register):
    case = factories.make_case(contact_email="lina.ek@example.se", year=2026, number=42)
    message = built_message(
        "Det har kommit nytt klotter på samma vägg.",
        From="Lina Ek <LINA.EK@Example.SE>",
        Subject="Angående 2026-00042",
    )

    registered = register(message)

    assert registered.result == "added" and registered.case == case
    assert messages_on(case).get().text == "Det har kommit nytt klotter på samma vägg."
    assert Case.objects.count() == 1


def test_the_reference_in_the_text_is_enough(register):
    case = factories.make_case(contact_email="lina.ek@example.se", year=2026, number=42)
    message = built_message("Hej! Jag vill lägga till något i ärende 2026-00042: det luktar bränt.")

    assert register(message).case == case


def test_a_message_quoting_a_reference_from_another_sender_becomes_a_new_case(register, confirmed):
    registered = register("reference-from-another-sender.eml")

    assert registered.result == "created" and registered.case != confirmed
    assert registered.case.contact_email == "per.holm@example.net"
    assert "2026-00001" in registered.case.description
    assert not messages_on(confirmed).exists()
    assert Case.objects.count() == 2
    [confirmation] = outbox.outbox
    assert confirmation.to == ["per.holm@example.net"]


def test_an_unknown_reference_makes_a_new_case(register):
    message = built_message("Samma sak som 2026-09999.", Subject="Om 2026-09999")

    assert register(message).result == "created"


def test_an_automatic_reply_to_the_confirmation_is_not_a_message_from_the_resident(register, confirmed):
    away = built_message(
        "Jag är på semester till den 20 mars.",
        From="Sara Lind <sara.lind@example.se>",
        Subject="Automatiskt svar: Vi har tagit emot din trygghetsanmälan 2026-00001",
        Message_ID="<away-1@example.se>",
        In_Reply_To=CONFIRMATION_ID,
        Auto_Submitted="auto-replied",
    )

    registered = register(away)

    assert registered.result == "created" and not messages_on(confirmed).exists()


@pytest.mark.parametrize("state", ["merged", "removed"])
def test_a_case_that_takes_no_more_messages_gets_a_new_case_instead(register, confirmed, state):
    if state == "merged":
        main = factories.make_case()
        Case.objects.filter(pk=confirmed.pk).update(status=Case.Status.DUPLICATE, duplicate_of=main)
    else:
        Case.objects.filter(pk=confirmed.pk).update(
            status=Case.Status.CLOSED, personal_data_removed_at=timezone.now(), contact_email=""
        )

    registered = register("reply-to-confirmation.eml")

    assert registered.result == "created" and registered.case != confirmed
    assert not messages_on(confirmed).exists()


def test_pictures_beyond_the_cases_room_are_listed_for_staff(register, confirmed, settings):
    settings.DIALOGUE_PHOTOS_PER_CASE = 1
    factories.make_photo(confirmed)

    registered = register("reply-to-confirmation.eml")

    event = registered.event
    assert event.data["photos"] == [] and confirmed.photos.count() == 1
    [not_saved] = event.data["attachments_not_saved"]
    assert not_saved["name"] == "IMG_2044.jpeg"
    assert "redan" in not_saved["reason"]  # the staff language, Swedish


def test_pictures_added_by_e_mail_lose_their_gps_position(register, confirmed):
    reply = built_message(
        "En bild till.", From="Sara Lind <sara.lind@example.se>", In_Reply_To=CONFIRMATION_ID
    )
    reply.add_attachment(jpeg_with_gps(), maintype="image", subtype="jpeg", filename="gps.jpg")

    event = register(reply).event

    stored = confirmed.photos.get(pk=event.data["photos"][0]).image.read()
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()


def test_a_reply_with_only_a_picture_says_so(register, confirmed):
    reply = built_message(
        "", From="Sara Lind <sara.lind@example.se>", Subject="Re:", In_Reply_To=CONFIRMATION_ID
    )
    reply.add_attachment(factories.jpeg_bytes(), maintype="image", subtype="jpeg", filename="bild.jpg")

    event = register(reply).event

    with translation.override("sv"):  # written for staff, in the site's language
        assert event.text == gettext("(The e-mail had no text, only attachments.)")


# --- Mailboxes and the command -----------------------------------------------------------------------------


def test_the_maildir_reader_reports_messages_added_to_cases(tmp_path, confirmed):
    make_maildir(tmp_path / "trygghet", "reply-to-confirmation.eml")

    report = read_maildir(tmp_path / "trygghet")

    assert report.added == [confirmed.reference] and not report.created and not report.failed
    assert len(list((tmp_path / "trygghet" / ".Processed" / "cur").iterdir())) == 1


def test_a_dry_run_says_which_case_a_message_would_be_added_to(tmp_path, confirmed):
    make_maildir(tmp_path / "trygghet", "reply-to-confirmation.eml")

    report = read_maildir(tmp_path / "trygghet", dry_run=True)

    assert report.would_add == [confirmed.reference] and not report.would_create
    assert not messages_on(confirmed).exists()


def test_the_command_names_the_cases_messages_were_added_to(tmp_path, capsys, confirmed):
    make_maildir(tmp_path / "trygghet", "reply-to-confirmation.eml")

    call_command("read_safety_mail", "--maildir", str(tmp_path / "trygghet"))

    out = capsys.readouterr().out
    assert f": 1 ({confirmed.reference})" in out.splitlines()[1]


# --- Staff -------------------------------------------------------------------------------------------------


def test_staff_see_the_e_mailed_message_and_the_confirmation_in_the_timeline(register, confirmed):
    event = register("reply-to-confirmation.eml").event
    organisation = base_factories.make_organisation("Trygghetsenheten", kind="administration", slug="te")
    Case.objects.filter(pk=confirmed.pk).update(organisation=organisation)
    officer = base_factories.make_user("olle", organisation)
    client = Client(headers={"accept-language": "en"})
    client.force_login(officer)

    html = client.get(reverse("cases:detail", args=[confirmed.year, confirmed.number])).content.decode()

    entry = html[html.index(f'id="event-{event.pk}"') :]
    entry = entry[: entry.index("</li>")]
    assert "Message from the resident" in entry and "Nu har även lampan" in entry
    assert "Sent by e-mail" in entry and "1 photo added to the case." in entry
    assert "Confirmation e-mailed to the resident" in html


def test_a_new_case_from_e_mail_is_unchanged(register):
    registered = register("iphone-plain.eml")

    assert registered.result == "created" and registered.case.kind == CaseKind.SAFETY
    assert not messages_on(registered.case).exists()


# --- Answers can be answered too ------------------------------------------------------------------------


def test_a_reply_to_an_answer_is_added_to_the_case(register, confirmed):
    from framsteg.dialogue.services import handling

    officer = base_factories.make_user("hanna")
    result = handling.answer(confirmed, "Vi har bett fastighetsägaren se över belysningen.", by=officer)
    assert result.emailed
    [sent] = outbox.outbox
    sent_id = sent.message()["Message-ID"]
    assert sent.reply_to == ["trygghet@botkyrka.se"]
    assert (
        confirmed.events.get(kind=CaseEvent.Kind.EMAILED, data__answer=result.event.pk).data[
            "sent_message_id"
        ]
        == sent_id
    )

    reply = built_message(
        "Tack! Lampan vid trappan är också trasig.",
        From="Någon Annan <annan@example.se>",
        Subject="Re: svar",
        In_Reply_To=sent_id,
    )
    registered = register(reply)

    assert registered.case == confirmed
    [message] = messages_on(confirmed)
    assert "Lampan vid trappan" in message.text
    assert Case.objects.count() == 1
