"""Budget follow-up: each nämnd's (and, where a document states one, each commitment's) budget for a year,
and per follow-up period the outcome (utfall) and full-year forecast (prognos) from the finance system, with
the owner's comment on the deviation.

Every amount keeps its source: a budget either a place in a steering document's text (the version and the
offsets of the words, e.g. "22 miljoner") or a row of a finance system export; an outcome and forecast the
row of the export they came from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from framsteg.organisations.models import Organisation
from framsteg.steering.models import Commitment, DocumentVersion, FollowUpPeriod

AMOUNT = {"max_digits": 16, "decimal_places": 0}


class FinanceImport(models.Model):
    """One file exported from the finance system, imported for a follow-up period (all rows or none)."""

    period = models.ForeignKey(
        FollowUpPeriod, on_delete=models.PROTECT, related_name="finance_imports", verbose_name=_("period")
    )
    filename = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_by_name = models.CharField(_("imported by"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("finance system import")
        verbose_name_plural = _("finance system imports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.period})"


def _one_per(fields: list[str], name: str) -> list[models.UniqueConstraint]:
    """Unique per organisation, or per organisation and commitment: NULL commitments need their own rule."""
    return [
        models.UniqueConstraint(
            fields=fields, condition=Q(commitment__isnull=True), name=f"{name}_per_organisation"
        ),
        models.UniqueConstraint(
            fields=[*fields, "commitment"],
            condition=Q(commitment__isnull=False),
            name=f"{name}_per_commitment",
        ),
    ]


class Budget(models.Model):
    """A year's budget of an organisation, or of one of its commitments, with where the amount stands."""

    year = models.PositiveSmallIntegerField(_("year"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="budgets", verbose_name=_("organisation")
    )
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budgets",
        verbose_name=_("commitment"),
    )
    amount_sek = models.DecimalField(_("budget (SEK)"), **AMOUNT)
    source_version = models.ForeignKey(
        DocumentVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_start = models.PositiveIntegerField(null=True, blank=True)
    source_end = models.PositiveIntegerField(null=True, blank=True)
    finance_import = models.ForeignKey(
        FinanceImport, on_delete=models.PROTECT, null=True, blank=True, related_name="budgets"
    )
    source_row = models.PositiveIntegerField(_("row in the file"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "organisation__name", "commitment_id"]
        constraints = [
            *_one_per(["year", "organisation"], "budget"),
            models.CheckConstraint(
                condition=(
                    Q(source_version__isnull=False, finance_import__isnull=True)
                    | Q(source_version__isnull=True, finance_import__isnull=False)
                ),
                name="budget_has_one_source",
            ),
        ]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}: {self.amount_sek} SEK"

    @property
    def source_quote(self) -> str:
        if self.source_version_id is None:
            return ""
        return self.source_version.text[self.source_start : self.source_end]


class FollowUp(models.Model):
    """A period's outcome and full-year forecast for an organisation (or a commitment), and the owner's
    comment on the deviation from the budget."""

    period = models.ForeignKey(
        FollowUpPeriod, on_delete=models.PROTECT, related_name="budget_follow_ups", verbose_name=_("period")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="budget_follow_ups",
        verbose_name=_("organisation"),
    )
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_follow_ups",
        verbose_name=_("commitment"),
    )
    outcome_sek = models.DecimalField(_("outcome (SEK)"), **AMOUNT)
    forecast_sek = models.DecimalField(_("full-year forecast (SEK)"), **AMOUNT)
    finance_import = models.ForeignKey(FinanceImport, on_delete=models.PROTECT, related_name="follow_ups")
    source_row = models.PositiveIntegerField(_("row in the file"))
    comment = models.TextField(_("comment on the deviation"), blank=True)
    comment_by_name = models.CharField(_("comment by"), max_length=200, blank=True)
    comment_at = models.DateTimeField(_("commented"), null=True, blank=True)

    class Meta:
        ordering = ["period", "organisation__name", "commitment_id"]
        constraints = _one_per(["period", "organisation"], "follow_up")
        verbose_name = _("budget follow-up")
        verbose_name_plural = _("budget follow-ups")

    def __str__(self) -> str:
        return f"{self.organisation} {self.period}"
