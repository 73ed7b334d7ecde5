"""Audit entries: an append-only record across every app. Case timelines stay the cases' own story."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """Audit entries are never changed or deleted, except by the retention job."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit entries are removed only by the retention job (purge_before).")

    def purge_before(self, cutoff) -> int:
        """Remove entries older than `cutoff`: the retention job's only way to delete."""
        old = self.filter(at__lt=cutoff)
        return models.QuerySet.delete(old)[0]


class AuditEntry(models.Model):
    class Kind(models.TextChoices):
        CHANGE = "change", _("Change")
        READ = "read", _("Read of personal data")
        SECURITY = "security", _("Security event")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CHANGE)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept as text too, so the record survives the account's removal.
    username = models.CharField(_("user name"), max_length=150, blank=True, db_index=True)
    roles = models.TextField(_("roles"), blank=True, help_text=_("The person's roles and organisations."))
    target_type = models.CharField(_("object type"), max_length=80, blank=True, db_index=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    target_label = models.CharField(_("object"), max_length=300, blank=True)
    changes = models.JSONField(_("before and after"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        # The log pages search by object, by kind or action, by person and by time, newest first.
        indexes = [
            models.Index(fields=["target_type", "target_id", "at"]),
            models.Index(fields=["kind", "-at"], name="audit_kind_at"),
            models.Index(fields=["action", "-at"], name="audit_action_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username or '-'} {self.action} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries are removed only by the retention job.")
