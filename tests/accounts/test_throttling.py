from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from framsteg.accounts import services
from framsteg.accounts.models import LoginFailure, LoginLock
from framsteg.audit.models import AuditEntry
from tests.accounts.conftest import PASSWORD, log_in


@pytest.fixture(autouse=True)
def limits(settings):
    settings.LOGIN_MAX_FAILURES = 3
    settings.LOGIN_ADDRESS_MAX_FAILURES = 5
    settings.LOGIN_FAILURE_WINDOW_MINUTES = 15
    settings.LOGIN_LOCK_MINUTES = 15


def test_a_failure_is_kept_in_the_database_and_the_audit_log(client, reporter):
    response = log_in(client, "rita", "wrong password")
    assert response.status_code == 200
    assert "The user name or the password is wrong" in response.content.decode()
    failure = LoginFailure.objects.get()
    assert (failure.username, failure.ip_address, failure.reason) == ("rita", "127.0.0.1", "password")
    entry = AuditEntry.objects.get(action="accounts.login_failed")
    assert entry.kind == AuditEntry.Kind.SECURITY
    assert entry.target_id == str(reporter.pk)


def test_the_account_locks_after_too_many_failures_and_says_how_long_to_wait(client, reporter):
    for _ in range(2):
        assert "wrong" in log_in(client, "rita", "wrong password").content.decode()
    response = log_in(client, "Rita", "wrong password")  # the case of the name does not matter
    html = response.content.decode()
    assert "Too many failed log-in attempts have been made for this account" in html
    assert "locked for 15 more minutes" in html
    lock = LoginLock.objects.get()
    assert (lock.scope, lock.key, lock.failures) == ("account", "rita", 3)
    # The right password does not log in while the lock holds.
    response = log_in(client, "rita", PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "locked for" in response.content.decode()
    assert AuditEntry.objects.filter(action="accounts.locked", kind="security").count() == 1


def test_the_lock_message_is_in_the_users_language(client, reporter):
    for _ in range(3):
        log_in(client, "rita", "wrong password")
    swedish = client.post(
        reverse("staff:login"),
        {"username": "rita", "password": PASSWORD},
        headers={"accept-language": "sv"},
    ).content.decode()
    assert "För många misslyckade inloggningsförsök" in swedish
    assert "15 minuter till" in swedish
    finnish = client.post(
        reverse("staff:login"),
        {"username": "rita", "password": PASSWORD},
        headers={"accept-language": "fi"},
    ).content.decode()
    assert "Liian monta epäonnistunutta kirjautumisyritystä" in finnish


def test_the_lock_ends_by_itself_after_its_time(client, reporter):
    for _ in range(3):
        log_in(client, "rita", "wrong password")
    LoginLock.objects.update(until=timezone.now() - timedelta(seconds=1))
    assert log_in(client, "rita", PASSWORD).status_code == 302
    client.post(reverse("staff:logout"))
    # The failures that led to the lock do not count again.
    log_in(client, "rita", "wrong password")
    assert not LoginLock.objects.active().exists()


def test_a_successful_log_in_sets_earlier_failures_aside(client, reporter):
    for _ in range(2):
        log_in(client, "rita", "wrong password")
    assert log_in(client, "rita", PASSWORD).status_code == 302
    client.post(reverse("staff:logout"))
    for _ in range(2):
        log_in(client, "rita", "wrong password")
    assert not LoginLock.objects.exists()
    assert LoginFailure.objects.count() == 4


def test_failures_from_one_address_lock_the_address_for_every_name(client, reporter, coordinator):
    for name in ["a1", "a2", "a3", "a4", "a5"]:
        response = log_in(client, name, "wrong password")
    assert "from your network" in response.content.decode()
    lock = LoginLock.objects.get(scope="address")
    assert lock.key == "127.0.0.1"
    response = log_in(client, "rita", PASSWORD)
    assert "_auth_user_id" not in client.session
    assert "from your network" in response.content.decode()
    # Another address is not affected.
    response = log_in(type(client)(REMOTE_ADDR="10.0.0.9"), "rita", PASSWORD)
    assert response.status_code == 302


def test_an_unlock_ends_the_lock_and_is_recorded(client, reporter, administrator):
    for _ in range(3):
        log_in(client, "rita", "wrong password")
    assert services.unlock("account", "RITA", by=administrator) == 1
    lock = LoginLock.objects.get()
    assert lock.unlocked_by == administrator and lock.unlocked_at is not None
    assert log_in(client, "rita", PASSWORD).status_code == 302
    entry = AuditEntry.objects.get(action="accounts.unlocked")
    assert entry.kind == "security" and entry.user == administrator


def test_the_command_lists_and_unlocks(client, reporter):
    for _ in range(3):
        log_in(client, "rita", "wrong password")
    out = StringIO()
    call_command("unlock_login", list=True, stdout=out)
    assert "account\trita" in out.getvalue()
    out = StringIO()
    call_command("unlock_login", "rita", stdout=out)
    assert "Unlocked rita (1 lock ended)" in out.getvalue()
    assert not LoginLock.objects.active().exists()
    for name in ["a1", "a2", "a3", "a4", "a5"]:
        log_in(client, name, "wrong password")
    call_command("unlock_login", address="127.0.0.1", stdout=StringIO())
    assert not LoginLock.objects.active().exists()
    assert log_in(client, "rita", PASSWORD).status_code == 302


def test_the_admin_log_in_goes_through_the_same_throttled_page(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:login"))
    assert response["Location"].endswith("?next=/admin/")
