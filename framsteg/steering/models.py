"""The plan: steering documents, the goal tree, commitments, follow-up periods and status history.

Status history is append-only. A `StatusUpdate` is never changed or deleted once written; a correction is a
new update that points at the one it corrects. Commitments that disappear from a new version of their
document are marked removed, not deleted, so their history stays readable.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from framsteg.organisations.models import Organisation


class Status(models.Model):
    """One word of the status vocabulary. The default vocabulary is created by a data migration."""

    class Tone(models.TextChoices):
        NEUTRAL = "neutral", _("Neutral")
        ACTIVE = "active", _("Under way")
        GOOD = "good", _("Good")
        WARNING = "warning", _("Warning")
        BAD = "bad", _("Bad")

    class Pattern(models.TextChoices):
        SOLID = "solid", _("Solid")
        DIAGONAL = "diagonal", _("Diagonal stripes")
        BACK_DIAGONAL = "backdiagonal", _("Diagonal stripes, the other way")
        HORIZONTAL = "horizontal", _("Horizontal stripes")
        VERTICAL = "vertical", _("Vertical stripes")
        DOTS = "dots", _("Dots")
        CROSS = "cross", _("Cross-hatching")
        GRID = "grid", _("Grid")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Swedish)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=80, blank=True)
    description = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    default_progress = models.PositiveSmallIntegerField(
        _("default progress"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    requires_reason = models.BooleanField(_("requires a reason"), default=False)
    is_done = models.BooleanField(_("counts as done"), default=False)
    asks_progress = models.BooleanField(
        _("asks for a progress percentage"),
        default=True,
        help_text=_(
            "Off for statuses such as “Kan ej bedömas” and “Avbruten”, where a percentage says nothing: "
            "their reports carry none and are left out of the mean progress."
        ),
    )
    tone = models.CharField(_("tone"), max_length=10, choices=Tone.choices, default=Tone.NEUTRAL)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#5b6676",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Write the colour as #rrggbb."))],
        help_text=_("Dark enough for text on white (contrast at least 4.5:1); each status its own."),
    )
    pattern = models.CharField(
        _("pattern"),
        max_length=12,
        choices=Pattern.choices,
        default=Pattern.SOLID,
        help_text=_("Drawn in bars and legends, so that no status is told apart by colour alone."),
    )
    symbol = models.CharField(
        _("symbol"),
        max_length=2,
        default="•",
        help_text=_("Shown before the status's name, e.g. ✓ for done; each status its own."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("status")
        verbose_name_plural = _("statuses")

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        """No two statuses share a symbol, nor a colour with a pattern: never colour alone, never a twin."""
        others = Status.objects.exclude(pk=self.pk)
        errors = {}
        if self.symbol and others.filter(symbol=self.symbol).exists():
            errors["symbol"] = _("Another status has this symbol; choose one of its own.")
        if others.filter(colour__iexact=self.colour, pattern=self.pattern).exists():
            errors["pattern"] = _("Another status has this colour and pattern; change one of them.")
        if errors:
            raise ValidationError(errors)

    @property
    def label(self) -> str:
        return self._in_current_language(self.name, self.name_en, self.name_fi)

    @property
    def label_language(self) -> str:
        """The language `label` is in: the active one when translated, else Swedish."""
        language = (get_language() or "sv")[:2]
        return language if {"en": self.name_en, "fi": self.name_fi}.get(language) else "sv"

    @property
    def explanation_language(self) -> str:
        """The language `explanation` is in: the active one when translated, else Swedish."""
        language = (get_language() or "sv")[:2]
        return language if {"en": self.description_en, "fi": self.description_fi}.get(language) else "sv"

    @property
    def explanation(self) -> str:
        return self._in_current_language(self.description, self.description_en, self.description_fi)

    @staticmethod
    def _in_current_language(swedish: str, english: str, finnish: str) -> str:
        language = (get_language() or "sv")[:2]
        return {"en": english, "fi": finnish}.get(language) or swedish


class SteeringDocumentQuerySet(models.QuerySet):
    def adopted(self):
        """Documents adopted by a body of the municipality (or an agreement): only they carry commitments."""
        return self.filter(standing=SteeringDocument.Standing.ADOPTED)

    def proposals(self):
        """Proposals and party programmes: their points are compared with the plan, never reported on."""
        return self.filter(standing=SteeringDocument.Standing.PROPOSAL)


class SteeringDocument(models.Model):
    class Standing(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        PROPOSAL = "proposal", _("Proposal or party programme")

    class Body(models.TextChoices):
        COUNCIL = "council", _("The municipal council (kommunfullmäktige)")
        COMMITTEE = "committee", _("A committee (nämnd)")
        COMPANY_BOARD = "company_board", _("A municipal company's board")
        AGREEMENT = "agreement", _("An agreement between the police and the municipality")
        OTHER = "other", _("Another body")

    class Kind(models.TextChoices):
        LONG_TERM = "long_term", _("Long-term goals")
        PLATFORM = "platform", _("Political platform")
        BUDGET = "budget", _("Goals and budget")
        COMMITTEE_PLAN = "committee_plan", _("Committee plan")
        PARTY_PROGRAMME = "party_programme", _("Party programme")
        CITIZEN_PROMISE = "citizen_promise", _("Citizen promise (medborgarlöfte)")
        OTHER = "other", _("Other (news item, decision)")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    period_start = models.PositiveSmallIntegerField(_("period starts (year)"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("period ends (year)"), null=True, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    author = models.CharField(
        _("author"), max_length=200, blank=True, help_text=_("A party, a majority, the council …")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        help_text=_("The committee or body the document steers, if one."),
    )
    standing = models.CharField(
        _("standing"),
        max_length=10,
        choices=Standing.choices,
        default=Standing.ADOPTED,
        help_text=_(
            "Only adopted documents carry commitments that organisations report on; a proposal's points are "
            "compared with what was adopted."
        ),
    )
    adopted_by_body = models.CharField(
        _("adopted by (kind of body)"), max_length=20, choices=Body.choices, blank=True
    )
    adopted_by = models.ForeignKey(
        Organisation,
        verbose_name=_("adopted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopted_documents",
        help_text=_("The council, committee or board that adopted the document, if it is in the list."),
    )
    proposed_by = models.CharField(
        _("proposed by"), max_length=200, blank=True, help_text=_("The party or group behind a proposal.")
    )
    source_url = models.URLField(_("source address"), blank=True)
    source_note = models.TextField(_("origin"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SteeringDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("steering document")
        verbose_name_plural = _("steering documents")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("public:document", args=[self.slug])

    @property
    def carries_commitments(self) -> bool:
        """Commitments organisations report on: adopted documents only (not news items, not proposals)."""
        return self.kind != self.Kind.OTHER and self.standing == self.Standing.ADOPTED

    @property
    def is_proposal(self) -> bool:
        return self.standing == self.Standing.PROPOSAL

    @property
    def has_items(self) -> bool:
        """Commitments (adopted) or points (a proposal): everything but news items and decisions."""
        return self.kind != self.Kind.OTHER

    @property
    def period_label(self) -> str:
        if self.period_start and self.period_end and self.period_start != self.period_end:
            return f"{self.period_start}–{self.period_end}"
        return str(self.period_start or self.period_end or "")

    @property
    def current_version(self) -> DocumentVersion | None:
        return self.versions.order_by("-number").first()


class DocumentVersion(models.Model):
    """One imported text of a document, kept verbatim; source offsets point into `text`."""

    class Format(models.TextChoices):
        TEXT = "text", _("Plain text")
        HTML = "html", "HTML"
        DOCX = "docx", _("Word (.docx)")

    document = models.ForeignKey(SteeringDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    sha256 = models.CharField(max_length=64)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changes = models.JSONField(_("changes from the previous version"), default=dict, blank=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_document_version"),
        ]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class CurrentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(removed_in__isnull=True)


class CommitmentQuerySet(CurrentQuerySet):
    def adopted(self):
        """Commitments of adopted documents: what organisations report on and what the plan counts."""
        return self.filter(document__standing=SteeringDocument.Standing.ADOPTED)

    def points(self):
        """A proposal's points (stored as commitments of a proposal document): compared, never reported on."""
        return self.filter(document__standing=SteeringDocument.Standing.PROPOSAL)

    def reportable(self):
        """Current commitments of adopted documents."""
        return self.current().adopted()


