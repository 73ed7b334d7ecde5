"""Reports to the council, frozen as they were handed over, and the files made from them.

A `Snapshot` holds the whole description of the report (`framsteg.core.documents.to_data`) as it was built
from one follow-up period's approved reports: what the council received can be shown again, in every format,
however the plan's data are corrected later. A `ReportFile` is a PDF or Word file made from a snapshot, in
the background when it takes more than a moment. `ExampleFollowUp` records the invented follow-up that
`framsteg load-example-follow-up` loads, so that it is labelled everywhere and can be removed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from framsteg.organisations.models import Organisation
from framsteg.steering.models import Area, FollowUpPeriod


class Snapshot(models.Model):
    class Scope(models.TextChoices):
        PLAN = "plan", _("The whole plan")
        AREA = "area", _("One area")
        ORGANISATION = "organisation", _("One organisation (nämnd)")
        LONG_TERM = "long-term", _("The long-term goals")

    period = models.ForeignKey(
        FollowUpPeriod, on_delete=models.PROTECT, related_name="+", verbose_name=_("follow-up period")
    )
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    area = models.ForeignKey(
        Area, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("area")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    scope_label = models.CharField(_("scope as named then"), max_length=300)
    period_label = models.CharField(_("period as named then"), max_length=100)
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=10)
    document = models.JSONField(_("the report as frozen"))
    table_rows = models.PositiveIntegerField(_("table rows"), default=0)
    is_example = models.BooleanField(_("built from example data"), default=False)
    created_at = models.DateTimeField(_("frozen"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by_name = models.CharField(_("frozen by"), max_length=200)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report snapshot")
        verbose_name_plural = _("report snapshots")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:snapshot", args=[self.pk])


class ReportFile(models.Model):
    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (.docx)"

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to be made")
        RUNNING = "running", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(_("format"), max_length=5, choices=Format.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.TextField(_("message"), blank=True)
    content = models.BinaryField(_("content"), null=True, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["snapshot", "format"], name="one_file_per_format")]
        verbose_name = _("report file")
        verbose_name_plural = _("report files")

    def __str__(self) -> str:
        return f"{self.snapshot} ({self.format})"


class ExampleFollowUp(models.Model):
    """The labelled example follow-up: which status updates it added, so that it can be shown as such and
    removed. There is at most one."""

    update_ids = models.JSONField(_("status updates added"), default=list)
    judgement_ids = models.JSONField(_("goal judgements added"), default=list)
    loaded_at = models.DateTimeField(_("loaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("example follow-up")
        verbose_name_plural = _("example follow-ups")

    def __str__(self) -> str:
        return f"Exempeldata ({len(self.update_ids)})"
