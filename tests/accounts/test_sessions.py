import time

from django.test import Client
from django.urls import reverse

from framsteg.accounts import sessions
from framsteg.accounts.models import AccountSession
from framsteg.audit.models import AuditEntry
from tests.accounts.conftest import PASSWORD, log_in


def age(client, **seconds):
    session = client.session
    for key, value in seconds.items():
        session[{"started": sessions.STARTED, "seen": sessions.SEEN}[key]] = time.time() - value
    session.save()


def test_a_session_ends_after_the_idle_time(client, reporter, settings):
    settings.SESSION_IDLE_MINUTES = 30
    log_in(client, "rita")
    age(client, seen=29 * 60)
    assert client.get("/personal/").status_code == 200
    age(client, seen=31 * 60)
    response = client.get("/personal/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:login") + "?next=")
    assert "_auth_user_id" not in client.session
    html = client.get(response["Location"]).content.decode()
    assert "You were logged out after 30 minutes without activity" in html


def test_use_keeps_a_session_alive(client, reporter, settings):
    settings.SESSION_IDLE_MINUTES = 30
    log_in(client, "rita")
    age(client, seen=20 * 60)
    client.get("/personal/")
    assert time.time() - client.session[sessions.SEEN] < 5


def test_a_session_ends_after_its_longest_lifetime_however_busy(client, reporter, settings):
    settings.SESSION_MAX_HOURS = 10
    log_in(client, "rita")
    age(client, started=10 * 3600 + 5, seen=10)
    response = client.get("/personal/", follow=True)
    assert "a session lasts at most 10 hours" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_ended_session_on_a_public_page_just_continues_without_log_in(client, reporter):
    log_in(client, "rita")
    age(client, seen=3 * 3600)
    assert client.get("/").status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_session_cookie_lasts_no_longer_than_the_lifetime(settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_MAX_HOURS * 3600


def test_log_out_everywhere_ends_every_session_of_the_user_only(reporter, coordinator):
    laptop, phone, colleague = Client(), Client(), Client()
    log_in(laptop, "rita")
    log_in(phone, "rita")
    colleague.force_login(coordinator)
    assert AccountSession.objects.filter(user=reporter).count() == 2
    response = laptop.post(reverse("staff:logout-everywhere"))
    assert response["Location"] == reverse("staff:login")
    assert "_auth_user_id" not in laptop.session
    assert phone.get("/personal/")["Location"].startswith(reverse("staff:login"))
    assert colleague.get("/personal/").status_code == 200
    assert not AccountSession.objects.filter(user=reporter).exists()
    entry = AuditEntry.objects.get(action="accounts.logged_out_everywhere")
    assert entry.kind == "security" and entry.changes["after"] == {"sessions": 2}


def test_log_out_everywhere_is_a_post(client, reporter):
    log_in(client, "rita")
    assert client.get(reverse("staff:logout-everywhere")).status_code == 405


def test_a_password_change_keeps_this_session_and_ends_the_others(reporter):
    laptop, phone = Client(), Client()
    log_in(laptop, "rita")
    log_in(phone, "rita")
    new = "en ny och lång fras"
    response = laptop.post(
        reverse("staff:password-change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response["Location"] == reverse("staff:account")
    assert laptop.get("/personal/").status_code == 200
    assert phone.get("/personal/").status_code == 302
    assert AccountSession.objects.filter(user=reporter).count() == 1
    assert AuditEntry.objects.filter(action="accounts.password_changed", kind="security").exists()
    reporter.refresh_from_db()
    assert reporter.check_password(new)


def test_a_password_change_refuses_common_and_short_passwords_and_says_why(client, reporter):
    log_in(client, "rita")
    response = client.post(
        reverse("staff:password-change"),
        {"old_password": PASSWORD, "new_password1": "botkyrka", "new_password2": "botkyrka"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This password is too short. It must contain at least 12 characters." in html
    assert "This password is too common: it is a word, name or place many people use" in html
    reporter.refresh_from_db()
    assert reporter.check_password(PASSWORD)


def test_logging_out_forgets_the_session(client, reporter):
    log_in(client, "rita")
    assert AccountSession.objects.count() == 1
    client.post(reverse("staff:logout"))
    assert AccountSession.objects.count() == 0
