"""The follow-up of an action: the events at its place, of the event types it targets, in as many weeks
before it started as it lasts, during it, and in as many weeks after it ended.

Method. Only incidents included in the picture count, each with its number of events. The windows have the
same length (the action's period in whole weeks), so the counts compare directly; a window still running is
compared by its days so far (the exposure). Taking the counts as Poisson, the count in the later window given
the total of the two is binomial with p = its share of the time (the exact conditional test for two Poisson
counts); the two-sided p-value sums the probabilities of the outcomes no more likely than the one observed.
The rate ratio (later / before) has an exact 95 % interval from the Clopper–Pearson interval of that
binomial share. A change is "clear" when p < 0.05. This shows whether the events changed, not why: the
season, events moving to a nearby place, more or fewer reports (e.g. because reporters were at the place
during the action) or chance in small numbers can all give the same figures. Bundled reports make the
counts more variable than Poisson, so the p-value is on the optimistic side.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from framsteg.situation.models import Action, Incident, IncidentCategory, NamedPlace

SIGNIFICANCE = 0.05
EARTH_RADIUS_M = 6_371_000


def category_ids_with_children(categories) -> set[int]:
    """The event types and every type under them (targeting a group targets its types)."""
    found = {category.pk for category in categories}
    frontier = set(found)
    while frontier:
        frontier = set(IncidentCategory.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        frontier -= found
        found |= frontier
    return found


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def near_place_q(place: NamedPlace) -> Q:
    """Incidents placed at the named place, or with a position in the bounding box of its radius (the exact
    circle is checked by `at_place`)."""
    dlat = place.radius_m / 111_320
    dlon = place.radius_m / (111_320 * max(math.cos(math.radians(place.latitude)), 0.01))
    box = Q(
        latitude__gte=place.latitude - dlat,
        latitude__lte=place.latitude + dlat,
        longitude__gte=place.longitude - dlon,
        longitude__lte=place.longitude + dlon,
    )
    return Q(named_place=place) | box


def at_place(incident: Incident, place: NamedPlace) -> bool:
    if incident.named_place_id == place.pk:
        return True
    if incident.latitude is None or incident.longitude is None:
        return False
    return (
        distance_m(place.latitude, place.longitude, incident.latitude, incident.longitude) <= place.radius_m
    )


def place_covers(action, incident: Incident) -> bool:
    """Whether the incident is at the place of the action (or problem): its named place, district or area."""
    if action.named_place_id:
        return at_place(incident, action.named_place)
    if action.area_id:
        return incident.area_id == action.area_id
    if action.district_id:
        return incident.district_id == action.district_id
    return False


def _local_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def events_at(action: Action, start: datetime.date, end: datetime.date) -> int:
    """Events (included incidents) at the action's place, of its targeted types, from `start` up to but
    not including `end`."""
    queryset: QuerySet[Incident] = Incident.objects.filter(
        status=Incident.Status.INCLUDED,
        category_id__in=category_ids_with_children(action.categories.all()),
        occurred_at__gte=_local_start(start),
        occurred_at__lt=_local_start(end),
    )
    if action.named_place_id:
        place = action.named_place
        candidates = queryset.filter(near_place_q(place)).only(
            "pk", "named_place_id", "latitude", "longitude", "events"
        )
        return sum(incident.events for incident in candidates if at_place(incident, place))
    if action.area_id:
        queryset = queryset.filter(area_id=action.area_id)
    elif action.district_id:
        queryset = queryset.filter(district_id=action.district_id)
    else:
        return 0
    return queryset.aggregate(total=Sum("events"))["total"] or 0


# The exact conditional test ---------------------------------------------------------------------------------


def _binomial_pmf(k: int, n: int, p: float) -> float:
    if p <= 0:
        return 1.0 if k == 0 else 0.0
    if p >= 1:
        return 1.0 if k == n else 0.0
    log = math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
    return math.exp(log + k * math.log(p) + (n - k) * math.log1p(-p))


def binomial_two_sided_p(k: int, n: int, p: float) -> float:
    """Exact two-sided p-value: the probability of outcomes no more likely than k (as R's binom.test)."""
    if n == 0:
        return 1.0
    observed = _binomial_pmf(k, n, p)
    total = sum(
        probability
        for probability in (_binomial_pmf(i, n, p) for i in range(n + 1))
        if probability <= observed * (1 + 1e-7)
    )
    return min(1.0, total)


def _binomial_cdf(k: int, n: int, p: float) -> float:
    return sum(_binomial_pmf(i, n, p) for i in range(0, k + 1))


def clopper_pearson(k: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """The exact interval of a binomial proportion, found by bisection on the binomial distribution."""
    alpha = 1 - confidence

    def solve(condition) -> float:
        low, high = 0.0, 1.0
        for _step in range(60):
            middle = (low + high) / 2
            if condition(middle):
                high = middle
            else:
                low = middle
        return (low + high) / 2

    lower = 0.0 if k == 0 else solve(lambda p: 1 - _binomial_cdf(k - 1, n, p) >= alpha / 2)
    upper = 1.0 if k == n else solve(lambda p: _binomial_cdf(k, n, p) <= alpha / 2)
    return lower, upper


@dataclass(frozen=True)
class Comparison:
    """A later window against the window before the action."""

    label: str  # "during" or "after"
    before: int
    later: int
    before_days: int
    later_days: int
    rate_ratio: float | None  # later rate / before rate; None when nothing happened before
    interval: tuple[float | None, float | None]
    p_value: float

    @property
    def is_clear(self) -> bool:
        return self.p_value < SIGNIFICANCE and self.before + self.later > 0

    @property
    def direction(self) -> str:
        if not self.is_clear:
            return "none"
        return "down" if self.later * self.before_days < self.before * self.later_days else "up"

    @property
    def percent_change(self) -> int | None:
        if self.rate_ratio is None:
            return None
        return round((self.rate_ratio - 1) * 100)


def compare(before: int, later: int, before_days: int, later_days: int, label: str = "during") -> Comparison:
    """Compare two Poisson counts with their exposures (days) by the exact conditional binomial test."""
    n = before + later
    share = later_days / (before_days + later_days)
    p_value = binomial_two_sided_p(later, n, share)
    scale = before_days / later_days
    ratio = (later / later_days) / (before / before_days) if before else None
    if n:
        low, high = clopper_pearson(later, n)
        lower = low / (1 - low) * scale if low < 1 else None
        upper = high / (1 - high) * scale if high < 1 else None
    else:
        lower = upper = None
    return Comparison(label, before, later, before_days, later_days, ratio, (lower, upper), p_value)


@dataclass(frozen=True)
class Window:
    start: datetime.date
    end: datetime.date  # exclusive
    events: int | None  # None: not begun
    days: int  # days counted so far

    @property
    def last_day(self) -> datetime.date:
        return self.end - datetime.timedelta(days=1)

    @property
    def is_complete(self) -> bool:
        return self.days == (self.end - self.start).days

    @property
    def has_begun(self) -> bool:
        return self.days > 0


@dataclass(frozen=True)
class FollowUp:
    action: Action
    weeks: int
    before: Window
    during: Window
    after: Window
    comparisons: list[Comparison]
    has_categories: bool

    @property
    def windows(self) -> list[tuple[str, Window]]:
        return [(_("Before"), self.before), (_("During"), self.during), (_("After"), self.after)]

    @property
    def main(self) -> Comparison | None:
        """The comparison to show first: after the action when that window has begun, else during it."""
        return self.comparisons[-1] if self.comparisons else None


def period_weeks(action: Action) -> int:
    days = (action.ends_on - action.starts_on).days + 1
    return max(1, math.ceil(days / 7))


def _window(action: Action, start: datetime.date, end: datetime.date, today: datetime.date) -> Window:
    counted_end = min(end, today)  # whole days only: today is not over
    days = max(0, (counted_end - start).days)
    events = events_at(action, start, counted_end) if days else None
    return Window(start, end, events, days)


def follow_up(action: Action, today: datetime.date | None = None) -> FollowUp:
    """The events at the action's place before, during and after it, with the comparisons that can be made
    so far (a window compared only once it has begun; one still running by its days so far)."""
    today = today or timezone.localdate()
    weeks = period_weeks(action)
    length = datetime.timedelta(weeks=weeks)
    start = action.starts_on
    before = _window(action, start - length, start, today)
    during = _window(action, start, start + length, today)
    after = _window(action, start + length, start + 2 * length, today)
    comparisons = []
    if before.is_complete:
        for label, window in (("during", during), ("after", after)):
            if window.has_begun:
                comparisons.append(
                    compare(before.events or 0, window.events or 0, before.days, window.days, label)
                )
    return FollowUp(action, weeks, before, during, after, comparisons, action.categories.exists())
