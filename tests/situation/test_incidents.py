"""Recording an incident: where it is, when it is, and what is refused."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from framsteg.audit.models import AuditEntry
from framsteg.situation.models import Incident
from framsteg.situation.services.incidents import IncidentData, record_incident, set_status
from tests.dialogue.factories import make_districts
from tests.situation import factories

pytestmark = pytest.mark.django_db


def test_a_position_is_resolved_to_district_and_statistical_area():
    districts = make_districts()
    areas = factories.make_areas()
    fittja = districts["Fittja"]
    incident = factories.make_incident(latitude=fittja.latitude, longitude=fittja.longitude)
    assert incident.district == fittja
    assert incident.area == areas["Fittja"]
    assert AuditEntry.objects.filter(action="situation.record_incident").count() == 1


def test_week_weekday_and_hour_follow_the_local_time():
    # Sunday 2026-03-01 23:30 in Stockholm is still week 9, a Sunday, hour 23.
    occurred = timezone.make_aware(datetime.datetime(2026, 3, 1, 23, 30))
    incident = factories.make_incident(occurred_at=occurred)
    assert incident.week == datetime.date(2026, 2, 23)
    assert (incident.weekday, incident.hour) == (6, 23)
    unknown = factories.make_incident(occurred_at=occurred, time_known=False)
    assert unknown.hour is None


def test_a_group_a_future_time_and_no_place_are_refused_together():
    make_districts()
    group = factories.make_category("Skadegörelse")
    factories.make_category("Klotter", parent=group)
    data = IncidentData(
        category=group, occurred_at=timezone.now() + datetime.timedelta(days=1), place_text="", events=0
    )
    with pytest.raises(ValidationError) as error:
        record_incident(data, organisation=factories.make_partner())
    assert set(error.value.message_dict) >= {"category", "occurred_at", "events"}
    assert not Incident.objects.exists()


def test_a_position_outside_the_municipality_is_refused():
    make_districts()
    data = IncidentData(
        category=factories.make_category(), occurred_at=timezone.now(), latitude=57.7, longitude=11.97
    )
    with pytest.raises(ValidationError) as error:
        record_incident(data, organisation=factories.make_partner())
    assert "place" in error.value.message_dict


def test_review_moves_the_status_and_is_audited():
    incident = factories.make_incident(status=Incident.Status.REPORTED)
    set_status(incident, Incident.Status.INCLUDED, note="Bekräftad")
    incident.refresh_from_db()
    assert incident.status == Incident.Status.INCLUDED and incident.reviewed_at is not None
    assert AuditEntry.objects.filter(action="situation.set_incident_status").count() == 1


def test_an_incident_names_its_place_from_the_most_precise_each_name_once(db):
    from tests.situation.factories import make_category, make_incident

    incident = make_incident(make_category("Klotter"), place_text="fittja")
    assert incident.place_parts == ["fittja", *([incident.area.name] if incident.area else [])]
    incident.place_text = "Fittja centrum, vid uppgången"
    assert incident.place_parts[:2] == ["Fittja centrum, vid uppgången", "Fittja"]
