"""Failed log-ins, the locks they lead to, and the sessions each account has open.

Failures and locks are kept in the database so that an administrator can see them and unlock; the second
factor's devices are django-otp's (TOTP and static recovery codes).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LoginFailure(models.Model):
    class Reason(models.TextChoices):
        PASSWORD = "password", _("Wrong user name or password")
        CODE = "code", _("Wrong code")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    username = models.CharField(_("user name"), max_length=150, db_index=True, help_text=_("As typed."))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True, db_index=True)
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices, default=Reason.PASSWORD)
    # A failure counts towards a lock until a lock, a successful log-in or an unlock sets it aside.
    counts_for_account = models.BooleanField(default=True)
    counts_for_address = models.BooleanField(default=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("failed log-in")
        verbose_name_plural = _("failed log-ins")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.ip_address or '-'}"


class LoginLockQuerySet(models.QuerySet):
    def active(self, now=None):
        return self.filter(unlocked_at__isnull=True, until__gt=now or timezone.now())


class LoginLock(models.Model):
    """An account or an address refused log-in until `until`, after too many failures."""

    class Scope(models.TextChoices):
        ACCOUNT = "account", _("Account")
        ADDRESS = "address", _("Address")

    scope = models.CharField(_("what is locked"), max_length=10, choices=Scope.choices)
    key = models.CharField(_("user name or address"), max_length=150, db_index=True)
    locked_at = models.DateTimeField(_("locked at"), default=timezone.now)
    until = models.DateTimeField(_("locked until"))
    failures = models.PositiveIntegerField(_("failures"), default=0)
    unlocked_at = models.DateTimeField(_("unlocked at"), null=True, blank=True)
    unlocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("unlocked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = LoginLockQuerySet.as_manager()

    class Meta:
        ordering = ["-locked_at", "-pk"]
        verbose_name = _("log-in lock")
        verbose_name_plural = _("log-in locks")

    def __str__(self) -> str:
        return f"{self.get_scope_display()} {self.key} {self.until:%Y-%m-%d %H:%M}"

    def is_active(self, now=None) -> bool:
        return self.unlocked_at is None and self.until > (now or timezone.now())


class AccountSession(models.Model):
    """A session an account has open, so that all of them can be ended at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="account_sessions",
        verbose_name=_("user"),
    )
    session_key = models.CharField(_("session"), max_length=64, unique=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)

    class Meta:
        verbose_name = _("open session")
        verbose_name_plural = _("open sessions")

    def __str__(self) -> str:
        return f"{self.user} {self.started_at:%Y-%m-%d %H:%M}"
