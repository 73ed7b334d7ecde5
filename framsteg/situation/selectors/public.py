"""The joint situation picture as the public sees it: aggregated weekly counts and the actions decided.

Only incidents a coordinator has included in the picture are counted (`rules.public_incidents`), as numbers
of events per district and ISO week, split into crime and disorder or insecurity; per top-level event group
and week for the whole municipality; and per kind of reporter over the whole period (the municipality, each
partner organisation by name, residents). Nothing finer leaves this module: no position, no place, no time
finer than a week, no description, no reporter. Counts below `SMALL_COUNT` (but above zero) are shown only
as "fewer than 3" and no table has totals, exactly as the public table of safety reports
(`framsteg.core.disclosure`).

The actions are shown with their public fields: title, owning organisation, place (a named place, a
statistical area or a district), period, status and, once written, the outcome; never the responsible
person, never the description.

The counts take four queries whatever the number of incidents: categories, one grouped scan of the weeks
shown (by district, week, event type, organisation and source), districts, and the reporting organisations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from framsteg.core.disclosure import ShownCount, recent_mondays
from framsteg.organisations.models import Organisation
from framsteg.places.models import District
from framsteg.situation import rules
from framsteg.situation.models import Action, IncidentCategory

PUBLIC_WEEKS = 10
PUBLIC_ACTIONS = 40

NATURE_LABELS = {
    IncidentCategory.Nature.CRIME: _("Crime"),
    IncidentCategory.Nature.INSECURITY: _("Disorder or insecurity"),
}
ACTION_STATUS_LABELS = {
    Action.Status.PLANNED: _("Planned"),
    Action.Status.ONGOING: _("Ongoing"),
    Action.Status.DONE: _("Done"),
    Action.Status.CANCELLED: _("Cancelled"),
}
ACTION_STATUS_TONES = {
    Action.Status.PLANNED: "neutral",
    Action.Status.ONGOING: "active",
    Action.Status.DONE: "good",
    Action.Status.CANCELLED: "none",
}
MUNICIPAL_KINDS = {
    Organisation.Kind.COUNCIL,
    Organisation.Kind.EXECUTIVE,
    Organisation.Kind.COMMITTEE,
    Organisation.Kind.ADMINISTRATION,
}
RESIDENTS = "residents"
MUNICIPALITY = "municipality"


@dataclass
class CountRow:
    code: str
    label: str
    counts: list[ShownCount]
    language: str = ""  # the label's language when it is known to differ from the page's (a name in Swedish)


@dataclass
class DistrictCounts:
    name: str
    rows: list[CountRow]  # crime, then disorder or insecurity


@dataclass
class PublicPicture:
    weeks: list[date]  # the Monday of each week, oldest first
    districts: list[DistrictCounts] = field(default_factory=list)
    groups: list[CountRow] = field(default_factory=list)
    reporters: list[CountRow] = field(default_factory=list)

    @property
    def first_day(self) -> date:
        return self.weeks[0]

    @property
    def last_day(self) -> date:
        return self.weeks[-1] + timedelta(days=6)

    def _rows(self) -> list[CountRow]:
        return [row for district in self.districts for row in district.rows] + self.groups + self.reporters

    @property
    def has_suppressed(self) -> bool:
        return any(count.is_suppressed for row in self._rows() for count in row.counts)

    @property
    def is_empty(self) -> bool:
        return not any(count.value for row in self._rows() for count in row.counts)


def _language() -> str:
    return (get_language() or "sv").split("-")[0]


def _label_language(category: IncidentCategory, language: str) -> str:
    """The language `category.label(language)` is in, when that is not the page's."""
    if language == "sv" or category.translations.get(language):
        return ""
    return "en" if category.translations.get("en") else "sv"


def _roots(categories: dict[int, IncidentCategory]) -> dict[int, IncidentCategory]:
    """Each category's top-level group (itself when it has no parent)."""
    found: dict[int, IncidentCategory] = {}
    for pk, category in categories.items():
        top, seen = category, set()
        while top.parent_id is not None and top.parent_id in categories and top.pk not in seen:
            seen.add(top.pk)
            top = categories[top.parent_id]
        found[pk] = top
    return found


