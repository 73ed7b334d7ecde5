"""Following without an account: sign up (double opt-in), confirm, stop, and the removal of addresses never
confirmed.

`subscribe` answers nothing about the address: whether it already follows, waits for confirmation or is new,
the caller shows the same page, so nobody learns who follows what. A new or unconfirmed follower gets the
confirmation e-mail (at most `CONFIRMATIONS_PER_DAY` a day to one address, so that the form cannot be used
to flood someone's inbox); a confirmed one gets nothing. The audit log names the follower by number, never
by address.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from framsteg.audit.services import NOBODY, audited, nothing_changed, record
from framsteg.following.models import Notification, Subscription
from framsteg.following.selectors import Followable
from framsteg.following.services import notifications
from framsteg.organisations.models import Organisation
from framsteg.steering.models import Area, Commitment

# Public functions here that only read or compute; every other public function is @audited.
READS = ("normalised",)

CONFIRMATIONS_PER_DAY = 3


def _target_fields(target: Followable) -> dict:
    if isinstance(target, Commitment):
        return {"commitment": target}
    if isinstance(target, Area):
        return {"area": target}
    if isinstance(target, Organisation):
        return {"organisation": target}
    raise TypeError(f"{target!r} cannot be followed")


def normalised(email: str) -> str:
    return email.strip().lower()


@audited("following.subscribe")
def subscribe(email: str, target: Followable, language: str) -> None:
    """Ask the address to confirm that it follows the target, unless it already does."""
    email = normalised(email)
    fields = _target_fields(target)
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().filter(email=email, **fields).first()
        if subscription is None:
            try:
                with transaction.atomic():
                    subscription = Subscription.objects.create(email=email, language=language, **fields)
            except IntegrityError:  # the same address signed up at the same moment
                nothing_changed()
                return
        elif subscription.confirmed_at is not None:
            nothing_changed()
            return
        else:  # asked again: the new link gets the whole time to be confirmed
            subscription.language = language
            subscription.save(update_fields=["language"])
            Subscription.objects.filter(pk=subscription.pk).update(created_at=timezone.now())
        since = timezone.now() - datetime.timedelta(days=1)
        recent = Notification.objects.filter(
            subscription__email=email, purpose=Notification.Purpose.CONFIRM, created_at__gte=since
        ).count()
        if recent >= CONFIRMATIONS_PER_DAY:
            nothing_changed()
            return
        notification = Notification.objects.create(
            subscription=subscription, purpose=Notification.Purpose.CONFIRM
        )
        record(
            "following.subscribe",
            target=subscription,
            actor=NOBODY,
            after={"follows": str(target), "language": language, "confirmed": False},
            with_origin=False,
        )
        notifications.send_after_commit([notification.pk])


@audited("following.confirm")
def confirm(token: str) -> Subscription | None:
    """Confirm the follower the link names; None when the link is unknown or its address was removed."""
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().filter(confirm_token=token).first()
        if subscription is None:
            nothing_changed()
            return None
        if subscription.confirmed_at is None:
            subscription.confirmed_at = timezone.now()
            subscription.save(update_fields=["confirmed_at"])
            record(
                "following.confirm",
                target=subscription,
                actor=NOBODY,
                after={"confirmed": True},
                with_origin=False,
            )
        else:
            nothing_changed()
    return subscription


@audited("following.unsubscribe")
def unsubscribe(token: str) -> bool:
    """Stop following: the address and everything about it is deleted. False when it was gone already."""
    with transaction.atomic():
        subscription = Subscription.objects.filter(unsubscribe_token=token).first()
        if subscription is None:
            nothing_changed()
            return False
        record(
            "following.unsubscribe",
            target=subscription,
            actor=NOBODY,
            before={"follows": str(subscription.followed)},
            with_origin=False,
        )
        subscription.delete()
    return True


@audited("following.remove_unconfirmed")
def remove_unconfirmed(now: datetime.datetime | None = None) -> int:
    """Delete the addresses never confirmed within FOLLOWING_UNCONFIRMED_HOURS; return how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(hours=settings.FOLLOWING_UNCONFIRMED_HOURS)
    expired = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
    count = expired.count()
    if not count:
        nothing_changed()
        return 0
    expired.delete()
    record(
        "following.remove_unconfirmed",
        actor=NOBODY,
        details={"removed": count, "older_than_hours": settings.FOLLOWING_UNCONFIRMED_HOURS},
        with_origin=False,
        target_type="following.subscription",
    )
    return count
