"""E-mail to the safety address becomes a safety case, confirmed to the sender, and never lost on the way."""

from __future__ import annotations

import io
import mailbox
import os
import time
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.core import mail as outbox
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError
from PIL import ExifTags, Image

from framsteg.dialogue.mail import sources
from framsteg.dialogue.mail.parsing import parse_bytes, parse_message
from framsteg.dialogue.mail.sources import MailboxError, imap_account, read_imap, read_maildir
from framsteg.dialogue.mail.text import clean_text, html_to_text
from framsteg.dialogue.models import Case, CaseEvent, CaseKind, Photo
from framsteg.dialogue.services import safety_mail
from framsteg.dialogue.services.intake import DESCRIPTION_MAX_LENGTH
from framsteg.dialogue.services.safety_mail import MailRefused, case_from_message
from tests.dialogue import factories

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "mail"
RECEIVED_AT = datetime(2026, 3, 10, 20, 14, 7, tzinfo=UTC)


@pytest.fixture(autouse=True)
def setup(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path / "var"
    settings.SITE_URL = "https://framsteg.botkyrka.example"
    settings.DEFAULT_FROM_EMAIL = "Botkyrka kommun <noreply@botkyrka.se>"
    settings.DIALOGUE_SAFETY_ADDRESS = "trygghet@botkyrka.se"
    settings.SAFETY_MAIL_AUTHSERV_ID = "mx1.botkyrka.se"  # the server that delivered the fixtures
    factories.make_districts()


@pytest.fixture
def register(django_capture_on_commit_callbacks):
    """Register a message the way the readers do, with the confirmation sent once the case is committed."""

    def register(source, received_at=RECEIVED_AT):
        message = parse_bytes(fixture(source)) if isinstance(source, str) else source
        with django_capture_on_commit_callbacks(execute=True):
            return case_from_message(message, received_at=received_at)

    return register


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def built_message(
    body="Någon har klottrat på väggen vid Alby gård.", *, authenticated: bool = True, **headers
) -> EmailMessage:
    """A message as our mail server delivers it; `authenticated`: with its DMARC pass for the From domain."""
    message = EmailMessage()
    sender = headers.pop("From", "Lina Ek <lina.ek@example.se>")
    if authenticated:
        domain = sender.rsplit("@", 1)[1].rstrip(">").lower()
        message["Authentication-Results"] = (
            f"mx1.botkyrka.se; spf=pass smtp.mailfrom={domain}; dkim=pass header.d={domain}; "
            f"dmarc=pass (p=reject dis=none) header.from={domain}"
        )
    message["From"] = sender
    message["To"] = "trygghet@botkyrka.se"
    message["Subject"] = headers.pop("Subject", "Klotter")
    message["Message-ID"] = headers.pop("Message_ID", "<built-1@example.se>")
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Model] = "iPhone 13"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (59.0, 11.0, 57.0)}
    )
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), (10, 20, 30)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


# --- Messages become cases ----------------------------------------------------------------------------------


def test_a_message_from_a_phone_becomes_a_safety_case(register):
    case = register("iphone-plain.eml")

    assert (case.kind, case.source, case.language) == (CaseKind.SAFETY, Case.Source.EMAIL, "sv")
    assert case.description.startswith("Mörk gångtunnel i Alby\n\nHej!\n\nBelysningen i gångtunneln")
    assert case.description.endswith("göra tunneln ljusare?")
    assert "iPhone" not in case.description
    assert (case.contact_name, case.contact_email) == ("Sara Lind", "sara.lind@example.se")
    assert case.district.name == "Alby"
    assert not case.is_published
    assert case.created_at == RECEIVED_AT
    received = case.events.get(kind=CaseEvent.Kind.RECEIVED)
    assert received.data["message_id"] == "<5E9A3C1B-2F4D-4E8A-9C7B-1D2E3F4A5B6C@example.se>"
    assert not case.events.filter(kind=CaseEvent.Kind.NOTE).exists()