def public_picture(weeks: int = PUBLIC_WEEKS, today: date | None = None) -> PublicPicture:
    """The included incidents of the last `weeks` ISO weeks (this one too), as suppressed counts of events."""
    mondays = recent_mondays(weeks, today or timezone.localdate())
    index = {monday: position for position, monday in enumerate(mondays)}
    language = _language()
    categories = {category.pk: category for category in IncidentCategory.objects.all()}
    roots = _roots(categories)
    incidents = rules.public_incidents().filter(week__gte=mondays[0], week__lte=mondays[-1])

    per_nature: dict[tuple[int | None, str], list[int]] = {}
    per_group: dict[int, list[int]] = {}
    # One scan for every table: the groups are few (districts × weeks × event types × reporters).
    grouped = list(
        incidents.values("district", "week", "category", "organisation", "source")
        .annotate(events=Sum("events"))
        .order_by()
    )
    for row in grouped:
        category = categories[row["category"]]
        position = index[row["week"]]
        key = (row["district"], category.nature)
        per_nature.setdefault(key, [0] * weeks)[position] += row["events"]
        group = roots[category.pk]
        per_group.setdefault(group.pk, [0] * weeks)[position] += row["events"]

    natures = list(NATURE_LABELS)
    districts = []
    for district in [*District.objects.order_by("name"), None]:
        pk = district.pk if district is not None else None
        rows = [
            CountRow(
                nature,
                str(NATURE_LABELS[nature]),
                [ShownCount(v) for v in per_nature.get((pk, nature), [0] * weeks)],
            )
            for nature in natures
        ]
        if district is None and not any(count.value for row in rows for count in row.counts):
            continue
        districts.append(DistrictCounts(district.name if district else str(_("District not known")), rows))

    groups = [
        CountRow(
            group.code,
            group.label(language),
            [ShownCount(value) for value in per_group.get(group.pk, [0] * weeks)],
            _label_language(group, language),
        )
        for group in sorted(
            (category for category in categories.values() if category.parent_id is None),
            key=lambda category: (category.position, category.name),
        )
        if group.is_active or group.pk in per_group
    ]
    return PublicPicture(weeks=mondays, districts=districts, groups=groups, reporters=_reporters(grouped))


def _reporters(rows: list[dict]) -> list[CountRow]:
    """Events over the whole period by who reported them: the municipality's own administrations together,
    each partner organisation by name, and residents (their safety reports, categorised into the picture)."""
    totals: dict[str, int] = {}
    names: dict[str, str] = {}
    organisations = Organisation.objects.in_bulk({row["organisation"] for row in rows})
    for row in rows:
        organisation = organisations[row["organisation"]]
        if row["source"] == "resident":
            key = RESIDENTS
        elif organisation.kind in MUNICIPAL_KINDS:
            key = MUNICIPALITY
        else:
            key = f"organisation-{organisation.slug}"
            names[key] = organisation.name
        totals[key] = totals.get(key, 0) + row["events"]
    found = [
        CountRow(MUNICIPALITY, str(_("The municipality")), [ShownCount(totals.get(MUNICIPALITY, 0))]),
        *(
            CountRow(key, names[key], [ShownCount(totals[key])], "sv")
            for key in sorted(names, key=lambda key: names[key])
        ),
        CountRow(
            RESIDENTS, str(_("Residents (their safety reports)")), [ShownCount(totals.get(RESIDENTS, 0))]
        ),
    ]
    return found


@dataclass
class PublicAction:
    title: str
    organisation: str
    place: str
    starts_on: date
    ends_on: date
    status: str
    status_label: str
    status_tone: str
    outcome: str


def _place(action: Action) -> str:
    for place in (action.named_place, action.area, action.district):
        if place is not None:
            return place.name
    return ""


def public_actions(today: date | None = None, limit: int = PUBLIC_ACTIONS) -> list[PublicAction]:
    """The actions decided whose period reaches into the weeks shown or later, newest first: their public
    fields only."""
    mondays = recent_mondays(PUBLIC_WEEKS, today or timezone.localdate())
    actions = (
        rules.public_actions()
        .filter(ends_on__gte=mondays[0])
        .select_related("organisation", "named_place", "area", "district")
        .order_by("-starts_on", "-pk")[:limit]
    )
    return [
        PublicAction(
            title=action.title,
            organisation=action.organisation.name,
            place=_place(action),
            starts_on=action.starts_on,
            ends_on=action.ends_on,
            status=action.status,
            status_label=str(ACTION_STATUS_LABELS.get(action.status, action.status)),
            status_tone=ACTION_STATUS_TONES.get(action.status, "neutral"),
            outcome=action.outcome.strip(),
        )
        for action in actions
    ]
