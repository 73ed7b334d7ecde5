"""Incident reports (händelserapporter) enter the picture here, whatever the way in: the reporter's form, a
file import, a partner's system, or a resident's safety report categorised by an officer.

The place is resolved once, when the report is saved: a named place gives its point, district and area; a
position gives the district (nearest representative point, inside the municipality only) and the statistical
area whose polygon holds it; a place name typed alone is looked up among the districts and areas.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from framsteg.audit.services import audited, nothing_changed, record
from framsteg.dialogue.photos import ProcessedPhoto, remove_written
from framsteg.organisations.models import Organisation
from framsteg.places import geo
from framsteg.places.models import Area, District
from framsteg.situation import summaries
from framsteg.situation.models import Incident, IncidentCategory, IncidentPhoto, NamedPlace

READS = ("resolve_location", "check", "state")

# How far ahead of the server's clock a report may be dated (clocks on phones drift).
FUTURE_TOLERANCE = datetime.timedelta(minutes=15)
AUDITED_FIELDS = (
    "category_id",
    "organisation_id",
    "named_place_id",
    "place_text",
    "setting",
    "latitude",
    "longitude",
    "district_id",
    "area_id",
    "occurred_at",
    "ended_at",
    "time_known",
    "events",
    "description",
    "assessment",
    "police_reported",
    "status",
    "external_id",
)


@dataclass
class IncidentData:
    """What a report says, from whichever way it came in."""

    category: IncidentCategory
    occurred_at: datetime.datetime
    ended_at: datetime.datetime | None = None
    time_known: bool = True
    events: int = 1
    named_place: NamedPlace | None = None
    place_text: str = ""
    latitude: float | None = None
    longitude: float | None = None
    setting: str = NamedPlace.Setting.PUBLIC
    description: str = ""
    assessment: str = ""
    police_reported: bool | None = None
    external_id: str = ""
    photos: list[ProcessedPhoto] = field(default_factory=list)


@dataclass(frozen=True)
class Location:
    latitude: float | None
    longitude: float | None
    district: District | None
    area: Area | None


def resolve_location(data: IncidentData) -> Location:
    """Where the report is, or a ValidationError on `place` saying why it cannot be placed."""
    if data.named_place is not None:
        place = data.named_place
        area = place.area or geo.area_for_point(place.latitude, place.longitude)
        district = place.district or geo.district_for_point(place.latitude, place.longitude)
        return Location(place.latitude, place.longitude, district, area)
    if (data.latitude is None) != (data.longitude is None):
        raise ValidationError({"place": _("Give both latitude and longitude, or neither.")})
    if data.latitude is not None:
        if not geo.inside_municipality(data.latitude, data.longitude):
            raise ValidationError({"place": _("The position is outside the municipality.")})
        return Location(
            float(data.latitude),
            float(data.longitude),
            geo.district_for_point(data.latitude, data.longitude),
            geo.area_for_point(data.latitude, data.longitude),
        )
    if data.place_text.strip():
        district, point = geo.resolve_place(data.place_text)
        if district is None:
            raise ValidationError(
                {
                    "place": _("No district or area of the municipality was found in “%(place)s”.")
                    % {"place": data.place_text.strip()}
                }
            )
        area = geo.area_for_point(*point) if point else None
        return Location(None, None, district, area)
    raise ValidationError(
        {"place": _("Say where it happened: a point on the map, a named place or a place name.")}
    )


def check(data: IncidentData) -> None:
    """Refuse what cannot be a report, with every problem at once (field → messages)."""
    errors: dict[str, list[str]] = {}
    if data.category is None or not data.category.is_active:
        errors.setdefault("category", []).append(_("Choose an event type that is in use."))
    elif data.category.children.filter(is_active=True).exists():
        errors.setdefault("category", []).append(
            _("Choose one of the event types under “%(group)s”.") % {"group": data.category.label()}
        )
    now = timezone.now()
    if data.occurred_at is None:
        errors.setdefault("occurred_at", []).append(_("Say when it happened."))
    else:
        if data.occurred_at > now + FUTURE_TOLERANCE:
            errors.setdefault("occurred_at", []).append(_("The time is in the future."))
        if data.ended_at is not None and data.ended_at < data.occurred_at:
            errors.setdefault("ended_at", []).append(_("The end of the time span is before its start."))
    if not 1 <= int(data.events or 0) <= 1000:
        errors.setdefault("events", []).append(_("The number of events is between 1 and 1,000."))
    if data.setting not in NamedPlace.Setting.values:
        errors.setdefault("setting", []).append(_("Unknown kind of place."))
    if len(data.photos) > settings.DIALOGUE_PHOTOS_PER_CASE:
        errors.setdefault("photos", []).append(
            _("At most %(count)s photos.") % {"count": settings.DIALOGUE_PHOTOS_PER_CASE}
        )
    if errors:
        raise ValidationError(errors)


def state(incident: Incident) -> dict:
    return {name: _plain(getattr(incident, name)) for name in AUDITED_FIELDS}


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _apply(incident: Incident, data: IncidentData, location: Location) -> None:
    incident.category = data.category
    incident.occurred_at = data.occurred_at
    incident.ended_at = data.ended_at
    incident.time_known = data.time_known
    incident.events = int(data.events)
    incident.named_place = data.named_place
    incident.place_text = data.place_text.strip()
    incident.setting = data.named_place.setting if data.named_place is not None else data.setting
    incident.latitude = location.latitude
    incident.longitude = location.longitude
    incident.district = location.district
    incident.area = location.area
    incident.description = data.description.strip()
    incident.assessment = data.assessment.strip()
    incident.police_reported = data.police_reported
    incident.external_id = data.external_id.strip()


def _save_photos(incident: Incident, photos: list[ProcessedPhoto]) -> None:
    written = []
    try:
        for number, processed in enumerate(photos, start=1):
            photo = IncidentPhoto(incident=incident)
            name = f"{incident.pk}-{number}-{timezone.now():%Y%m%d%H%M%S}.{processed.extension}"
            photo.image.save(name, ContentFile(processed.content), save=False)
            written.append((photo.image.storage, photo.image.name))
            photo.save()
    except Exception:
        remove_written(written, "incident photo")
        raise


@audited("situation.record_incident")
def record_incident(
    data: IncidentData,
    *,
    organisation: Organisation,
    by=None,
    source: str = Incident.Source.FORM,
    case=None,
) -> Incident:
    """Save a new report for `organisation` (the caller has checked that `by` may report for it)."""
    check(data)
    location = resolve_location(data)
    with transaction.atomic():
        incident = Incident(organisation=organisation, reporter=by, source=source, case=case)
        _apply(incident, data, location)
        incident.save()
        summaries.changed(summaries.footprint(incident))
        _save_photos(incident, data.photos)
        record("situation.record_incident", target=incident, actor=by, after=state(incident))
    return incident


@audited("situation.update_incident")
def update_incident(incident: Incident, data: IncidentData, *, by=None) -> Incident:
    """Change a report (the caller has checked `rules.may_edit_incident`); photos in `data` are added."""
    check(data)
    location = resolve_location(data)
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        before = state(incident)
        if incident.photos.count() + len(data.photos) > settings.DIALOGUE_PHOTOS_PER_CASE:
            raise ValidationError(
                {"photos": _("At most %(count)s photos.") % {"count": settings.DIALOGUE_PHOTOS_PER_CASE}}
            )
        was = summaries.footprint(incident)
        _apply(incident, data, location)
        incident.save()
        summaries.changed(was, summaries.footprint(incident))
        _save_photos(incident, data.photos)
        after = state(incident)
        if after != before or data.photos:
            record("situation.update_incident", target=incident, actor=by, before=before, after=after)
        else:
            nothing_changed()
    return incident


@audited("situation.set_incident_status")
def set_status(incident: Incident, status: str, *, by=None, note: str = "") -> Incident:
    """Move a report along reported → reviewed → included, or leave it out (rejected), with a note."""
    if status not in Incident.Status.values:
        raise ValidationError(_("Unknown status."))
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        before = {"status": incident.status, "review_note": incident.review_note}
        incident.status = status
        if note:
            incident.review_note = note.strip()
        if status == Incident.Status.REPORTED:
            incident.reviewed_by, incident.reviewed_at = None, None
        else:
            incident.reviewed_by, incident.reviewed_at = by, timezone.now()
        incident.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at", "updated_at"])
        if before["status"] != incident.status:
            summaries.changed(summaries.footprint(incident))
        after = {"status": incident.status, "review_note": incident.review_note}
        if after != before:
            record("situation.set_incident_status", target=incident, actor=by, before=before, after=after)
        else:
            nothing_changed()
    return incident
