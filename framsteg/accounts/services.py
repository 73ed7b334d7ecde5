"""Writes for staff accounts: log-in and its failures and locks, the second factor, sessions, passwords.

Every public function is `@audited`; security events are recorded with `kind=AuditEntry.Kind.SECURITY`.
"""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

import django_otp
from django.conf import settings
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from framsteg.accounts import otp, sessions
from framsteg.accounts.models import AccountSession, LoginFailure, LoginLock
from framsteg.accounts.selectors import account_key
from framsteg.audit.models import AuditEntry
from framsteg.audit.services import audited, record

SECURITY = AuditEntry.Kind.SECURITY
RECOVERY_CODES = 10


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def _user_named(username: str):
    return get_user_model().objects.filter(username=username).first()


# Log-in, failures and locks


@audited("accounts.logged_in")
def log_in(request, user, *, device=None) -> None:
    """Log the user in (if not already) and, with the device that checked their code, mark the session as
    verified with a second factor."""
    if not (request.user.is_authenticated and request.user.pk == user.pk):
        auth_login(request, user, backend=getattr(user, "backend", None))
    if device is not None:
        django_otp.login(request, device)
        sessions.mark_verified(request.session, user)
    sessions.clear_pending(request.session)
    LoginFailure.objects.filter(username=account_key(user.get_username()), counts_for_account=True).update(
        counts_for_account=False
    )
    if device is None:
        second_factor = ""
    elif isinstance(device, StaticDevice):
        second_factor = "recovery code"
    else:
        second_factor = "authenticator app"
    record(
        "accounts.logged_in", target=user, actor=user, kind=SECURITY, after={"second_factor": second_factor}
    )


@audited("accounts.login_failed")
def record_failed_login(username: str, address: str | None, reason: str = LoginFailure.Reason.PASSWORD):
    """Count a failed log-in against the user name and the address; lock either when it has had too many.

    Returns the lock this failure set, or None.
    """
    now = timezone.now()
    key = account_key(username)
    LoginFailure.objects.create(at=now, username=key, ip_address=address, reason=reason)
    user = _user_named(username)
    record(
        "accounts.login_failed",
        kind=SECURITY,
        target_type="auth.user",
        target_id=str(user.pk) if user else "",
        target_label=username[:150],
        after={"reason": reason},
    )
    since = now - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    lock = None
    counted = LoginFailure.objects.filter(username=key, counts_for_account=True, at__gte=since)
    if counted.count() >= settings.LOGIN_MAX_FAILURES:
        lock = _lock(LoginLock.Scope.ACCOUNT, key, counted.count(), now, user)
        counted.update(counts_for_account=False)
    if address:
        counted = LoginFailure.objects.filter(ip_address=address, counts_for_address=True, at__gte=since)
        if counted.count() >= settings.LOGIN_ADDRESS_MAX_FAILURES:
            address_lock = _lock(LoginLock.Scope.ADDRESS, address, counted.count(), now, None)
            counted.update(counts_for_address=False)
            lock = lock or address_lock
    return lock


def _lock(scope: str, key: str, failures: int, now, user) -> LoginLock:
    lock = LoginLock.objects.create(
        scope=scope,
        key=key,
        locked_at=now,
        until=now + timedelta(minutes=settings.LOGIN_LOCK_MINUTES),
        failures=failures,
    )
    record(
        "accounts.locked",
        kind=SECURITY,
        target=lock,
        after={"scope": scope, "key": key, "until": lock.until.isoformat(), "failures": failures},
    )
    return lock


@audited("accounts.unlocked")
def unlock(scope: str, key: str, *, by=None) -> int:
    """End the active locks on an account (by user name) or an address and set its failures aside."""
    key = account_key(key) if scope == LoginLock.Scope.ACCOUNT else key.strip()
    now = timezone.now()
    locks = list(LoginLock.objects.active(now).filter(scope=scope, key=key))
    for lock in locks:
        lock.unlocked_at = now
        lock.unlocked_by = by if getattr(by, "is_authenticated", False) else None
        lock.save(update_fields=["unlocked_at", "unlocked_by"])
        record("accounts.unlocked", kind=SECURITY, target=lock, actor=by, after={"scope": scope, "key": key})
    if scope == LoginLock.Scope.ACCOUNT:
        LoginFailure.objects.filter(username=key, counts_for_account=True).update(counts_for_account=False)
    else:
        LoginFailure.objects.filter(ip_address=key, counts_for_address=True).update(counts_for_address=False)
    return len(locks)