class Area(models.Model):
    """A node of the goal tree: a long-term goal, a term area (a priority problem) or a committee goal."""

    class Kind(models.TextChoices):
        LONG_TERM_GOAL = "long_term_goal", _("Long-term goal")
        TERM_AREA = "term_area", _("Term area")
        COMMITTEE_GOAL = "committee_goal", _("Committee goal")
        PROGRAMME_AREA = "programme_area", _("Programme area")
        PRIORITY = "priority", _("Priority")

    document = models.ForeignKey(SteeringDocument, on_delete=models.CASCADE, related_name="areas")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent goal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    title_inferred = models.BooleanField(
        _("title derived from content"),
        default=False,
        help_text=_("The document had no heading here; the name was derived from the text."),
    )
    awaiting_name = models.BooleanField(
        _("not yet named"),
        default=False,
        help_text=_(
            "A goal the document says exists but does not name (such as the six long-term goals of “Ett "
            "hållbart Botkyrka”): staff enter its name and description from the adopted document."
        ),
    )
    naming_source = models.CharField(
        _("where the name comes from"),
        max_length=300,
        blank=True,
        help_text=_("The adopted document, page or section the name and description were taken from."),
    )
    slug = models.SlugField(_("slug"), max_length=200)
    narrative = models.TextField(_("narrative"), blank=True)
    lead_in = models.CharField(_("lead-in"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("position"))
    source_start = models.PositiveIntegerField(null=True, blank=True)
    source_end = models.PositiveIntegerField(null=True, blank=True)
    responsible = models.ManyToManyField(
        Organisation, verbose_name=_("responsible"), blank=True, related_name="areas"
    )
    created_in = models.ForeignKey(
        DocumentVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    removed_in = models.ForeignKey(
        DocumentVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = CurrentQuerySet.as_manager()

    class Meta:
        ordering = ["document", "position"]
        constraints = [models.UniqueConstraint(fields=["document", "slug"], name="unique_area_slug")]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("public:area", args=[self.document.slug, self.slug])


class Commitment(models.Model):
    """One thing the municipality has committed to do, with its exact place in the source text."""

    document = models.ForeignKey(SteeringDocument, on_delete=models.CASCADE, related_name="commitments")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="commitments")
    text = models.TextField(_("text"))
    position = models.PositiveIntegerField(_("position in area"))
    source_version = models.ForeignKey(
        DocumentVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("source version")
    )
    source_start = models.PositiveIntegerField(_("source start"))
    source_end = models.PositiveIntegerField(_("source end"))
    budget_sek = models.DecimalField(
        _("budget (SEK)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    responsible = models.ManyToManyField(
        Organisation,
        through="Responsibility",
        verbose_name=_("responsible"),
        blank=True,
        related_name="commitments",
    )
    created_in = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="+")
    removed_in = models.ForeignKey(
        DocumentVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["area__position", "position"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    def get_absolute_url(self) -> str:
        return reverse("public:commitment", args=[self.pk])

    @property
    def reference(self) -> str:
        """A readable number such as 3.1: the area's position, then the commitment's."""
        return f"{self.area.position}.{self.position}"

    @property
    def source_quote(self) -> str:
        return self.source_version.text[self.source_start : self.source_end]


class Responsibility(models.Model):
    class Basis(models.TextChoices):
        NAMED = "named", _("Named in the document")
        ASSIGNED = "assigned", _("Assigned by staff")
        SUGGESTED = "suggested", _("Suggested at import from the area's topic")

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="responsibilities")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="responsibilities")
    basis = models.CharField(_("basis"), max_length=20, choices=Basis.choices, default=Basis.ASSIGNED)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commitment", "organisation"], name="unique_responsibility")
        ]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.commitment}"


