import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from framsteg.accounts import sessions
from framsteg.accounts.models import LoginFailure
from framsteg.audit.models import AuditEntry
from tests.accounts.conftest import PASSWORD, code_for, enrol, log_in, secret_on


def unverified_session(client, user):
    """A session logged in without the second factor, as after a role was given mid-session."""
    client.force_login(user)
    session = client.session
    session.pop(sessions.VERIFIED)
    session.save()


def test_a_reporter_logs_in_with_the_password_alone(client, reporter):
    response = log_in(client, "rita")
    assert response.status_code == 302 and response["Location"] == reverse("staff:home")
    assert client.session["_auth_user_id"] == str(reporter.pk)
    entry = AuditEntry.objects.get(action="accounts.logged_in")
    assert entry.kind == "security" and entry.user == reporter


def test_a_coordinator_without_a_second_factor_must_enrol_before_being_logged_in(client, coordinator):
    response = log_in(client, "cecilia")
    assert response.status_code == 302 and response["Location"] == reverse("staff:enrol")
    assert "_auth_user_id" not in client.session
    html = client.get(reverse("staff:enrol")).content.decode()
    assert "Your role lets you see residents' personal data" in html
    assert '<svg role="img" aria-label="QR code with the key for your authenticator app"' in html
    assert re.search(r'<code id="totp-secret">([A-Z2-7]{4} ){7}[A-Z2-7]{4}</code>', html)
    # Staff pages stay closed meanwhile.
    assert client.get(reverse("staff:home"))["Location"].startswith(reverse("staff:login"))


