"""The joint situation picture (lägesbild): incident reports from the partners and from residents, reviewed
into a weekly picture; the weekly meeting with its actions (insatser) and their follow-up; the problems a
yearly lägesbild names and the åtgärdsplan that answers them (lag 2023:196).

EST looks at places and situations, never at persons: an incident holds no resident's personal data, and
a position that could point at a home is shown only at block level (`framsteg.situation.selectors.geo`).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from framsteg.dialogue.models import Case
from framsteg.organisations.models import Organisation
from framsteg.places.models import Area, District
from framsteg.situation import grid
from framsteg.steering.models import Commitment

CELL_FIELDS = ("cell_metres", "cell_row", "cell_column", "join_row", "join_column")


def week_start(day: datetime.date) -> datetime.date:
    """The Monday of the ISO week the day falls in."""
    return day - datetime.timedelta(days=day.weekday())


class IncidentCategory(models.Model):
    """An event type in the configurable tree (e.g. skadegörelse › klotter), each leaf brott or otrygghet."""

    class Nature(models.TextChoices):
        CRIME = "crime", _("Crime")
        INSECURITY = "insecurity", _("Disorder or insecurity")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name (Swedish)"), max_length=120)
    translations = models.JSONField(
        _("names in other languages"), default=dict, blank=True, help_text=_('E.g. {"en": "Graffiti"}.')
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    nature = models.CharField(_("crime or insecurity"), max_length=12, choices=Nature.choices)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("incident category")
        verbose_name_plural = _("incident categories")

    def __str__(self) -> str:
        return self.label()

    def label(self, language: str | None = None) -> str:
        language = (language or get_language() or "sv").split("-")[0]
        if language == "sv":
            return self.name
        return self.translations.get(language) or self.translations.get("en") or self.name

    def clean(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None:
            if ancestor.pk == self.pk or ancestor.pk in seen:
                raise ValidationError({"parent": _("A category cannot be placed under itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class NamedPlace(models.Model):
    """A place the partners name (a square, a centre, a street, a block): reports can be placed at it, and a
    hot spot is one the meeting watches. Semi-public places (stairwells, cellars, garages) are named at
    block level, never by flat or door."""

    class Setting(models.TextChoices):
        PUBLIC = "public", _("Public place (street, square, park, centre)")
        SEMI_PUBLIC = "semi_public", _("Semi-public place (stairwell, cellar, garage, laundry room)")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    setting = models.CharField(_("kind of place"), max_length=12, choices=Setting.choices, default="public")
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    radius_m = models.PositiveIntegerField(
        _("radius (metres)"),
        default=150,
        validators=[MinValueValidator(25), MaxValueValidator(5000)],
        help_text=_("Events within this distance count as at the place."),
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("statistical area"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_hot_spot = models.BooleanField(_("hot spot"), default=False)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("named place")
        verbose_name_plural = _("named places")

    def __str__(self) -> str:
        return self.name


class Incident(models.Model):
    """A händelserapport: one event, or several of the same kind at one place bundled (`events`)."""

    class Status(models.TextChoices):
        REPORTED = "reported", _("Reported")
        REVIEWED = "reviewed", _("Reviewed")
        INCLUDED = "included", _("Included in the picture")
        REJECTED = "rejected", _("Not included")

    class Source(models.TextChoices):
        FORM = "form", _("Reporter's form")
        IMPORT = "import", _("File import")
        API = "api", _("Partner's system (API)")
        RESIDENT = "resident", _("Resident's safety report")

    category = models.ForeignKey(
        IncidentCategory, verbose_name=_("event type"), on_delete=models.PROTECT, related_name="incidents"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("reporting organisation"),
        on_delete=models.PROTECT,
        related_name="incidents",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incidents",
    )
    source = models.CharField(_("received through"), max_length=10, choices=Source.choices, default="form")
    # A resident's safety report categorised into the picture: the incident carries none of its personal data.
    case = models.OneToOneField(
        Case,
        verbose_name=_("resident's case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incident",
    )
    external_id = models.CharField(
        _("the partner's own reference"),
        max_length=100,
        blank=True,
        help_text=_("Sending the same reference again updates the report instead of adding a second."),
    )
    named_place = models.ForeignKey(
        NamedPlace,
        verbose_name=_("named place"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incidents",
    )
    place_text = models.CharField(_("place"), max_length=300, blank=True)
    setting = models.CharField(
        _("kind of place"), max_length=12, choices=NamedPlace.Setting.choices, default="public"
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incidents",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("statistical area"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incidents",
    )
    occurred_at = models.DateTimeField(_("when (from)"))
    ended_at = models.DateTimeField(_("when (until)"), null=True, blank=True)
    time_known = models.BooleanField(
        _("time of day known"), default=True, help_text=_("Off when only the date is known.")
    )
    # Derived from occurred_at in the municipality's time zone when saved, for the weekly counts and the
    # weekday × hour grid (hour is None when the time of day is not known).
    week = models.DateField(_("week (its Monday)"), editable=False)
    weekday = models.PositiveSmallIntegerField(_("weekday"), editable=False)
    hour = models.PositiveSmallIntegerField(_("hour"), null=True, editable=False)
    # Derived from the position and the kind of place when saved (`framsteg.situation.grid`): the map's cell
    # and the cell of the grid on which events are matched to named places; None without a position.
    cell_metres = models.PositiveSmallIntegerField(_("map cell size (metres)"), null=True, editable=False)
    cell_row = models.IntegerField(_("map cell row"), null=True, editable=False)
    cell_column = models.IntegerField(_("map cell column"), null=True, editable=False)
    join_row = models.IntegerField(_("join cell row"), null=True, editable=False)
    join_column = models.IntegerField(_("join cell column"), null=True, editable=False)
    events = models.PositiveIntegerField(
        _("number of events"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("Several events of the same kind at the same place may be reported as one."),
    )
    description = models.TextField(_("description"), blank=True)
    assessment = models.TextField(_("the reporter's assessment"), blank=True)
    police_reported = models.BooleanField(_("reported to the police"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="reported")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            # Covering: the weekly picture's counts and the hot spots' window read the index alone.
            models.Index(
                fields=["status", "week", "category"],
                name="incident_week",
                include=[
                    "events",
                    "named_place",
                    "setting",
                    "latitude",
                    "longitude",
                    "area",
                    "cell_metres",
                    "cell_row",
                    "cell_column",
                    "join_row",
                    "join_column",
                ],
            ),
            # Narrow, for the weekly counts over many weeks: half the pages of the covering index above.
            models.Index(
                fields=["status", "week", "category"], name="incident_week_counts", include=["events"]
            ),
            # The week's newest reports; the grid and the week's report counts read it alone.
            models.Index(
                fields=["week", "occurred_at"],
                name="incident_week_time",
                include=["status", "time_known", "weekday", "hour", "events", "district", "area"],
            ),
            models.Index(fields=["week", "latitude"], name="incident_week_latitude"),
            # A kommundel's or a RegSO area's weekly counts read these alone.
            models.Index(
                fields=["status", "district", "week"],
                name="incident_district_week",
                include=["category", "events"],
            ),
            models.Index(
                fields=["status", "area", "week"], name="incident_area_week", include=["category", "events"]
            ),
            models.Index(fields=["status", "named_place", "week"], name="incident_place_week"),
            # A few cells' window: the hot spots' details and the refresh of their summaries.
            models.Index(
                fields=["status", "cell_row", "cell_column", "week"],
                name="incident_cell_week",
                include=["cell_metres", "named_place", "category", "district", "area", "events"],
            ),
            models.Index(fields=["reporter", "created_at"], name="incident_reporter"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~models.Q(external_id=""),
                name="unique_incident_external_id",
            ),
            models.CheckConstraint(condition=models.Q(events__gte=1), name="incident_events_positive"),
        ]
        verbose_name = _("incident report")
        verbose_name_plural = _("incident reports")

    def __str__(self) -> str:
        return f"{self.reference} {self.category}"

    def save(self, *args, **kwargs):
        self.derive_time_fields()
        self.derive_cells()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            derived = set()
            if {"occurred_at", "time_known"} & set(update_fields):
                derived |= {"week", "weekday", "hour"}
            if {"latitude", "longitude", "setting"} & set(update_fields):
                derived |= set(CELL_FIELDS)
            kwargs["update_fields"] = {*update_fields, *derived}
        super().save(*args, **kwargs)

    def derive_cells(self) -> None:
        for name, value in grid.cells(self.latitude, self.longitude, self.setting).items():
            setattr(self, name, value)

    @property
    def place_parts(self) -> list[str]:
        """Where it happened, from the most to the least precise, each name once: the named place or the
        reporter's place text, the district and the statistical area (RegSO)."""
        return self.place_names(
            self.named_place.name if self.named_place_id else self.place_text,
            self.district.name if self.district_id else None,
            self.area.name if self.area_id else None,
        )

    @staticmethod
    def place_names(place: str | None, district: str | None, area: str | None) -> list[str]:
        """The names of `place_parts`, each once (whatever its case), empty ones left out."""
        seen: list[str] = []
        for part in (place, district, area):
            part = (part or "").strip()
            if part and part.casefold() not in {each.casefold() for each in seen}:
                seen.append(part)
        return seen

    @property
    def reference(self) -> str:
        return f"H-{self.pk}" if self.pk else "H-?"

    def derive_time_fields(self) -> None:
        local = (
            timezone.localtime(self.occurred_at) if timezone.is_aware(self.occurred_at) else self.occurred_at
        )
        self.week = week_start(local.date())
        self.weekday = local.weekday()
        self.hour = local.hour if self.time_known else None


