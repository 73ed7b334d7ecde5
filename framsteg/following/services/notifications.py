"""The followers' outbox: e-mails written in the transaction that makes the news public, sent after it.

`queue_publication` is steering's publication listener: for an approved status it writes one notification
per follower's address (someone following both the commitment and its area gets one e-mail), in the same
transaction as the approval, and asks for them to be sent once it is committed. A notification is claimed
before it is sent (a conditional update, so two processes never send the same one) and marked sent after;
when the mail server fails it is released with the error, and `send-following-emails` (run every few
minutes) sends what still waits. An e-mail may so go out twice if a process dies between sending and
marking, never not at all.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from framsteg.audit.services import NOBODY, audited, nothing_changed, record
from framsteg.core.email import EmailNotSent, send_email
from framsteg.following import selectors
from framsteg.following.models import Notification, Subscription
from framsteg.steering import publication

# Public functions here that only read or compute; every other public function is @audited.
READS = ("send_after_commit", "unsubscribe_url", "confirm_url")

logger = logging.getLogger(__name__)
CLAIM_SECONDS = 600


def confirm_url(subscription: Subscription) -> str:
    return settings.SITE_URL + reverse("following:confirm", args=[subscription.confirm_token])


def unsubscribe_url(subscription: Subscription) -> str:
    return settings.SITE_URL + reverse("following:unsubscribe", args=[subscription.unsubscribe_token])


def send_after_commit(ids: Iterable[int]) -> None:
    transaction.on_commit(partial(send_pending, list(ids)), robust=True)


@audited("following.queue_publication")
def queue_publication(published: publication.Publication) -> list[Notification]:
    """Write a notification for every address following what was published (steering's listener)."""
    if published.kind == publication.STATUS and published.commitment is not None:
        followers = selectors.followers_of_commitment(published.commitment)
        purpose = Notification.Purpose.STATUS
        fields = {"status_update": published.item}
        data = {}
    elif published.kind == publication.JUDGEMENT and published.area is not None:
        followers = selectors.followers_of_area(published.area)
        purpose = Notification.Purpose.JUDGEMENT
        fields = {}
        data = {"model": published.item._meta.label_lower, "pk": published.item.pk, "area": published.area.pk}
    else:
        nothing_changed()
        return []
    chosen: dict[str, Subscription] = {}
    for subscription in followers.order_by("pk"):
        chosen.setdefault(subscription.email, subscription)
    created = [
        Notification.objects.create(subscription=subscription, purpose=purpose, data=data, **fields)
        for subscription in chosen.values()
    ]
    if not created:
        nothing_changed()
        return []
    record(
        "following.queue_publication",
        actor=NOBODY,
        details={"kind": published.kind, "item": published.item, "notifications": len(created)},
        with_origin=False,
        target_type="following.notification",
    )
    send_after_commit([notification.pk for notification in created])
    return created


def _claim(pk: int, now: datetime.datetime) -> bool:
    stale = now - datetime.timedelta(seconds=CLAIM_SECONDS)
    return bool(
        Notification.objects.filter(pk=pk, sent_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))
        .update(claimed_at=now)
    )


@audited("following.send_emails")
def send_pending(ids: Iterable[int] | None = None) -> int:
    """Send the waiting notifications (those named, or all); return how many were sent."""
    waiting = Notification.objects.filter(sent_at__isnull=True)
    if ids is not None:
        waiting = waiting.filter(pk__in=list(ids))
    sent = 0
    for pk in list(waiting.order_by("created_at", "pk").values_list("pk", flat=True)):
        if not _claim(pk, timezone.now()):
            continue
        notification = Notification.objects.select_related(
            "subscription__commitment__area",
            "subscription__area",
            "subscription__organisation",
            "status_update__status",
            "status_update__period",
            "status_update__commitment__area",
        ).get(pk=pk)
        if _send(notification):
            sent += 1
    if not sent:
        nothing_changed()
    return sent


def _send(notification: Notification) -> bool:
    subscription = notification.subscription
    context = {
        "subscription": subscription,
        "followed": subscription.followed,
        "unsubscribe_url": unsubscribe_url(subscription),
        "municipality_name": settings.MUNICIPALITY_NAME,
    }
    headers = {}
    if notification.purpose == Notification.Purpose.CONFIRM:
        templates = ("following/email/confirm_subject.txt", "following/email/confirm.txt")
        context["confirm_url"] = confirm_url(subscription)
        context["hours"] = settings.FOLLOWING_UNCONFIRMED_HOURS
    else:
        templates = ("following/email/news_subject.txt", "following/email/news.txt")
        update = notification.status_update
        context["update"] = update
        commitment = update.commitment if update else None
        context["commitment"] = commitment
        context["url"] = settings.SITE_URL + (
            f"{commitment.get_absolute_url()}#update-{update.pk}" if commitment else reverse("public:home")
        )
        headers = {
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    try:
        email = send_email(
            [subscription.email],
            subject_template=templates[0],
            body_template=templates[1],
            context=context,
            language=subscription.language,
            auto_submitted="auto-generated",
            headers=headers,
        )
    except EmailNotSent as error:
        logger.exception("The following e-mail %s could not be sent", notification.pk)
        Notification.objects.filter(pk=notification.pk).update(
            claimed_at=None, attempts=notification.attempts + 1, last_error=error.detail[:300]
        )
        return False
    Notification.objects.filter(pk=notification.pk).update(
        sent_at=timezone.now(), attempts=notification.attempts + 1, last_error=""
    )
    record(
        "following.send_email",
        target=notification,
        actor=NOBODY,
        details={"purpose": notification.purpose, "language": email.language},
        with_origin=False,
    )
    return True
