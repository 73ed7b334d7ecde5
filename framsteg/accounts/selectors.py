"""Reads: locks, second-factor state and the people an administrator manages."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from framsteg.accounts.models import LoginLock
from framsteg.core.access import access_for
from framsteg.organisations.access import PERSONAL_DATA_ROLES, grant_allowed
from framsteg.organisations.models import Membership


def account_key(username: str) -> str:
    """Failures and locks are counted per user name whatever its case, so "Anna" and "anna" count together."""
    return (username or "").strip().casefold()[:150]


def client_address(request) -> str | None:
    """The client's IP address: REMOTE_ADDR, never a header the client could forge."""
    return request.META.get("REMOTE_ADDR") or None


def active_lock(username: str, address: str | None) -> LoginLock | None:
    """The lock that refuses this log-in now (the account's first), or None."""
    locks = LoginLock.objects.active().filter(scope=LoginLock.Scope.ACCOUNT, key=account_key(username))
    if address:
        locks = locks | LoginLock.objects.active().filter(scope=LoginLock.Scope.ADDRESS, key=address)
    return locks.order_by("scope", "-until").first()


def minutes_left(lock: LoginLock, now=None) -> int:
    seconds = (lock.until - (now or timezone.now())).total_seconds()
    return max(1, math.ceil(seconds / 60))


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def active_address_locks():
    return list(LoginLock.objects.active().filter(scope=LoginLock.Scope.ADDRESS).order_by("-locked_at"))


@dataclass
class Person:
    user: object
    memberships: list = field(default_factory=list)
    lock: LoginLock | None = None
    enrolled: bool = False
    needs_second_factor: bool = False


def people() -> list[Person]:
    """Every active account with its roles, lock and second-factor state, in a fixed number of queries."""
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .order_by("last_name", "first_name", "username")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("organisation").order_by(
                    "organisation__name", "role"
                ),
            )
        )
    )
    enrolled = set(TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True))
    locks = {
        lock.key: lock
        for lock in LoginLock.objects.active().filter(scope=LoginLock.Scope.ACCOUNT).order_by("locked_at")
    }
    found = []
    for user in users:
        memberships = list(user.memberships.all())
        found.append(
            Person(
                user=user,
                memberships=memberships,
                lock=locks.get(account_key(user.get_username())),
                enrolled=user.pk in enrolled,
                needs_second_factor=user.is_superuser
                or any(
                    m.role in PERSONAL_DATA_ROLES and grant_allowed(m.role, m.organisation.kind)
                    for m in memberships
                ),
            )
        )
    return found


def person(user) -> Person:
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name", "role")
    )
    return Person(
        user=user,
        memberships=memberships,
        lock=active_lock(user.get_username(), None),
        enrolled=has_second_factor(user),
        needs_second_factor=access_for(user).needs_second_factor,
    )


def recovery_device(user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()