# The second factor


@audited("accounts.second_factor_checked")
def check_second_factor(user, code: str, address: str | None):
    """The device that accepts the code (the authenticator app's, or a recovery code, which then is used up),
    or None; a wrong code counts as a failed log-in."""
    code = otp.clean_code(code)
    device = None
    if code:
        model = TOTPDevice if otp.is_totp_shape(code) else StaticDevice
        with transaction.atomic():
            for candidate in model.objects.devices_for_user(user, confirmed=True).select_for_update():
                if candidate.verify_token(code):
                    device = candidate
                    break
    if device is None:
        record_failed_login(user.get_username(), address, LoginFailure.Reason.CODE)
    elif isinstance(device, StaticDevice):
        left = StaticToken.objects.filter(device=device).count()
        record(
            "accounts.recovery_code_used", kind=SECURITY, target=user, actor=user, after={"codes_left": left}
        )
    return device


@audited("accounts.second_factor_enrolled")
def enrol_second_factor(user, secret_hex: str, step: int) -> tuple[TOTPDevice, list[str]]:
    """Save the authenticator app's secret, confirmed by a code of time step `step`, and new recovery codes
    (returned, to be shown once). Replaces any earlier second factor."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(
            user=user,
            name="authenticator app",
            key=secret_hex,
            step=otp.STEP,
            digits=otp.DIGITS,
            tolerance=otp.TOLERANCE,
            confirmed=True,
            last_t=step,
        )
        codes = _new_recovery_codes(user)
    record("accounts.second_factor_enrolled", kind=SECURITY, target=user, actor=user)
    return device, codes


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = []
    while len(codes) < RECOVERY_CODES:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@audited("accounts.recovery_codes_regenerated")
def regenerate_recovery_codes(user) -> list[str]:
    """New recovery codes replace the old ones, which stop working."""
    codes = _new_recovery_codes(user)
    record("accounts.recovery_codes_regenerated", kind=SECURITY, target=user, actor=user)
    return codes


@audited("accounts.second_factor_reset")
def reset_second_factor(user, *, by) -> None:
    """Remove the user's second factor and end their sessions: at the next log-in they enrol again."""
    before = {
        "authenticator_app": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "recovery_codes": StaticToken.objects.filter(device__user=user).count(),
    }
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _end_sessions(user)
    record("accounts.second_factor_reset", kind=SECURITY, target=user, actor=by, before=before)


# Sessions and passwords


def _remember_session(user, session_key: str) -> None:
    AccountSession.objects.filter(
        started_at__lt=timezone.now() - timedelta(hours=settings.SESSION_MAX_HOURS)
    ).delete()
    AccountSession.objects.update_or_create(session_key=session_key, defaults={"user": user})


def _forget_session(session_key: str) -> None:
    AccountSession.objects.filter(session_key=session_key).delete()


def _end_sessions(user, keep: str | None = None) -> int:
    store = _session_store()
    ended = 0
    for account_session in AccountSession.objects.filter(user=user).exclude(session_key=keep or ""):
        store(session_key=account_session.session_key).delete()
        account_session.delete()
        ended += 1
    return ended


@audited("accounts.logged_out_everywhere")
def log_out_everywhere(request) -> int:
    """End every session of the request's user, this one included."""
    user = request.user
    ended = _end_sessions(user, keep=request.session.session_key)
    record(
        "accounts.logged_out_everywhere",
        kind=SECURITY,
        target=user,
        actor=user,
        after={"sessions": ended + 1},
    )
    auth_logout(request)
    return ended + 1


@audited("accounts.password_changed")
def change_password(request, form) -> None:
    """Save a new password (a validated PasswordChangeForm); end the user's other sessions, keep this one."""
    user = form.save()
    old_key = request.session.session_key
    ended = _end_sessions(user, keep=old_key)
    update_session_auth_hash(request, user)
    AccountSession.objects.filter(session_key=old_key).update(session_key=request.session.session_key)
    record(
        "accounts.password_changed",
        kind=SECURITY,
        target=user,
        actor=user,
        after={"other_sessions_ended": ended},
    )