def test_the_sender_gets_the_reference_the_follow_link_and_the_112_reminder(register):
    case = register("iphone-plain.eml")

    [reply] = outbox.outbox
    assert reply.to == ["sara.lind@example.se"]
    assert reply.from_email == "Botkyrka kommun <noreply@botkyrka.se>"
    assert case.reference in reply.subject
    assert "\n" not in reply.subject
    assert case.reference in reply.body
    assert f"https://framsteg.botkyrka.example/arende/{case.follow_token}/" in reply.body
    assert "112" in reply.body
    assert "trygghet@botkyrka.se" in reply.body
    assert reply.extra_headers["Auto-Submitted"] == "auto-replied"
    assert reply.extra_headers["In-Reply-To"] == "<5E9A3C1B-2F4D-4E8A-9C7B-1D2E3F4A5B6C@example.se>"
    assert reply.extra_headers["Content-Language"] == "sv"
    emailed = case.events.get(kind=CaseEvent.Kind.EMAILED)
    assert emailed.data["ok"] is True
    assert not emailed.is_public


def test_the_confirmation_says_how_to_add_more_and_repeats_nothing_the_sender_wrote(register):
    case = register("iphone-plain.eml")
    [reply] = outbox.outbox
    assert body_lines_free_of(reply, "Sara", "Lind", "gångtunnel", "Belysningen")
    assert reply.body.count(case.reference) == 2  # the reference, and again in how to add something


def body_lines_free_of(sent, *words) -> bool:
    text = f"{sent.subject}\n{sent.body}".casefold()
    return not [word for word in words if word.casefold() in text]


def test_an_html_message_with_a_photo_keeps_the_picture_without_its_position(register):
    original = Image.open(
        io.BytesIO(parse_bytes(fixture("html-with-photo.eml")).get_payload()[1].get_content())
    )
    assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the fixture really carries a GPS position

    case = register("html-with-photo.eml")

    assert case.district.name == "Tumba"
    assert "glassplitter över hela trottoaren och barn" in case.description  # the plain-text version
    assert "Maja Eriksson" not in case.description  # the signature after "-- "
    [photo] = Photo.objects.filter(case=case)
    assert not photo.is_public
    with Image.open(photo.image.path) as stored:
        assert stored.size == (64, 48)
        assert not stored.getexif()
        assert "exif" not in stored.info
    assert not case.events.filter(kind=CaseEvent.Kind.NOTE).exists()


def test_an_html_only_message_is_read_as_text_and_a_pdf_is_noted_not_stored(register):
    case = register("pdf-attachment.eml")

    assert "Natten mot torsdag var det brand i en soptunna på gården vid Fittja centrum." in case.description
    assert "- Trasig entrédörr i port 4, den går inte att låsa.\n- Ungdomar samlas" in case.description
    assert "bifogad.\nKan ni ta upp" in case.description
    assert "MsoNormal" not in case.description and "<" not in case.description
    assert case.district.name == "Fittja"
    assert not Photo.objects.filter(case=case).exists()
    note = case.events.get(kind=CaseEvent.Kind.NOTE)
    assert not note.is_public
    assert "Incidentrapport 2026-03-12.pdf (application/pdf" in note.text
    assert "<GV1P190MB2051A3C7E1F0B2D94C1E5A8FB1452@GV1P190MB2051.EURP190.PROD.OUTLOOK.example>" in note.text
    [item] = note.data["attachments_not_saved"]
    assert (item["name"], item["content_type"], item["size"]) == (
        "Incidentrapport 2026-03-12.pdf",
        "application/pdf",
        608,
    )


def test_encoded_names_and_quoted_printable_are_decoded_and_the_quoted_reply_is_left_out(register):
    case = register("encoded-name.eml")

    assert case.contact_name == "Göran Åkesson"
    assert case.description.startswith("Re: Otrygg känsla vid Tumba station\n\nHej igen,")
    assert "min dotter förföljd där av två killar" in case.description
    assert case.description.endswith("Göran")
    assert "Tack för ditt mejl" not in case.description  # the quoted earlier message
    assert "070-123 45 67" not in case.description  # the signature
    assert outbox.outbox[0].to == ["goran.akesson@example.se"]


