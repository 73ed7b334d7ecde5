"""Builders for the situation picture's test data: event types, named places, incidents, areas.

Districts are the real Botkyrka ones (`tests.dialogue.factories.make_districts`); statistical areas are
loaded from the bundled RegSO file when a test asks for them.
"""

from __future__ import annotations

import datetime
import json
from itertools import count

from django.conf import settings
from django.utils import timezone

from framsteg.places.models import Area, District
from framsteg.situation import summaries
from framsteg.situation.models import Incident, IncidentCategory, NamedPlace
from framsteg.situation.services.incidents import IncidentData, record_incident
from tests import factories
from tests.dialogue.factories import make_districts

_sequence = count(1)


def make_category(name: str = "Klotter", nature: str = "crime", parent=None, **extra) -> IncidentCategory:
    code = extra.pop("code", None) or f"kat-{next(_sequence)}"
    return IncidentCategory.objects.create(name=name, code=code, nature=nature, parent=parent, **extra)


def make_areas() -> dict[str, Area]:
    """Botkyrka's RegSO areas from the bundled file, by name."""
    path = settings.BASE_DIR / "data" / "botkyrka" / "geo" / "botkyrka-regso-2025.geojson"
    found = {}
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        properties = feature["properties"]
        area, _created = Area.objects.get_or_create(
            code=properties["regsokod"],
            defaults={"name": properties["regsonamn"], "geometry": feature["geometry"]},
        )
        found[area.name] = area
    return found


def make_place(name: str = "Fittja centrum", latitude: float = 59.2475, longitude: float = 17.8610, **extra):
    slug = extra.pop("slug", None) or f"plats-{next(_sequence)}"
    place = NamedPlace.objects.create(name=name, slug=slug, latitude=latitude, longitude=longitude, **extra)
    summaries.refresh_places()  # as the admin does
    return place


def make_partner(name: str = "Polisen", kind: str = "partner", **extra):
    """The partner organisation of that name, made when missing."""
    from framsteg.organisations.models import Organisation

    existing = Organisation.objects.filter(name=name).first()
    return existing or factories.make_organisation(name, kind=kind, **extra)


def make_incident(
    category: IncidentCategory | None = None,
    organisation=None,
    *,
    reporter=None,
    occurred_at: datetime.datetime | None = None,
    status: str = Incident.Status.INCLUDED,
    place_text: str = "Fittja",
    **extra,
) -> Incident:
    """An incident through the service (so its place is resolved), then given the status asked for."""
    if not District.objects.exists():
        make_districts()
    data = IncidentData(
        category=category or make_category(),
        occurred_at=occurred_at or timezone.now() - datetime.timedelta(hours=2),
        place_text=place_text if "latitude" not in extra and "named_place" not in extra else "",
        **extra,
    )
    incident = record_incident(data, organisation=organisation or make_partner(), by=reporter)
    if status != incident.status:
        Incident.objects.filter(pk=incident.pk).update(status=status)
        incident.refresh_from_db()
        summaries.changed(summaries.footprint(incident))
    return incident