class CommitmentRevision(models.Model):
    """A commitment was reworded in a new version of its document; its history carries on."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="revisions")
    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="+")
    previous_text = models.TextField(_("previous text"))
    new_text = models.TextField(_("new text"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("rewording")
        verbose_name_plural = _("rewordings")

    def __str__(self) -> str:
        return f"{self.previous_text} → {self.new_text}"


class CandidateTarget(models.Model):
    """A quantity found in a document (a number with a unit, or a year) that could become a target."""

    document = models.ForeignKey(SteeringDocument, on_delete=models.CASCADE, related_name="candidate_targets")
    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="candidate_targets")
    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, null=True, blank=True, related_name="candidate_targets"
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, null=True, blank=True, related_name="candidate_targets"
    )
    text = models.CharField(_("text"), max_length=200)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=60)
    qualifier = models.CharField(_("qualifier"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    context = models.TextField(_("context"))
    source_start = models.PositiveIntegerField()
    source_end = models.PositiveIntegerField()

    class Meta:
        ordering = ["document", "source_start"]
        verbose_name = _("candidate target")
        verbose_name_plural = _("candidate targets")

    def __str__(self) -> str:
        return self.text


class FollowUpPeriod(models.Model):
    class Kind(models.TextChoices):
        TERTIAL = "tertial", _("Tertial report (January–April)")
        INTERIM = "interim", _("Interim report (January–August)")
        ANNUAL = "annual", _("Annual report")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    report_due = models.DateField(_("reports due"), null=True, blank=True)
    is_open = models.BooleanField(_("open for reporting"), default=False)

    class Meta:
        ordering = ["-year", "-ends_on"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="unique_period"),
            models.UniqueConstraint(fields=["is_open"], condition=Q(is_open=True), name="one_open_period"),
        ]
        verbose_name = _("follow-up period")
        verbose_name_plural = _("follow-up periods")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"

    @property
    def short_label(self) -> str:
        names = {
            self.Kind.TERTIAL: _("Tertial"),
            self.Kind.INTERIM: _("Interim"),
            self.Kind.ANNUAL: _("Annual"),
        }
        return f"{names[self.kind]} {self.year}"

    @classmethod
    def open_period(cls) -> FollowUpPeriod | None:
        return cls.objects.filter(is_open=True).first()


class StatusUpdateQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("Status updates are never changed; add a correction instead."))

    def delete(self):
        raise ValidationError(_("Status updates are never deleted; add a correction instead."))

    def published(self):
        """The updates the public sees: those needing no review, and those a coordinator approved."""
        return self.filter(Q(needs_review=False) | Q(review__decision=StatusReview.Decision.APPROVED))

    def awaiting_review(self):
        return self.filter(needs_review=True, review__isnull=True)


class StatusUpdate(models.Model):
    """An owner's report on a commitment for a period. Append-only."""

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="status_updates")
    period = models.ForeignKey(FollowUpPeriod, on_delete=models.PROTECT, related_name="status_updates")
    status = models.ForeignKey(Status, on_delete=models.PROTECT, related_name="+", verbose_name=_("status"))
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Empty for a status that asks for no percentage."),
    )
    comment = models.TextField(_("comment"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(_("reported by"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects"),
    )
    correction_note = models.TextField(_("what the correction corrects"), blank=True)
    needs_review = models.BooleanField(
        _("a draft until reviewed"),
        default=False,
        help_text=_("An owner's report is public only once a coordinator has approved it."),
    )

    objects = StatusUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")

    def __str__(self) -> str:
        progress = "" if self.progress is None else f" {self.progress} %"
        return f"{self.commitment.reference} {self.status}{progress}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValidationError(_("Status updates are never changed; add a correction instead."))
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        if self.status_id and self.status.requires_reason and not self.reason.strip():
            errors["reason"] = _("Give a reason for the status “%(status)s”.") % {"status": self.status.label}
        if self.status_id and self.status.asks_progress and self.progress is None:
            errors["progress"] = _("Give progress as a percentage from 0 to 100.")
        if self.corrects_id:
            if self.corrects.commitment_id != self.commitment_id:
                errors["corrects"] = _("A correction must concern the same commitment.")
            if not self.correction_note.strip():
                errors["correction_note"] = _("Say what the correction corrects.")
        if errors:
            raise ValidationError(errors)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Status updates are never deleted; add a correction instead."))


class StatusReview(models.Model):
    """A coordinator's decision on a draft report: approved (then public) or sent back with a note.

    Written once; the report itself never changes. A report sent back stays in the history as a draft that
    was not published; the owner reports again.
    """

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Sent back")

    update = models.OneToOneField(StatusUpdate, on_delete=models.PROTECT, related_name="review")
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    note = models.TextField(_("note to the owner"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by_name = models.CharField(_("decided by"), max_length=200, blank=True)
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("review of a report")
        verbose_name_plural = _("reviews of reports")

    def __str__(self) -> str:
        return f"{self.update}: {self.get_decision_display()}"


class ReportReminder(models.Model):
    """A reminder sent to an organisation that had not reported for a period; each kind is sent once."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Before the due date")
        AFTER = "after", _("After the due date")

    period = models.ForeignKey(FollowUpPeriod, on_delete=models.CASCADE, related_name="reminders")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "organisation", "kind"], name="unique_report_reminder")
        ]
        verbose_name = _("reporting reminder")
        verbose_name_plural = _("reporting reminders")

    def __str__(self) -> str:
        return f"{self.organisation} {self.period} {self.kind}"


class Evidence(models.Model):
    """What an update rests on: a link, an uploaded file, or a steering document."""

    status_update = models.ForeignKey(StatusUpdate, on_delete=models.PROTECT, related_name="evidence")
    title = models.CharField(_("title"), max_length=300, blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/", blank=True)
    document = models.ForeignKey(
        SteeringDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title or self.url or (self.file.name if self.file else str(self.document))

    @property
    def href(self) -> str:
        if self.url:
            return self.url
        if self.file:
            return self.file.url
        return self.document.get_absolute_url() if self.document_id else ""


class DocumentLink(models.Model):
    """A document without commitments (a news item, a decision) that concerns a commitment.

    Suggested by the importer; a staff member confirms it, and only then does it show as evidence.
    """

    class State(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    document = models.ForeignKey(SteeringDocument, on_delete=models.CASCADE, related_name="links")
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="document_links")
    score = models.FloatField(_("match"), default=0)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.SUGGESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["document", "commitment"], name="unique_document_link")
        ]
        verbose_name = _("document link")
        verbose_name_plural = _("document links")

    def __str__(self) -> str:
        return f"{self.document} → {self.commitment}"


class PointMatch(models.Model):
    """An adopted commitment that may take up a proposal's point.

    Suggested from the texts' similarity (framsteg/steering/importer/similarity.py); a staff member confirms
    or rejects it. Only confirmed matches are shown to the public, and a point without one is said to have no
    adopted commitment found, never to have been rejected.
    """

    class State(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    point = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="adopted_matches", verbose_name=_("point")
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="proposal_matches", verbose_name=_("commitment")
    )
    score = models.FloatField(_("similarity"), default=0)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.SUGGESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["point", "-score"]
        constraints = [models.UniqueConstraint(fields=["point", "commitment"], name="unique_point_match")]
        verbose_name = _("match of a point with a commitment")
        verbose_name_plural = _("matches of points with commitments")

    def __str__(self) -> str:
        return f"{self.point} → {self.commitment}"


GOAL_KINDS = (Area.Kind.LONG_TERM_GOAL, Area.Kind.TERM_AREA, Area.Kind.COMMITTEE_GOAL)


class GoalContribution(models.Model):
    """A term area, committee goal or commitment contributes to a goal of another document.

    The goal tree across documents: long-term goals ← term areas ← committee goals ← commitments. Each link
    says in words how the one contributes to the other; a coordinator sets it (audited), and the link is what
    the judgements roll up along.
    """

    goal = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("goal contributed to")
    )
    from_area = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contributes_to",
        verbose_name=_("contributing goal"),
    )
    from_commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contributes_to",
        verbose_name=_("contributing commitment"),
    )
    contribution = models.TextField(_("how it contributes"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    set_by_name = models.CharField(_("set by"), max_length=200, blank=True)
    set_at = models.DateTimeField(_("set"), auto_now=True)

    class Meta:
        ordering = ["goal", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_area__isnull=False, from_commitment__isnull=True)
                | Q(from_area__isnull=True, from_commitment__isnull=False),
                name="contribution_from_one_node",
            ),
            models.UniqueConstraint(fields=["goal", "from_area"], name="unique_area_contribution"),
            models.UniqueConstraint(
                fields=["goal", "from_commitment"], name="unique_commitment_contribution"
            ),
        ]
        verbose_name = _("contribution to a goal")
        verbose_name_plural = _("contributions to goals")

    def __str__(self) -> str:
        return f"{self.source} → {self.goal}"

    @property
    def source(self) -> Area | Commitment:
        return self.from_area if self.from_area_id else self.from_commitment


class Judgement(models.TextChoices):
    """The scale a goal is judged on each follow-up period (at the interim report: a forecast)."""

    MET = "met", _("Met")
    PARTLY_MET = "partly_met", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    CANNOT_JUDGE = "cannot_judge", _("Cannot be judged")


class GoalJudgementQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("Judgements are never changed; judge again instead."))

    def delete(self):
        raise ValidationError(_("Judgements are never deleted; judge again instead."))

    def published(self):
        """Judgements needing no review, and those a coordinator approved."""
        return self.filter(Q(needs_review=False) | Q(review__decision=StatusReview.Decision.APPROVED))

    def awaiting_review(self):
        return self.filter(needs_review=True, review__isnull=True)


class GoalJudgement(models.Model):
    """An owner's judgement of a goal for a period, with the analysis behind it. Append-only."""

    goal = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="judgements", verbose_name=_("goal")
    )
    period = models.ForeignKey(FollowUpPeriod, on_delete=models.PROTECT, related_name="judgements")
    judgement = models.CharField(_("judgement"), max_length=20, choices=Judgement.choices)
    is_forecast = models.BooleanField(
        _("a forecast for the year's end"),
        default=False,
        help_text=_("At the interim report the judgement is a forecast of the goal at the year's end."),
    )
    analysis = models.TextField(_("analysis"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(_("judged by"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("judged at"), auto_now_add=True)
    needs_review = models.BooleanField(_("a draft until reviewed"), default=False)

    objects = GoalJudgementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("judgement of a goal")
        verbose_name_plural = _("judgements of goals")

    def __str__(self) -> str:
        return f"{self.goal} {self.period}: {self.get_judgement_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValidationError(_("Judgements are never changed; judge again instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Judgements are never deleted; judge again instead."))


class JudgementReview(models.Model):
    """A coordinator's decision on a draft judgement: approved (then public) or sent back with a note."""

    judgement = models.OneToOneField(GoalJudgement, on_delete=models.PROTECT, related_name="review")
    decision = models.CharField(_("decision"), max_length=10, choices=StatusReview.Decision.choices)
    note = models.TextField(_("note to the owner"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by_name = models.CharField(_("decided by"), max_length=200, blank=True)
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("review of a judgement")
        verbose_name_plural = _("reviews of judgements")

    def __str__(self) -> str:
        return f"{self.judgement}: {self.get_decision_display()}"