def incident_photo_path(instance, filename: str) -> str:
    return f"situation/{instance.incident_id}/{filename}"


class IncidentPhoto(models.Model):
    """A photo with an incident report, re-encoded without metadata like residents' photos; never public."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=incident_photo_path)
    description = models.CharField(_("what the photo shows"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.description or self.image.name


class Problem(models.Model):
    """A problem the picture shows (a kind of event at a place), which actions answer: the link between
    problem, measure and result. Named at a weekly meeting or in the yearly lägesbild."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        RESOLVED = "resolved", _("Resolved")

    title = models.CharField(_("problem"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    categories = models.ManyToManyField(
        IncidentCategory, verbose_name=_("event types"), blank=True, related_name="problems"
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("statistical area"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    named_place = models.ForeignKey(
        NamedPlace,
        verbose_name=_("named place"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="problems",
    )
    year = models.PositiveSmallIntegerField(
        _("lägesbild year"), null=True, blank=True, help_text=_("The yearly lägesbild that names it, if any.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="active")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("problem")
        verbose_name_plural = _("problems")

    def __str__(self) -> str:
        return self.title


class Meeting(models.Model):
    """The weekly joint meeting: this week's picture, agreed priorities and new actions, with minutes."""

    week = models.DateField(_("week (its Monday)"), unique=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    participants = models.ManyToManyField(
        Organisation, verbose_name=_("participating organisations"), blank=True, related_name="+"
    )
    priority_districts = models.ManyToManyField(
        District, verbose_name=_("priority districts"), blank=True, related_name="+"
    )
    priority_areas = models.ManyToManyField(
        Area, verbose_name=_("priority statistical areas"), blank=True, related_name="+"
    )
    priority_places = models.ManyToManyField(
        NamedPlace, verbose_name=_("priority places and hot spots"), blank=True, related_name="+"
    )
    minutes = models.TextField(_("minutes"), blank=True)
    closed_at = models.DateTimeField(_("minutes closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-week"]
        verbose_name = _("weekly meeting")
        verbose_name_plural = _("weekly meetings")

    def __str__(self) -> str:
        year, number, _weekday = self.week.isocalendar()
        return f"{year}-W{number:02d}"


class Action(models.Model):
    """An insats: decided at a weekly meeting or in the åtgärdsplan, owned by one partner, answering a
    problem, at a place and for a period, followed up with the events there before and after."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("decided at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    plan_year = models.PositiveSmallIntegerField(
        _("åtgärdsplan year"),
        null=True,
        blank=True,
        help_text=_("Set for the actions of a yearly åtgärdsplan."),
    )
    problem = models.ForeignKey(
        Problem,
        verbose_name=_("the problem it answers"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    title = models.CharField(_("action"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("owning partner"), on_delete=models.PROTECT, related_name="actions"
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="situation_actions",
    )
    responsible_name = models.CharField(
        _("responsible person (name)"), max_length=200, blank=True, help_text=_("When they have no account.")
    )
    categories = models.ManyToManyField(
        IncidentCategory, verbose_name=_("event types it targets"), blank=True, related_name="actions"
    )
    named_place = models.ForeignKey(
        NamedPlace,
        verbose_name=_("place"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("statistical area"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    due_on = models.DateField(_("outcome due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="planned")
    outcome = models.TextField(_("outcome"), blank=True)
    outcome_recorded_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)
    commitments = models.ManyToManyField(
        Commitment, verbose_name=_("commitments of the plan"), blank=True, related_name="situation_actions"
    )
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "ends_on", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The period cannot end before it starts.")})


class YearlyPicture(models.Model):
    """The yearly lägesbild the law requires (lag 2023:196): the mapping and its analysis, written by the
    coordinator around figures computed from the reviewed incidents and the surveys; its åtgärdsplan is the
    actions with `plan_year`, linked to the problems named here and to the plan's commitments."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    extent = models.TextField(_("extent of crime and disorder"), blank=True)
    consequences = models.TextField(_("consequences"), blank=True)
    other_information = models.TextField(_("other relevant information"), blank=True)
    analysis = models.TextField(_("analysis"), blank=True)
    adopted_by = models.CharField(_("adopted by"), max_length=200, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("yearly lägesbild")
        verbose_name_plural = _("yearly lägesbilder")

    def __str__(self) -> str:
        return str(self.year)


class PartnerApiKey(models.Model):
    """A key that lets a partner's system report incidents in its organisation's name through the API and
    read back what that organisation reported. Only a hash is stored; the key is shown once."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=128)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("partner's API key")
        verbose_name_plural = _("partners' API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


# Summaries: derived from the included incidents, kept up to date by `services.summaries` in the
# transaction that changes an incident, and checked against the incidents by
# `framsteg refresh-situation-summaries --check`. The picture, the hot spots and their benchmark read these
# hundreds of rows instead of the tens of thousands of incidents they sum. No foreign key constraints: a
# summary row never blocks deleting what it names.


def _summary_key(model, **extra):
    return models.ForeignKey(
        model, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", **extra
    )


class WeekCount(models.Model):
    """The included events of a week by event type, kommundel and RegSO area."""

    week = models.DateField()
    category = _summary_key(IncidentCategory)
    district = _summary_key(District, null=True)
    area = _summary_key(Area, null=True)
    events = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["week", "category"], name="weekcount_week", include=["events"]),
            models.Index(
                fields=["district", "week"], name="weekcount_district", include=["category", "events"]
            ),
            models.Index(fields=["area", "week"], name="weekcount_area", include=["category", "events"]),
        ]

    def __str__(self) -> str:
        return f"{self.week} {self.category_id} {self.district_id} {self.area_id}: {self.events}"


class PlaceWeek(models.Model):
    """The included events of a week at or near an active named place (linked to it, or with a position
    within its radius), by event type, kommundel and RegSO area of the event."""

    week = models.DateField()
    place = _summary_key(NamedPlace)
    category = _summary_key(IncidentCategory)
    district = _summary_key(District, null=True)
    area = _summary_key(Area, null=True)
    events = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["week", "place"],
                name="placeweek_week",
                include=["category", "district", "area", "events"],
            )
        ]

    def __str__(self) -> str:
        return f"{self.week} {self.place_id} {self.category_id}: {self.events}"


class HotCell(models.Model):
    """A cell of the map's grid that meets the hot-spot rule in the window ending with `week`
    (`selectors.hotspots`), in the whole municipality (kind 0), a kommundel (1) or a RegSO area (2): events
    without a named place only, as the hot spots count cells."""

    class Kind(models.IntegerChoices):
        ALL = 0
        DISTRICT = 1
        AREA = 2

    week = models.DateField()
    kind = models.PositiveSmallIntegerField(choices=Kind.choices)
    scope_id = models.IntegerField()  # the kommundel's or area's id; 0 for the whole municipality
    cell_metres = models.PositiveSmallIntegerField()
    cell_row = models.IntegerField()
    cell_column = models.IntegerField()
    weeks = models.PositiveSmallIntegerField()  # weeks of the window with events
    this_week = models.PositiveIntegerField()
    earlier = models.PositiveIntegerField()  # events of the window's weeks before `week`

    class Meta:
        indexes = [
            # The hot spots read the best cells of a week and area straight off this index.
            models.Index(
                fields=[
                    "week",
                    "kind",
                    "scope_id",
                    "-this_week",
                    "-earlier",
                    "-weeks",
                    "cell_row",
                    "cell_column",
                ],
                name="hotcell_rank",
            ),
            models.Index(fields=["cell_row", "cell_column", "week"], name="hotcell_cell"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.week} {self.kind}/{self.scope_id} {self.cell_metres}:{self.cell_row},{self.cell_column}"
        )
