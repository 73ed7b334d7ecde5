"""Following the plan by e-mail, without an account: who follows what, and the e-mails waiting to be sent.

A follower is an e-mail address, the language they chose and the one thing they follow (a commitment, an
area, or an organisation's commitments): nothing else is stored. The address is confirmed by a link sent to
it (double opt-in) and removed when the follower stops, or after FOLLOWING_UNCONFIRMED_HOURS if it was never
confirmed. Every e-mail goes through the outbox (`Notification`), written in the transaction that makes the
news public, so that none is lost when the mail server is down: `send-following-emails` sends what waits.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from framsteg.organisations.models import Organisation
from framsteg.steering.models import Area, Commitment, StatusUpdate


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Subscription(models.Model):
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, null=True, blank=True, related_name="followers"
    )
    area = models.ForeignKey(Area, on_delete=models.CASCADE, null=True, blank=True, related_name="followers")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="followers"
    )
    confirm_token = models.CharField(max_length=64, unique=True, default=new_token)
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(commitment__isnull=False, area__isnull=True, organisation__isnull=True)
                    | Q(commitment__isnull=True, area__isnull=False, organisation__isnull=True)
                    | Q(commitment__isnull=True, area__isnull=True, organisation__isnull=False)
                ),
                name="subscription_follows_one_thing",
            ),
            models.UniqueConstraint(
                fields=["email", "commitment"],
                condition=Q(commitment__isnull=False),
                name="one_per_commitment",
            ),
            models.UniqueConstraint(
                fields=["email", "area"], condition=Q(area__isnull=False), name="one_per_area"
            ),
            models.UniqueConstraint(
                fields=["email", "organisation"],
                condition=Q(organisation__isnull=False),
                name="one_per_organisation",
            ),
        ]
        verbose_name = _("follower")
        verbose_name_plural = _("followers")

    def __str__(self) -> str:
        return f"#{self.pk} → {self.followed}"

    @property
    def followed(self) -> Commitment | Area | Organisation:
        return self.commitment or self.area or self.organisation


class Notification(models.Model):
    """An e-mail to a follower: the confirmation link, or news of what they follow. Sent at least once."""

    class Purpose(models.TextChoices):
        CONFIRM = "confirm", _("Confirmation")
        STATUS = "status", _("A status was published")
        JUDGEMENT = "judgement", _("A judgement was published")

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="notifications")
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    status_update = models.ForeignKey(
        StatusUpdate, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "status_update"],
                condition=Q(status_update__isnull=False),
                name="one_notification_per_update",
            )
        ]
        indexes = [models.Index(fields=["sent_at", "created_at"], name="following_outbox")]

    def __str__(self) -> str:
        return f"{self.purpose} #{self.pk}"