def test_an_arabic_message_becomes_an_arabic_case_answered_in_arabic(register):
    case = register("arabic.eml")

    assert case.language == "ar"
    assert case.contact_name == "فاطمة حسن"
    assert case.description.startswith("الإضاءة معطلة في الممر قرب محطة هالوندا\n\nمرحباً")
    assert "Samsung" not in case.description
    assert case.district.name == "Hallunda-Norsborg"
    [reply] = outbox.outbox
    assert reply.extra_headers["Content-Language"] == "ar"
    assert case.reference in reply.subject and "112" in reply.body


def test_the_language_is_guessed_from_the_script_when_no_header_says_it(register):
    case = register(built_message("الإضاءة لا تعمل في الممر", Subject="إضاءة"))
    assert case.language == "ar"


@pytest.mark.parametrize("name", ["out-of-office.eml", "bounce.eml"])
def test_automatic_mail_is_registered_but_never_answered(register, name):
    case = register(name)

    assert case.kind == CaseKind.SAFETY
    assert outbox.outbox == []
    assert case.events.get(kind=CaseEvent.Kind.RECEIVED).data["no_confirmation"] == "automatic"
    assert not case.events.filter(kind=CaseEvent.Kind.EMAILED).exists()


def test_a_bounce_has_no_address_to_answer_and_its_report_parts_are_noted(register):
    case = register("bounce.eml")
    assert case.contact_email == ""
    note = case.events.get(kind=CaseEvent.Kind.NOTE)
    assert "Delivery report (message/delivery-status" in note.text


@pytest.mark.parametrize(
    "headers",
    [
        {"Precedence": "bulk"},
        {"List_Id": "<grannar.lists.example.se>"},
        {"From": "Bostadsbolaget <no-reply@bostad.example>"},
        {"From": "trygghet@botkyrka.se"},
        {"X_Auto_Response_Suppress": "All"},
    ],
)
def test_no_confirmation_goes_to_lists_machines_or_ourselves(register, headers):
    case = register(built_message(**headers))
    assert case is not None
    assert outbox.outbox == []


def test_a_message_read_twice_is_one_case(register):
    first = register("iphone-plain.eml")
    second = register("iphone-plain.eml")

    assert second is None
    assert Case.objects.count() == 1 and first.pk
    assert len(outbox.outbox) == 1


def test_a_message_without_message_id_is_still_registered_once(register):
    message = built_message()
    del message["Message-ID"]
    assert register(message) is not None
    assert register(message) is None
    assert Case.objects.get().events.get(kind="received").data["message_id"].startswith("sha256:")
    assert "In-Reply-To" not in outbox.outbox[0].extra_headers


def test_an_empty_message_is_refused_with_a_reason(register):
    with pytest.raises(MailRefused) as refused:
        register("empty.eml")
    assert refused.value.message
    assert not Case.objects.exists()


def test_pictures_over_the_limit_and_files_that_are_no_pictures_are_noted(register, settings):
    settings.DIALOGUE_PHOTOS_PER_CASE = 1
    message = built_message()
    message.add_attachment(jpeg_with_gps(), maintype="image", subtype="jpeg", filename="första.jpg")
    message.add_attachment(jpeg_with_gps(), maintype="image", subtype="jpeg", filename="andra.jpg")
    message.add_attachment(
        b"<html>not a picture</html>", maintype="image", subtype="jpeg", filename="fake.jpg"
    )

    case = register(message)

    assert Photo.objects.filter(case=case).count() == 1
    note = case.events.get(kind=CaseEvent.Kind.NOTE)
    assert [item["name"] for item in note.data["attachments_not_saved"]] == ["andra.jpg", "fake.jpg"]
    assert "andra.jpg" in note.text and "fake.jpg" in note.text


def test_a_picture_inline_in_the_html_version_is_kept_when_the_plain_text_is_read(register):
    message = built_message("Trasig bänk i parken, se bilden.")
    message.add_alternative('<p>Trasig bänk i parken, se bilden.</p><img src="cid:bank">', subtype="html")
    html = message.get_payload()[1]
    html.add_related(jpeg_with_gps(), maintype="image", subtype="jpeg", cid="<bank>")

    case = register(message)

    assert case.description == "Klotter\n\nTrasig bänk i parken, se bilden."
    assert Photo.objects.filter(case=case).count() == 1


