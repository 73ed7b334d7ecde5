"""Residents get a receipt for a web report and an e-mail when the status changes, in their language, and
can stop the status e-mails; a failing mail server never fails what staff or the resident did."""

from __future__ import annotations

import logging

import pytest
from django.core import mail as outbox
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from framsteg.audit.models import AuditEntry
from framsteg.core import email
from framsteg.dialogue.models import Case, CaseEvent, CaseKind, Category
from framsteg.dialogue.services import handling, notifications
from framsteg.dialogue.services.intake import Submission, submit_case
from tests import factories as base_factories
from tests.dialogue import factories

pytestmark = pytest.mark.django_db

SITE = "https://framsteg.botkyrka.example"
TYPED = "Karin Lindqvist på Tumbavägen 3 säger att lampan https://attacker.example/x är trasig."


@pytest.fixture(autouse=True)
def setup(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = SITE
    settings.DEFAULT_FROM_EMAIL = "Botkyrka kommun <noreply@botkyrka.se>"
    settings.DIALOGUE_SAFETY_ADDRESS = "trygghet@botkyrka.se"
    cache.clear()
    factories.make_districts()
    yield
    cache.clear()


@pytest.fixture
def officer():
    return base_factories.make_user("hanna")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run an action and what it leaves for after its commit (the e-mails), as in a request."""

    def commit(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return commit


def web_report(commit, language="sv", **extra) -> Case:
    category = Category.objects.filter(code="gatubelysning").first() or factories.make_category()
    submission = Submission(
        kind=CaseKind.FAULT,
        category=category,
        description=TYPED,
        language=language,
        contact_name=extra.pop("contact_name", "Karin Lindqvist"),
        contact_email=extra.pop("contact_email", "karin@example.se"),
        source=extra.pop("source", Case.Source.WEB),
        **extra,
    )
    return commit(submit_case, submission)


def emailed(case: Case, purpose: str):
    return case.events.filter(kind=CaseEvent.Kind.EMAILED, data__purpose=purpose)


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


# --- The receipt -------------------------------------------------------------------------------------------


def test_a_web_report_with_an_address_gets_a_receipt_with_the_follow_and_stop_links(commit):
    case = web_report(commit)

    [receipt] = outbox.outbox
    follow = f"{SITE}/arende/{case.follow_token}/"
    stop = f"{SITE}/arende/{case.follow_token}/avsluta-epost/"
    assert receipt.to == ["karin@example.se"]
    assert receipt.from_email == "Botkyrka kommun <noreply@botkyrka.se>"
    assert receipt.reply_to == ["trygghet@botkyrka.se"]
    assert case.reference in receipt.subject and "\n" not in receipt.subject
    assert follow in receipt.body and stop in receipt.body
    assert receipt.extra_headers["List-Unsubscribe"] == f"<{stop}>"
    assert receipt.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert receipt.extra_headers["Auto-Submitted"] == "auto-generated"
    assert receipt.extra_headers["Content-Language"] == "sv"
    event = emailed(case, "receipt").get()
    assert event.data["ok"] is True and not event.is_public
    assert event.data["sent_message_id"] == receipt.message()["Message-ID"]
    assert AuditEntry.objects.filter(
        action="dialogue.email_resident", changes__details__event=event.pk
    ).exists()


def test_the_receipt_repeats_nothing_the_resident_typed(commit):
    web_report(commit)

    [receipt] = outbox.outbox
    whole = receipt.message().as_string()
    for typed in ("Karin", "Lindqvist", "Tumbavägen", "attacker.example"):
        assert typed not in whole


@pytest.mark.parametrize("language", ["sv", "en", "fi", "ar", "so"])
def test_the_receipt_is_in_the_residents_language(commit, language):
    web_report(commit, language=language)

    [receipt] = outbox.outbox
    assert receipt.extra_headers["Content-Language"] == language
    assert (
        in_language(language, "Keep this link to yourself: anyone who has it can see your case.")
        in receipt.body
    )
    if language != "en":
        assert "Keep this link to yourself" not in receipt.body


def test_a_safety_report_receipt_reminds_of_112(commit):
    submission = Submission(
        kind=CaseKind.SAFETY, description="Mörk tunnel.", language="sv", contact_email="karin@example.se"
    )
    commit(submit_case, submission)

    [receipt] = outbox.outbox
    assert "112" in receipt.body


@pytest.mark.parametrize(
    "extra", [{"contact_email": ""}, {"source": Case.Source.OPEN311}, {"source": Case.Source.EMAIL}]
)
def test_no_receipt_without_an_address_or_for_other_channels(commit, extra):
    case = web_report(commit, **extra)

    assert outbox.outbox == [] and not emailed(case, "receipt").exists()


def test_the_form_sends_the_receipt_and_the_thanks_page_says_so(client, django_capture_on_commit_callbacks):
    category = factories.make_category()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/anmal/felanmalan/",
            {
                "category": category.pk,
                "description": "Lampan är släckt.",
                "place": "Tumba station",
                "contact_email": "karin@example.se",
            },
            HTTP_ACCEPT_LANGUAGE="so",
        )

    assert response.status_code == 302
    case = Case.objects.get()
    [receipt] = outbox.outbox
    assert case.language == "so" and receipt.extra_headers["Content-Language"] == "so"
    thanks = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "We have e-mailed you the case number and the link" in thanks


def test_a_failing_mail_server_does_not_undo_the_report(commit, monkeypatch, caplog):
    monkeypatch.setattr(email.EmailMessage, "send", _refuse)

    with caplog.at_level(logging.ERROR):
        case = web_report(commit)

    assert Case.objects.filter(pk=case.pk).exists()
    event = emailed(case, "receipt").get()
    assert event.data["ok"] is False and "Connection refused" in event.data["error"]
    assert "could not be sent" in caplog.text


def _refuse(self, *args, **kwargs):
    raise ConnectionRefusedError(111, "Connection refused")


# --- Status changes ---------------------------------------------------------------------------------------


def test_each_status_change_is_e_mailed_in_the_residents_language(commit, officer):
    case = factories.make_case(contact_email="aino@example.fi", language="fi")

    commit(handling.set_status, case, Case.Status.IN_PROGRESS, officer)
    commit(handling.set_status, case, Case.Status.FIXED, officer)
    commit(handling.set_status, case, Case.Status.CLOSED, officer)

    assert len(outbox.outbox) == 3
    for sent in outbox.outbox:
        assert sent.to == ["aino@example.fi"] and sent.extra_headers["Content-Language"] == "fi"
        assert (
            case.reference in sent.subject
            and f"{SITE}/arende/{case.follow_token}/avsluta-epost/" in sent.body
        )
        assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    closed = outbox.outbox[2].body
    with translation.override("fi"):
        assert (
            gettext("Your case %(reference)s is closed: what you reported has been fixed.").replace(
                "%(reference)s", case.reference
            )
            in closed
        )
    statuses = [event.data["status"] for event in emailed(case, "status").order_by("pk")]
    assert statuses == ["in_progress", "fixed", "closed"]


@pytest.mark.parametrize(
    ("steps", "says"),
    [
        (["in_progress", "answered", "closed"], "the municipality has answered it"),
        (["in_progress", "fixed", "closed", "in_progress"], "has been opened again"),
    ],
)
def test_what_happened_is_said_plainly(commit, officer, steps, says):
    case = factories.make_case(contact_email="anna@example.se", language="en")
    for status in steps:
        commit(handling.set_status, case, status, officer)

    assert says in outbox.outbox[-1].body
    assert "necessarily" not in outbox.outbox[-1].body


def test_a_forwarded_case_names_who_took_it(commit, officer):
    case = factories.make_case(contact_email="anna@example.se", language="en")

    commit(handling.forward, case, "Trafikverket", officer)

    [sent] = outbox.outbox
    assert "passed on to Trafikverket" in sent.body


def test_a_merged_case_names_the_case_it_is_handled_in(commit, officer):
    main = factories.make_case(contact_email="first@example.se")
    duplicate = factories.make_case(contact_email="anna@example.se", language="ar")

    commit(handling.merge_duplicate, duplicate, main, officer)

    [sent] = outbox.outbox
    assert sent.to == ["anna@example.se"] and main.reference in sent.body
    assert sent.extra_headers["Content-Language"] == "ar"


def test_the_answer_is_not_followed_by_a_second_e_mail_saying_answered(commit, officer):
    case = factories.make_case(contact_email="anna@example.se", status=Case.Status.IN_PROGRESS)

    handling.answer(case, "Vi byter lampan på tisdag.", officer)
    commit(handling.set_status, case, Case.Status.ANSWERED, officer)

    [answer] = outbox.outbox
    assert "Vi byter lampan" in answer.body


def test_no_status_e_mail_without_an_address_or_after_personal_data_is_removed(commit, officer):
    nobody = factories.make_case()
    removed = factories.make_case(contact_email="", personal_data_removed_at=timezone.now())

    commit(handling.set_status, nobody, Case.Status.IN_PROGRESS, officer)
    commit(handling.set_status, removed, Case.Status.IN_PROGRESS, officer)

    assert outbox.outbox == []


@pytest.mark.parametrize(
    ("received", "mailed"),
    [
        ({"sender_verified": True}, True),
        ({"sender_verified": False, "no_confirmation": "unverified_sender"}, False),
        ({"sender_verified": True, "no_confirmation": "reply_to_differs"}, False),
        ({}, False),
    ],
)
def test_a_safety_e_mail_sender_gets_status_e_mails_only_when_verified(commit, officer, received, mailed):
    case = factories.make_case(
        kind=CaseKind.SAFETY, contact_email="sara@example.se", source=Case.Source.EMAIL, events=False
    )
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.RECEIVED, is_public=True, data=received)

    commit(handling.set_status, case, Case.Status.IN_PROGRESS, officer)

    assert bool(outbox.outbox) is mailed


def test_a_failing_mail_server_never_fails_the_status_change(commit, officer, monkeypatch):
    case = factories.make_case(contact_email="anna@example.se")
    monkeypatch.setattr(email.EmailMessage, "send", _refuse)

    commit(handling.set_status, case, Case.Status.IN_PROGRESS, officer)

    case.refresh_from_db()
    assert case.status == Case.Status.IN_PROGRESS
    assert emailed(case, "status").get().data["ok"] is False


def test_staff_see_the_e_mails_in_the_timeline(commit, officer):
    organisation = base_factories.make_organisation("Gatuenheten", kind="administration", slug="ge")
    member = base_factories.make_user("olle", organisation)
    case = factories.make_case(contact_email="anna@example.se", organisation=organisation)
    commit(handling.set_status, case, Case.Status.IN_PROGRESS, member)
    client = Client(headers={"accept-language": "en"})
    client.force_login(member)

    html = client.get(reverse("cases:detail", args=[case.year, case.number])).content.decode()

    assert "Status change e-mailed to the resident" in html


# --- Stopping them ----------------------------------------------------------------------------------------


def stop_path(case: Case) -> str:
    return reverse("dialogue:follow-stop-emails", args=[case.follow_token])


def test_the_stop_page_asks_first_and_stops_on_post_without_javascript(commit, officer):
    case = factories.make_case(contact_email="anna@example.se", language="en")
    client = Client(enforce_csrf_checks=True)

    page = client.get(stop_path(case), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    html = page.content.decode()
    assert 'method="post"' in html and "Stop e-mails about status changes" in html
    case.refresh_from_db()
    assert case.status_emails_stopped_at is None  # a GET (a link scanner) changes nothing

    response = client.post(stop_path(case), {"action": "stop"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status_emails_stopped_at is not None
    assert AuditEntry.objects.filter(action="dialogue.stop_status_emails").exists()
    assert (
        "You get no e-mails when the status"
        in client.get(stop_path(case), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )

    commit(handling.set_status, case, Case.Status.IN_PROGRESS, officer)
    assert outbox.outbox == []
    result = handling.answer(case, "Vi byter lampan på tisdag.", officer)
    assert result.emailed  # answers are what the resident asked for: they still go


def test_one_click_unsubscribing_works(commit):
    case = factories.make_case(contact_email="anna@example.se")

    response = Client(enforce_csrf_checks=True).post(stop_path(case), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 204
    case.refresh_from_db()
    assert case.status_emails_stopped_at is not None


def test_the_resident_can_start_them_again(commit, officer):
    case = factories.make_case(contact_email="anna@example.se", status_emails_stopped_at=timezone.now())

    Client().post(stop_path(case), {"action": "resume"})

    case.refresh_from_db()
    assert case.status_emails_stopped_at is None
    commit(handling.set_status, case, Case.Status.IN_PROGRESS, officer)
    assert len(outbox.outbox) == 1


def test_stopping_twice_changes_nothing_more():
    case = factories.make_case(contact_email="anna@example.se")

    assert notifications.stop_status_emails(case) is True
    first = Case.objects.get(pk=case.pk).status_emails_stopped_at
    assert notifications.stop_status_emails(case) is False
    assert Case.objects.get(pk=case.pk).status_emails_stopped_at == first


@pytest.mark.parametrize("language", ["ar", "so"])
def test_the_stop_page_speaks_the_residents_language(language):
    case = factories.make_case(contact_email="anna@example.se")

    html = Client().get(stop_path(case), HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert in_language(language, "Stop e-mails about status changes") in html
    assert "Stop e-mails about status changes" not in html


def test_an_unknown_token_is_not_found():
    assert Client().get("/arende/nothing-here/avsluta-epost/").status_code == 404
    assert Client().post("/arende/nothing-here/avsluta-epost/").status_code == 404


def test_without_an_address_the_page_says_no_e_mails_are_sent():
    case = factories.make_case()

    html = Client().get(stop_path(case), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "We have no e-mail address for this case" in html and "<form" not in html.split("<main")[-1]


# --- The follow page says what happened ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("steps", "says"),
    [
        (["in_progress", "fixed", "closed"], "The case is closed: what was reported has been fixed."),
        (["in_progress", "answered", "closed"], "The case is closed: the municipality has answered."),
        (["in_progress", "fixed", "closed", "in_progress"], "The case has been opened again"),
    ],
)
def test_the_follow_page_says_what_happened_to_a_closed_case(officer, steps, says):
    case = factories.make_case(contact_email="anna@example.se")
    for status in steps:
        handling.set_status(case, status, officer)

    html = Client().get(reverse("dialogue:follow", args=[case.follow_token]), HTTP_ACCEPT_LANGUAGE="en")

    text = html.content.decode()
    assert says in text and "necessarily" not in text
    assert "We e-mail you when the status changes." in text


def test_the_public_case_page_says_how_a_closed_case_ended(officer):
    case = factories.make_case()
    for status in ("in_progress", "fixed", "closed"):
        handling.set_status(case, status, officer)

    html = Client().get(f"/anmalningar/{case.reference}/", HTTP_ACCEPT_LANGUAGE="en")

    assert html.status_code == 200
    assert "Closed: what was reported has been fixed." in html.content.decode()