def test_enrolment_refuses_a_wrong_code_and_keeps_the_same_key(client, coordinator):
    log_in(client, "cecilia")
    key = secret_on(client.get(reverse("staff:enrol")).content.decode())
    response = client.post(
        reverse("staff:enrol"), {"code": "000000" if code_for(key) != "000000" else "111111"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The code does not match" in html
    assert secret_on(html) == key
    assert not TOTPDevice.objects.exists()
    assert "_auth_user_id" not in client.session


def test_enrolment_confirms_logs_in_and_shows_ten_recovery_codes_once(client, coordinator):
    key, codes = enrol(client, coordinator)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.session["_auth_user_id"] == str(coordinator.pk)
    assert sessions.is_verified(client.session, coordinator)
    device = TOTPDevice.objects.get(user=coordinator)
    assert device.confirmed and device.bin_key == key
    assert set(StaticToken.objects.filter(device__user=coordinator).values_list("token", flat=True)) == set(
        codes
    )
    assert client.get(reverse("staff:home")).status_code == 200
    assert AuditEntry.objects.filter(action="accounts.second_factor_enrolled", kind="security").count() == 1
    # The codes are not shown again.
    assert not any(code in client.get(reverse("staff:account")).content.decode() for code in codes)


def test_an_enrolled_user_gives_a_code_after_the_password(client, coordinator):
    key, _codes = enrol(client, coordinator)
    client.post(reverse("staff:logout"))
    response = log_in(client, "cecilia", next="/personal/arenden/")
    assert response["Location"] == reverse("staff:login-code")
    assert "_auth_user_id" not in client.session
    # The code just used at enrolment cannot be used again; the next one can.
    response = client.post(reverse("staff:login-code"), {"code": code_for(key, 1)})
    assert response.status_code == 302 and response["Location"] == "/personal/arenden/"
    assert sessions.is_verified(client.session, coordinator)


def test_a_wrong_code_is_refused_and_counts_as_a_failed_log_in(client, coordinator, settings):
    settings.LOGIN_MAX_FAILURES = 3
    key, _codes = enrol(client, coordinator)
    client.post(reverse("staff:logout"))
    log_in(client, "cecilia")
    wrong = "123456" if code_for(key) != "123456" else "654321"
    response = client.post(reverse("staff:login-code"), {"code": wrong})
    assert "The code is wrong or has expired" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert LoginFailure.objects.filter(reason="code").count() == 1
    client.post(reverse("staff:login-code"), {"code": "abcdefgh"})
    response = client.post(reverse("staff:login-code"), {"code": "bcdefghi"})
    assert "locked for" in response.content.decode()
    # Locked: even the right code does not log in.
    response = client.post(reverse("staff:login-code"), {"code": code_for(key, 1)})
    assert "locked for" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_works_once(client, coordinator):
    _key, codes = enrol(client, coordinator)
    client.post(reverse("staff:logout"))
    log_in(client, "cecilia")
    response = client.post(reverse("staff:login-code"), {"code": codes[0].upper()[:4] + " " + codes[0][4:]})
    assert response.status_code == 302
    assert sessions.is_verified(client.session, coordinator)
    entry = AuditEntry.objects.get(action="accounts.recovery_code_used")
    assert entry.kind == "security" and entry.changes["after"] == {"codes_left": 9}
    client.post(reverse("staff:logout"))
    log_in(client, "cecilia")
    response = client.post(reverse("staff:login-code"), {"code": codes[0]})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_recovery_codes_can_be_made_anew_and_the_old_ones_stop_working(client, coordinator):
    _key, old = enrol(client, coordinator)
    response = client.post(reverse("staff:recovery-codes"))
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert StaticToken.objects.filter(token__in=old).count() == 0
    assert AuditEntry.objects.filter(action="accounts.recovery_codes_regenerated").exists()


def test_the_middleware_sends_an_unverified_session_to_the_code_page_without_loops(client, coordinator):
    enrol(client, coordinator)
    other = type(client)()
    unverified_session(other, coordinator)
    for path in ["/personal/", "/personal/arenden/", "/admin/", "/personal/konto/"]:
        response = other.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("staff:login-code") + "?next="), path
    assert other.get(reverse("staff:login-code")).status_code == 200
    # Public pages stay open, and log-out works.
    assert other.get("/").status_code == 200
    assert other.post(reverse("staff:logout")).status_code == 302


def test_the_middleware_sends_a_user_without_a_device_to_enrolment(client, coordinator):
    unverified_session(client, coordinator)
    response = client.get("/personal/")
    assert response["Location"].startswith(reverse("staff:enrol"))
    html = client.get(response["Location"]).content.decode()
    key = secret_on(html)
    response = client.post(reverse("staff:enrol") + "?next=/personal/", {"code": code_for(key)})
    assert response.status_code == 200
    assert 'href="/personal/"' in response.content.decode()
    assert client.get("/personal/").status_code == 200


def test_users_who_need_no_second_factor_are_not_stopped(client, reporter):
    client.force_login(reporter)
    session = client.session
    session.pop(sessions.VERIFIED)
    session.save()
    assert client.get("/personal/").status_code == 200


def test_anyone_may_enrol_voluntarily_and_then_gives_codes(client, reporter):
    log_in(client, "rita")
    html = client.get(reverse("staff:account")).content.decode()
    assert "is not required for your role" in html
    key = secret_on(client.get(reverse("staff:enrol")).content.decode())
    assert client.post(reverse("staff:enrol"), {"code": code_for(key)}).status_code == 200
    client.post(reverse("staff:logout"))
    assert log_in(client, "rita")["Location"] == reverse("staff:login-code")


def test_enrolment_cannot_replace_a_second_factor_without_the_old_one(client, coordinator):
    enrol(client, coordinator)
    client.post(reverse("staff:logout"))
    log_in(client, "cecilia")
    assert client.get(reverse("staff:enrol"))["Location"] == reverse("staff:login-code")


def test_code_and_enrolment_pages_send_strangers_to_log_in(client, db):
    assert client.get(reverse("staff:login-code"))["Location"] == reverse("staff:login")
    assert client.get(reverse("staff:enrol"))["Location"] == reverse("staff:login")


def test_an_administrator_without_a_second_factor_cannot_use_the_admin(client, administrator):
    administrator.is_staff = True
    administrator.save()
    response = log_in(client, "adam", next="/admin/")
    assert response["Location"] == reverse("staff:enrol")
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("staff:login"))
    assert response.request["PATH_INFO"] == reverse("staff:login")


@pytest.mark.parametrize("language", ["sv", "fi"])
def test_the_pages_speak_the_users_language(client, coordinator, language):
    log_in(client, "cecilia")
    html = client.get(reverse("staff:enrol"), headers={"accept-language": language}).content.decode()
    assert {"sv": "tvåstegsverifiering", "fi": "kaksivaiheinen"}[language] in html.lower()
    assert PASSWORD not in html
