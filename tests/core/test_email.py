"""One way to send e-mail: rendered in the recipient's language, with our own Message-ID, failures raised."""

from __future__ import annotations

from smtplib import SMTPException

import pytest
from django.core import mail
from django.utils import translation

from framsteg.core.email import EmailNotSent, message_id_domain, send_email

TEMPLATES = {
    "subject.txt": '{% load i18n %}{% translate "Hello," %}\n  {{ reference }}\n',
    "body.txt": '{% load i18n %}{% translate "Hello," %} {{ name }}\n\nThe body.\n',
}


@pytest.fixture(autouse=True)
def setup(settings):
    settings.DEFAULT_FROM_EMAIL = "Botkyrka kommun <noreply@botkyrka.se>"
    settings.LANGUAGE_CODE = "sv"
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", TEMPLATES)]},
        }
    ]


def send(**options):
    arguments = {
        "subject_template": "subject.txt",
        "body_template": "body.txt",
        "context": {"reference": "2026-00042", "name": "Lina"},
    }
    return send_email(["lina@example.se"], **{**arguments, **options})


def test_the_message_is_written_in_the_given_language_whatever_language_is_active():
    with translation.override("en"):
        sent = send(language="fi")
        assert translation.get_language() == "en"

    [message] = mail.outbox
    assert message.subject == "Hei, 2026-00042" == sent.subject
    assert message.body.startswith("Hei, Lina")
    assert message.extra_headers["Content-Language"] == "fi" == sent.language
    assert message.to == ["lina@example.se"]
    assert message.from_email == "Botkyrka kommun <noreply@botkyrka.se>"


def test_without_a_language_the_sites_language_is_used():
    sent = send()

    [message] = mail.outbox
    assert message.subject == "Hej! 2026-00042"
    assert message.extra_headers["Content-Language"] == "sv" == sent.language


def test_the_message_id_is_ours_and_returned():
    sent = send()

    [message] = mail.outbox
    assert message.message()["Message-ID"] == sent.message_id
    assert sent.message_id.startswith("<") and sent.message_id.endswith("@botkyrka.se>")
    assert "In-Reply-To" not in message.extra_headers
    assert "Auto-Submitted" not in message.extra_headers
    assert message.reply_to == []


def test_an_answer_names_the_message_it_answers_and_an_automatic_one_says_so():
    send(in_reply_to="<abc@example.se>", auto_submitted="auto-replied", reply_to=["trygghet@botkyrka.se"])

    [message] = mail.outbox
    headers = message.message()
    assert headers["In-Reply-To"] == headers["References"] == "<abc@example.se>"
    assert headers["Auto-Submitted"] == "auto-replied"
    assert headers["X-Auto-Response-Suppress"] == "All"
    assert message.reply_to == ["trygghet@botkyrka.se"]


def test_several_recipients_get_one_message():
    send_email(
        ["anna@botkyrka.se", "pia@botkyrka.se"],
        subject_template="subject.txt",
        body_template="body.txt",
        context={},
    )
    [message] = mail.outbox
    assert message.to == ["anna@botkyrka.se", "pia@botkyrka.se"]


def test_a_failing_mail_server_raises_a_clear_error_with_the_original_as_its_cause(monkeypatch):
    def refuse(self, fail_silently=False):
        raise SMTPException("421 try again later")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)

    with pytest.raises(EmailNotSent) as raised:
        send()

    error = raised.value
    assert isinstance(error.__cause__, SMTPException)
    assert error.reason == "421 try again later"
    assert error.detail == "SMTPException: 421 try again later"
    assert str(error) == "The e-mail could not be sent: SMTPException: 421 try again later"
    assert mail.outbox == []


def test_an_error_without_words_is_named_by_its_kind(monkeypatch):
    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)

    with pytest.raises(EmailNotSent) as raised:
        send()
    assert raised.value.reason == "ConnectionRefusedError"


def test_a_template_that_cannot_be_rendered_is_a_failure_too():
    with pytest.raises(EmailNotSent, match="TemplateDoesNotExist"):
        send(body_template="missing.txt")
    assert mail.outbox == []


def test_message_ids_use_the_sender_domain_else_the_sites_never_the_host_name(settings):
    assert message_id_domain() == "botkyrka.se"
    settings.DEFAULT_FROM_EMAIL = "webmaster"
    settings.SITE_URL = "https://framsteg.botkyrka.example"
    assert message_id_domain() == "framsteg.botkyrka.example"
