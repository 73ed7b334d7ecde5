"""Indicators measure the plan: key figures from Kolada, other open sources or the municipality's own data.

Measurements come in releases. A source such as SMHI revises a whole back-series at once, so a new release
replaces the previous one as a whole (`Release.is_current`); old releases stay for inspection and are never
mixed into one series. A release is written completely or not at all (`Release.is_complete` is set last, in
the same transaction).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from framsteg.steering.models import Area, CandidateTarget, Commitment


class Municipality(models.Model):
    """A municipality, Riket (0000) or a municipality group (G…), with the name Kolada gives it."""

    code = models.CharField(_("code"), max_length=20, primary_key=True)
    name = models.CharField(_("name"), max_length=200)
    is_group = models.BooleanField(_("group"), default=False)
    members = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="groups")

    class Meta:
        ordering = ["code"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class SourceKind(models.TextChoices):
        KOLADA = "kolada", _("Kolada")
        OPEN = "open", _("Other open source")
        OWN = "own", _("The municipality's own measurement")

    class Survey(models.TextChoices):
        """The safety surveys whose results the situation picture shows beside the incident trends."""

        POLICE = "police", _("The police's trygghetsmätning")
        NTU = "ntu", _("Brå's Nationella trygghetsundersökningen (NTU)")
        CITIZEN = "citizen", _("The municipality's citizen survey (SCB:s medborgarundersökning)")

    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    source_kind = models.CharField(_("source"), max_length=10, choices=SourceKind.choices)
    survey = models.CharField(
        _("survey"),
        max_length=10,
        choices=Survey.choices,
        blank=True,
        help_text=_(
            "For a safety survey's results per kommundel and year: which survey. They are then shown beside "
            "the incident trends of the situation picture. Empty for other indicators."
        ),
    )
    kolada_kpi = models.CharField(_("Kolada KPI"), max_length=10, blank=True, db_index=True)
    kolada_title = models.CharField(_("title in Kolada"), max_length=500, blank=True)
    kolada_description = models.TextField(_("description in Kolada"), blank=True)
    kolada_synced_at = models.DateTimeField(_("last synced from Kolada"), null=True, blank=True)
    source_name = models.CharField(_("source name"), max_length=300, blank=True)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    source_note = models.TextField(_("about the source"), blank=True)
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    baseline_period = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    areas = models.ManyToManyField(Area, blank=True, related_name="indicators", verbose_name=_("areas"))
    commitments = models.ManyToManyField(
        Commitment, blank=True, related_name="indicators", verbose_name=_("commitments")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:indicator", args=[self.slug])

    @property
    def higher_is_better(self) -> bool:
        return self.direction == self.Direction.HIGHER

    def current_release(self) -> Release | None:
        return self.releases.filter(is_current=True).first()


class Target(models.Model):
    class Kind(models.TextChoices):
        LEVEL = "level", _("A level to reach")
        YEARLY_AMOUNT = "yearly_amount", _("An amount each year")
        YEARLY_RATE = "yearly_rate", _("A yearly rate of change")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.LEVEL)
    value = models.DecimalField(
        _("target value"),
        max_digits=20,
        decimal_places=6,
        help_text=_("For a yearly rate: percent, e.g. -14."),
    )
    year = models.PositiveSmallIntegerField(_("target year"))
    note = models.TextField(_("where the target comes from"), blank=True)
    candidate = models.ForeignKey(
        CandidateTarget,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicator_targets",
        verbose_name=_("candidate target in a document"),
    )

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.year})"


class Release(models.Model):
    """One delivery of a source's series for an indicator; the current one is what pages show."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="releases")
    label = models.CharField(_("release"), max_length=300)
    source = models.TextField(_("source"), blank=True)
    retrieved_at = models.DateTimeField(_("retrieved"))
    is_current = models.BooleanField(_("current"), default=False)
    is_complete = models.BooleanField(_("complete"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator", "-retrieved_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator"], condition=Q(is_current=True), name="one_current_release_per_indicator"
            )
        ]
        verbose_name = _("release")
        verbose_name_plural = _("releases")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.label}"


class Measurement(models.Model):
    class Gender(models.TextChoices):
        TOTAL = "T", _("Total")
        WOMEN = "K", _("Women")
        MEN = "M", _("Men")

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="measurements")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    municipality = models.CharField(_("municipality"), max_length=20, default="0127")
    district = models.CharField(_("district"), max_length=100, blank=True)
    period = models.PositiveSmallIntegerField(_("period"))
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, default=Gender.TOTAL)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6, null=True, blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["indicator", "municipality", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "municipality", "district", "period", "gender"], name="unique_measurement"
            )
        ]
        indexes = [models.Index(fields=["indicator", "municipality", "gender", "period"])]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self) -> str:
        return f"{self.indicator} {self.municipality} {self.period} {self.gender}: {self.value}"


class CarbonBudget(models.Model):
    """The municipality's remaining CO2 budget from a start year, followed with an emissions indicator."""

    name = models.CharField(_("name"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("start year"))
    budget_tonnes = models.DecimalField(_("budget (tonnes CO2)"), max_digits=14, decimal_places=1)
    required_rate = models.DecimalField(
        _("required yearly reduction (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    emissions = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="carbon_budgets",
        verbose_name=_("emissions indicator"),
    )
    source_note = models.TextField(_("where the budget comes from"), blank=True)

    class Meta:
        verbose_name = _("carbon budget")
        verbose_name_plural = _("carbon budgets")

    def __str__(self) -> str:
        return self.name