def test_a_picture_without_text_is_still_a_case(register):
    message = EmailMessage()
    message["From"] = "lina.ek@example.se"
    message["Message-ID"] = "<only-a-picture@example.se>"
    message.add_attachment(jpeg_with_gps(), maintype="image", subtype="jpeg", filename="IMG_0001.jpg")

    case = register(message)

    assert case.description
    assert Photo.objects.filter(case=case).count() == 1


def test_a_long_message_is_shortened_and_the_note_says_so(register):
    case = register(built_message("Det är otryggt vid Alby gård. " * 300))
    assert len(case.description) <= DESCRIPTION_MAX_LENGTH and case.description.endswith("gård.…")
    note = case.events.get(kind=CaseEvent.Kind.NOTE)
    assert note.data["shortened"] is True


def test_a_failing_mail_server_does_not_undo_the_case(register, monkeypatch):
    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("smtp is down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    case = register("iphone-plain.eml")

    assert Case.objects.filter(pk=case.pk).exists()
    emailed = case.events.get(kind=CaseEvent.Kind.EMAILED)
    assert emailed.data["ok"] is False and "smtp is down" in emailed.data["error"]


def test_a_failure_while_saving_leaves_no_case_and_no_photo_files(register, monkeypatch, settings):
    save = CaseEvent.save

    def broken_when_the_message_id_is_written(self, *args, **kwargs):
        if kwargs.get("update_fields") == ["data"]:
            raise OperationalError("database is locked")
        return save(self, *args, **kwargs)

    monkeypatch.setattr(CaseEvent, "save", broken_when_the_message_id_is_written)
    with pytest.raises(OperationalError):
        register("html-with-photo.eml")

    assert not Case.objects.exists()
    assert not [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


# --- Text ---------------------------------------------------------------------------------------------------


def test_html_becomes_plain_text_without_scripts_styles_or_tags():
    html = (
        "<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>"
        "<p>Lampan &amp; stolpen</p><p>är&nbsp;trasiga<br>sedan <b>måndag</b>.</p>"
        "<table><tr><td>Plats</td><td>Tumba</td></tr></table><img src='https://x.example/t.gif' alt='spår'>"
        "</body></html>"
    )
    assert html_to_text(html).strip() == "Lampan & stolpen\n\när trasiga\nsedan måndag.\n\nPlats Tumba"


def test_quotes_are_left_out_of_replies_but_forwarded_messages_are_kept_whole():
    html = (
        '<div>Se nedan.</div><div class="gmail_quote">---------- Forwarded message ---------<br>'
        "Bråk i parken</div>"
    )
    assert "Bråk i parken" in html_to_text(html, drop_quotes=False)
    assert "Bråk i parken" not in html_to_text(html, drop_quotes=True)

    forwarded = built_message(
        "Se nedan.\n\n---------- Forwarded message ---------\nFrån: Anna\n\n> Bråk i parken vid Tumba",
        Subject="Fwd: Bråk i parken",
        In_Reply_To="<earlier@example.se>",
    )
    assert "Bråk i parken vid Tumba" in parse_message(forwarded).body


def test_outlook_reply_headers_end_the_text_of_a_reply():
    text = "Ja, det stämmer.\n\n________________________________\nFrån: Trygghet\nSkickat: den 9 mars\n\nHej!"
    assert clean_text(text, is_reply=True) == "Ja, det stämmer."
    assert "Hej!" in clean_text(text, is_reply=False)


def test_format_flowed_lines_are_joined():
    message = EmailMessage()
    message["Message-ID"] = "<flowed@example.se>"
    message.set_content("Det är mörkt \nvid stationen.\n-- \nAnna\n")
    message.set_param("format", "flowed")
    assert parse_message(message).body == "Det är mörkt vid stationen."


# --- Maildir ------------------------------------------------------------------------------------------------


def make_maildir(path: Path, *names: str) -> mailbox.Maildir:
    """A maildir with the fixtures delivered to new/ the way a mail server does it, at RECEIVED_AT."""
    inbox = mailbox.Maildir(path, create=True)
    for name in names:
        deliver(path, fixture(name), RECEIVED_AT.timestamp())
    return inbox


def deliver(path: Path, raw: bytes, timestamp: float | None = None) -> None:
    unique = f"{time.time_ns()}.M{len(list((path / 'new').iterdir()))}P1.mx1"
    (path / "tmp" / unique).write_bytes(raw)
    if timestamp is not None:
        os.utime(path / "tmp" / unique, (timestamp, timestamp))
    os.rename(path / "tmp" / unique, path / "new" / unique)


def folder_messages(inbox: mailbox.Maildir, name: str) -> list[bytes]:
    if name not in inbox.list_folders():
        return []
    folder = inbox.get_folder(name)
    return [folder.get_bytes(key) for key in folder.iterkeys()]


def test_the_maildir_reader_registers_moves_and_keeps_what_failed(tmp_path, monkeypatch):
    inbox = make_maildir(
        tmp_path / "trygghet", "iphone-plain.eml", "html-with-photo.eml", "empty.eml", "pdf-attachment.eml"
    )
    real_submit = safety_mail.submit_case

    def database_down_for_fittja(submission, **kwargs):
        if "Fittja" in submission.description:
            raise OperationalError("could not connect to server")
        return real_submit(submission, **kwargs)

    monkeypatch.setattr(safety_mail, "submit_case", database_down_for_fittja)
    report = read_maildir(tmp_path / "trygghet")

    assert set(Case.objects.values_list("district__name", flat=True)) == {"Alby", "Tumba"}
    assert len(report.created) == 2 and report.duplicates == []
    reasons = {failure.message_id: failure for failure in report.failed}
    assert reasons["<0B1C2D3E-4F50-4617-8293-A4B5C6D7E8F9@example.se>"].kept_in_inbox is False
    assert (
        "could not connect"
        in reasons[
            "<GV1P190MB2051A3C7E1F0B2D94C1E5A8FB1452@GV1P190MB2051.EURP190.PROD.OUTLOOK.example>"
        ].reason
    )
    # The failing message stays in the inbox, the empty one waits in Failed, the registered ones in Processed,
    # unchanged and with their time of delivery.
    assert [inbox.get_bytes(key) for key in inbox.iterkeys()] == [fixture("pdf-attachment.eml")]
    assert folder_messages(inbox, "Failed") == [fixture("empty.eml")]
    assert sorted(folder_messages(inbox, "Processed")) == sorted(
        [fixture("iphone-plain.eml"), fixture("html-with-photo.eml")]
    )
    processed = inbox.get_folder("Processed")
    assert {processed.get_message(key).get_date() for key in processed.iterkeys()} == {
        RECEIVED_AT.timestamp()
    }
    assert {processed.get_message(key).get_subdir() for key in processed.iterkeys()} == {"cur"}

    monkeypatch.setattr(safety_mail, "submit_case", real_submit)
    deliver(tmp_path / "trygghet", fixture("iphone-plain.eml"))  # delivered again, e.g. by a retrying server
    second = read_maildir(tmp_path / "trygghet")

    assert len(second.created) == 1 and len(second.duplicates) == 1 and second.failed == []
    assert list(inbox.keys()) == []
    assert Case.objects.count() == 3
    fittja = Case.objects.get(district__name="Fittja")
    assert fittja.created_at == RECEIVED_AT  # the time the mail server received it, not the time of reading


def test_a_dry_run_of_the_maildir_changes_nothing(tmp_path):
    inbox = make_maildir(tmp_path / "trygghet", "iphone-plain.eml", "empty.eml")
    report = read_maildir(tmp_path / "trygghet", dry_run=True)

    assert len(report.would_create) == 1 and len(report.failed) == 1
    assert not Case.objects.exists() and outbox.outbox == []
    assert len(inbox.keys()) == 2 and inbox.list_folders() == []


def test_a_missing_maildir_is_an_error(tmp_path):
    with pytest.raises(MailboxError):
        read_maildir(tmp_path / "nowhere")


# --- IMAP ---------------------------------------------------------------------------------------------------


class FakeImap:
    """Just enough of an IMAP server for the reader: UIDs, flags, folders, SEARCH, FETCH, COPY and STORE."""

    instances: list[FakeImap] = []
    messages: dict[bytes, bytes] = {}
    seen: set[bytes] = set()
    folders: dict[str, list[bytes]] = {}
    fail_copy_to: set[str] = set()

    def __init__(self, host, port, ssl_context=None):
        self.host, self.port, self.ssl_context = host, port, ssl_context
        self.commands: list[tuple] = []
        self.readonly = None
        FakeImap.instances.append(self)

    def login(self, user, password):
        self.commands.append(("LOGIN", user, password))
        return "OK", [b"Logged in"]

    def select(self, mailbox, readonly=False):
        self.readonly = readonly
        return ("OK", [str(len(self.messages)).encode()]) if mailbox == '"INBOX"' else ("NO", [b"No such"])

    def list(self, directory, pattern):
        name = pattern.strip('"')
        return "OK", [f'(\\HasNoChildren) "/" "{name}"'.encode()] if name in self.folders else [None]

    def uid(self, command, *args):
        self.commands.append((command, *args))
        if command == "SEARCH":
            unseen = [uid for uid in sorted(self.messages) if uid not in self.seen]
            return "OK", [b" ".join(unseen)]
        uid = args[0]
        if command == "FETCH":
            assert "PEEK" in args[1]
            raw = self.messages[uid]
            header = b'1 (UID %s INTERNALDATE "10-Mar-2026 21:14:07 +0100" BODY[] {%d}' % (uid, len(raw))
            return "OK", [(header, raw), b")"]
        if command == "COPY":
            folder = args[1].strip('"')
            if folder in self.fail_copy_to:
                return "NO", [b"Over quota"]
            self.folders[folder].append(self.messages[uid])
            return "OK", [b"Copied"]
        if command == "STORE":
            assert self.readonly is False
            assert args[1:] == ("+FLAGS", "(\\Seen)")
            self.seen.add(uid)
            return "OK", [b"Stored"]
        raise AssertionError(command)

    def logout(self):
        return "BYE", [b""]


@pytest.fixture
def imap(monkeypatch):
    FakeImap.instances = []
    FakeImap.messages = {
        b"101": fixture("iphone-plain.eml"),
        b"102": fixture("empty.eml"),
        b"103": fixture("arabic.eml"),
        b"104": fixture("out-of-office.eml"),
    }
    FakeImap.seen = {b"104"}  # read by someone earlier: not for the reader
    FakeImap.folders = {"Processed": [], "Failed": []}
    FakeImap.fail_copy_to = set()
    monkeypatch.setattr(sources.imaplib, "IMAP4_SSL", FakeImap)
    monkeypatch.delenv(sources.IMAP_PASSWORD_VARIABLE, raising=False)
    return FakeImap


def test_the_imap_reader_registers_unseen_messages_and_files_them(imap, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = read_imap("imaps://trygghet%40botkyrka.se:hemligt%21@imap.botkyrka.example/INBOX")

    [connection] = imap.instances
    assert (connection.host, connection.port) == ("imap.botkyrka.example", 993)
    assert connection.ssl_context is not None
    assert ("LOGIN", "trygghet@botkyrka.se", "hemligt!") in connection.commands
    assert len(report.created) == 2 and Case.objects.count() == 2
    assert imap.seen == {b"101", b"102", b"103", b"104"}
    assert imap.folders["Processed"] == [fixture("iphone-plain.eml"), fixture("arabic.eml")]
    assert imap.folders["Failed"] == [fixture("empty.eml")]
    assert Case.objects.get(language="ar").created_at == RECEIVED_AT
    assert len(outbox.outbox) == 2


def test_imap_messages_that_failed_stay_unseen(imap, monkeypatch):
    del imap.folders["Failed"]
    imap.fail_copy_to = {"Processed"}
    monkeypatch.setenv(sources.IMAP_PASSWORD_VARIABLE, "från-miljön")

    report = read_imap("imaps://trygghet@imap.botkyrka.example:1993/INBOX")

    assert ("LOGIN", "trygghet", "från-miljön") in imap.instances[0].commands
    assert imap.instances[0].port == 1993
    # Registered, but the copy failed: unseen, and the next run finds them registered and files them.
    assert imap.seen == {b"104"}
    assert Case.objects.count() == 2
    assert {failure.kept_in_inbox for failure in report.failed} == {True}
    assert len(report.failed) == 3

    imap.fail_copy_to = set()
    again = read_imap("imaps://trygghet@imap.botkyrka.example:1993/INBOX")
    assert len(again.duplicates) == 2 and Case.objects.count() == 2
    assert imap.seen == {b"101", b"103", b"104"}  # the empty one waits for someone to look at it


def test_without_a_processed_folder_registered_messages_are_only_marked_seen(imap):
    imap.folders = {}
    read_imap("imaps://trygghet:x@imap.botkyrka.example/INBOX")
    assert imap.seen == {b"101", b"103", b"104"}


def test_an_imap_dry_run_reads_without_changing_anything(imap):
    report = read_imap("imaps://trygghet:x@imap.botkyrka.example/INBOX", dry_run=True)

    assert imap.instances[0].readonly is True
    assert len(report.would_create) == 2
    assert imap.seen == {b"104"} and imap.folders == {"Processed": [], "Failed": []}
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "imaps://imap.botkyrka.example/INBOX",
        "https://trygghet:x@imap.botkyrka.example/",
        "imaps://trygghet@imap.example/",
    ],
)
def test_an_unusable_imap_address_is_explained(url, monkeypatch):
    monkeypatch.delenv(sources.IMAP_PASSWORD_VARIABLE, raising=False)
    with pytest.raises(MailboxError):
        imap_account(url)


def test_imap_folders_can_be_named_in_the_address():
    account = imap_account("imap://trygghet:x@localhost/Inkorg?processed=INBOX.Klart&failed=INBOX.Fel")
    assert (account.use_ssl, account.port, account.mailbox) == (False, 143, "Inkorg")
    assert (account.processed_folder, account.failed_folder) == ("INBOX.Klart", "INBOX.Fel")


def test_an_unknown_imap_mailbox_is_an_error(imap):
    with pytest.raises(MailboxError):
        read_imap("imaps://trygghet:x@imap.botkyrka.example/Arkiv")


# --- The command --------------------------------------------------------------------------------------------


def test_the_command_reports_references_duplicates_and_failures(tmp_path, capsys):
    make_maildir(tmp_path / "trygghet", "iphone-plain.eml", "empty.eml")
    make_maildir(tmp_path / "trygghet", "iphone-plain.eml")

    with pytest.raises(CommandError):
        call_command("read_safety_mail", "--maildir", str(tmp_path / "trygghet"))

    created, duplicates, failed, failure = capsys.readouterr().out.splitlines()
    assert created.endswith(f": 1 ({Case.objects.get().reference})")
    assert duplicates.endswith(": 1") and failed.endswith(": 1")
    assert failure.startswith("  <0B1C2D3E-4F50-4617-8293-A4B5C6D7E8F9@example.se>: ")


def test_the_command_succeeds_quietly_when_all_is_well(tmp_path, capsys):
    make_maildir(tmp_path / "trygghet", "arabic.eml")
    call_command("read_safety_mail", "--maildir", str(tmp_path / "trygghet"))
    assert Case.objects.get().reference in capsys.readouterr().out


def test_the_command_dry_run_saves_nothing(tmp_path, capsys):
    make_maildir(tmp_path / "trygghet", "arabic.eml")
    call_command("read_safety_mail", "--maildir", str(tmp_path / "trygghet"), "--dry-run")
    assert not Case.objects.exists()
    _notice, would_create, duplicates, failed = capsys.readouterr().out.splitlines()
    assert would_create.endswith(": 1") and duplicates.endswith(": 0") and failed.endswith(": 0")


def test_the_command_needs_one_mailbox():
    with pytest.raises(CommandError):
        call_command("read_safety_mail")


def test_a_run_does_nothing_while_another_is_reading(tmp_path):
    from framsteg.dialogue.management.commands.read_safety_mail import single_run

    make_maildir(tmp_path / "trygghet", "arabic.eml")
    with single_run() as first:
        assert first
        call_command("read_safety_mail", "--maildir", str(tmp_path / "trygghet"))
    assert not Case.objects.exists()
