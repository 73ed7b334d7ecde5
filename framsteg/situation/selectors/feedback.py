"""What happened with a report, for the reporter who filed it: whether it is in the picture, and the actions
that answer it.

An action answers an incident when it was decided for the incident's place (its named place and radius, its
statistical area or its district) and targets the incident's event type (or the group above it), and its
period starts on or after the day of the incident; or when the problem the action answers covers the
incident's place and event type, and the action had not ended before the incident.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from framsteg.situation.models import Action, Incident, IncidentCategory
from framsteg.situation.selectors.followup import place_covers


def _category_and_ancestors(category: IncidentCategory) -> set[int]:
    found, current = set(), category
    while current is not None and current.pk not in found:
        found.add(current.pk)
        current = current.parent
    return found


def _day(incident: Incident):
    return timezone.localtime(incident.occurred_at).date()


def actions_answering(incident: Incident) -> list[Action]:
    """The actions that answer the incident, earliest first."""
    categories = _category_and_ancestors(incident.category)
    day = _day(incident)
    by_place: QuerySet[Action] = (
        Action.objects.filter(categories__in=categories, starts_on__gte=day)
        .exclude(status=Action.Status.CANCELLED)
        .select_related("organisation", "named_place", "district", "area", "problem")
        .distinct()
    )
    found = {action.pk: action for action in by_place if place_covers(action, incident)}
    by_problem = (
        Action.objects.filter(problem__categories__in=categories, ends_on__gte=day)
        .exclude(status=Action.Status.CANCELLED)
        .exclude(pk__in=found)
        .select_related("organisation", "named_place", "district", "area", "problem", "problem__named_place")
        .distinct()
    )
    for action in by_problem:
        if place_covers(action.problem, incident):
            found[action.pk] = action
    return sorted(found.values(), key=lambda action: (action.starts_on, action.pk))
