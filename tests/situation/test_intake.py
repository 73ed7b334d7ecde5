"""The incident reporter's form, own reports, the review queue, and residents' safety reports into the
picture without their personal data."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from framsteg.audit.models import AuditEntry
from framsteg.situation.models import Incident
from framsteg.situation.services.incidents import IncidentData
from framsteg.situation.services.residents import include_case, proposed_text
from tests import factories
from tests.dialogue import factories as dialogue_factories
from tests.situation import factories as situation

pytestmark = pytest.mark.django_db

RESIDENT = {
    "contact_name": "Karin Lindqvist",
    "contact_email": "karin.lindqvist@example.se",
    "contact_phone": "070-123 45 67",
}
RAW = "Jag heter Karin Lindqvist och ringer 070-123 45 67. Gänget samlas i trapphuset varje kväll."


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    districts = dialogue_factories.make_districts()
    klf = factories.make_organisation("Kommunledningsförvaltningen", "administration", slug="klf")
    sbf = factories.make_organisation("Samhällsbyggnadsförvaltningen", "administration", slug="sbf")
    police = situation.make_partner("Polisen")
    housing = situation.make_partner("Botkyrkabyggen", kind="company")
    group = situation.make_category("Skadegörelse", code="skadegorelse")
    graffiti = situation.make_category("Klotter", parent=group, code="klotter")
    gathering = situation.make_category("Samling i trapphus", nature="insecurity", code="samling")
    people = {
        "police_reporter": factories.make_user("pia", police, ("incident_reporter", "partner")),
        "housing_reporter": factories.make_user("hans", housing, ("incident_reporter", "partner")),
        "police": factories.make_user("pelle", police, ("partner",)),
        "coordinator": factories.make_user("cecilia", klf, ("coordinator",)),
        "case_officer": factories.make_user("olle", sbf, ("case_officer",)),
        "nobody": factories.make_user("nils"),
    }
    return {
        "districts": districts,
        "police": police,
        "housing": housing,
        "sbf": sbf,
        "group": group,
        "graffiti": graffiti,
        "gathering": gathering,
        "people": people,
    }


def client_for(client, user):
    client.force_login(user)
    return client


def form_data(world, **changes) -> dict:
    data = {
        "category": str(world["graffiti"].pk),
        "place_text": "Fittja",
        "setting": "public",
        "occurred_on": timezone.localdate().isoformat(),
        "occurred_time": "00:05",
        "events": "1",
        "description": "Klotter på väggen vid tunnelbanans uppgång.",
        "assessment": "",
        "police_reported": "unknown",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def jpeg() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    buffer.seek(0)
    buffer.name = "klotter.jpg"
    return buffer


# The form --------------------------------------------------------------------------------------------------


def test_the_form_offers_only_leaf_event_types_grouped_with_crime_or_insecurity(client, world):
    response = client_for(client, world["people"]["police_reporter"]).get(
        reverse("situation:incident-report")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<optgroup label="Skadegörelse">' in html
    choices = [str(value) for value, _label in response.context["form"].fields["category"].choices]
    assert str(world["group"].pk) not in choices
    assert "Klotter (brott)" in html
    assert 'name="latitude"' in html and "data-map-picker" in html
    assert 'type="date"' in html and 'type="time"' in html


def test_a_report_is_recorded_for_the_reporters_organisation_with_a_photo(client, world):
    user = world["people"]["police_reporter"]
    data = form_data(world, police_reported="yes", events="3")
    data["photos"] = jpeg()
    response = client_for(client, user).post(reverse("situation:incident-report"), data)
    incident = Incident.objects.get()
    assert response.status_code == 302 and response.url == reverse("situation:incident", args=[incident.pk])
    assert incident.organisation == world["police"] and incident.reporter == user
    assert incident.status == Incident.Status.REPORTED and incident.source == Incident.Source.FORM
    assert incident.district == world["districts"]["Fittja"]
    assert (incident.events, incident.police_reported, incident.time_known) == (3, True, True)
    assert incident.photos.count() == 1
    photo = incident.photos.get()
    answer = client.get(reverse("situation:incident-photo", args=[incident.pk, photo.pk]))
    assert answer.status_code == 200 and answer["Cache-Control"] == "private, no-store"


def test_errors_keep_what_was_typed_and_are_summarised_at_the_top(client, world):
    user = world["people"]["police_reporter"]
    data = form_data(world, category="", place_text="", occurred_time="", description="Sprejat på busskuren")
    response = client_for(client, user).post(reverse("situation:incident-report"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert html.index('id="error-summary"') < html.index('class="report-form')
    assert "Sprejat på busskuren" in html
    form = response.context["form"]
    assert set(form.errors) >= {"category", "place_text", "occurred_time"}
    assert not Incident.objects.exists()


def test_time_of_day_unknown_and_a_time_span(client, world):
    user = world["people"]["police_reporter"]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    data = form_data(
        world,
        occurred_on=yesterday.isoformat(),
        occurred_time="",
        time_unknown="on",
        ended_on=timezone.localdate().isoformat(),
    )
    client_for(client, user).post(reverse("situation:incident-report"), data)
    incident = Incident.objects.get()
    assert incident.time_known is False and incident.hour is None
    assert timezone.localtime(incident.ended_at).date() == timezone.localdate()


def test_personal_data_warns_and_a_confirmation_lets_it_through(client, world):
    user = world["people"]["police_reporter"]
    text = "Ring Anna Svensson på 070-765 43 21, hon såg det."
    client = client_for(client, user)
    response = client.post(reverse("situation:incident-report"), form_data(world, description=text))
    assert response.status_code == 400
    html = response.content.decode()
    assert "070-765 43 21" in html and 'name="confirm_personal_data"' in html
    assert not Incident.objects.exists()
    response = client.post(
        reverse("situation:incident-report"), form_data(world, description=text, confirm_personal_data="on")
    )
    assert response.status_code == 302
    assert Incident.objects.get().description == text


def test_a_reporter_for_several_organisations_chooses_one(client, world):
    user = world["people"]["police_reporter"]
    from framsteg.organisations.models import Membership

    Membership.objects.create(user=user, organisation=world["housing"], role="incident_reporter")
    client = client_for(client, user)
    response = client.post(reverse("situation:incident-report"), form_data(world))
    assert response.status_code == 400 and "organisation" in response.context["form"].errors
    client.post(reverse("situation:incident-report"), form_data(world, organisation=str(world["housing"].pk)))
    assert Incident.objects.get().organisation == world["housing"]


def test_only_reporters_and_coordinators_reach_the_form(client, world):
    assert (
        client_for(client, world["people"]["police"]).get(reverse("situation:incident-report")).status_code
        == 403
    )
    client.logout()
    response = client.get(reverse("situation:incident-report"))
    assert response.status_code == 302 and "logga-in" in response.url


# Own reports -----------------------------------------------------------------------------------------------


def test_each_reporter_sees_and_edits_only_their_own_reports(client, world):
    mine = situation.make_incident(
        world["graffiti"], world["police"], reporter=world["people"]["police_reporter"], status="reported"
    )
    theirs = situation.make_incident(
        world["graffiti"], world["housing"], reporter=world["people"]["housing_reporter"], status="reported"
    )
    client = client_for(client, world["people"]["police_reporter"])
    listing = client.get(reverse("situation:incident-mine")).content.decode()
    assert mine.reference in listing and theirs.reference not in listing
    assert client.get(reverse("situation:incident", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("situation:incident-edit", args=[theirs.pk])).status_code == 404
    response = client.post(
        reverse("situation:incident-edit", args=[mine.pk]),
        form_data(world, description="Klotter på två väggar.", events="2"),
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.description, mine.events) == ("Klotter på två väggar.", 2)
    assert AuditEntry.objects.filter(action="situation.update_incident").count() == 1


def test_an_included_report_is_no_longer_edited_by_its_reporter(client, world):
    included = situation.make_incident(
        world["graffiti"], world["police"], reporter=world["people"]["police_reporter"], status="included"
    )
    client = client_for(client, world["people"]["police_reporter"])
    assert client.get(reverse("situation:incident-edit", args=[included.pk])).status_code == 403
    listing = client.get(reverse("situation:incident-mine")).content.decode()
    assert "status--good" in listing and reverse("situation:incident-edit", args=[included.pk]) not in listing


def test_a_partner_sees_others_reports_only_once_included(client, world):
    reported = situation.make_incident(
        world["graffiti"], world["housing"], reporter=world["people"]["housing_reporter"], status="reported"
    )
    included = situation.make_incident(
        world["graffiti"], world["housing"], reporter=world["people"]["housing_reporter"], status="included"
    )
    client = client_for(client, world["people"]["police"])
    assert client.get(reverse("situation:incident", args=[reported.pk])).status_code == 404
    page = client.get(reverse("situation:incident", args=[included.pk]))
    assert page.status_code == 200
    assert "hans" not in page.content.decode()  # the reporter's name is not shown to other partners
    assert client.get(reverse("situation:incident-review")).status_code == 403


# Review ----------------------------------------------------------------------------------------------------


def test_the_coordinator_reviews_one_and_several_at_once(client, world):
    reports = [
        situation.make_incident(
            world["graffiti"], world["police"], reporter=world["people"]["police_reporter"], status="reported"
        )
        for _ in range(3)
    ]
    other = situation.make_incident(world["gathering"], world["housing"], status="reported")
    client = client_for(client, world["people"]["coordinator"])
    queue = client.get(reverse("situation:incident-review"), {"organisation": world["police"].pk})
    assert queue.status_code == 200
    html = queue.content.decode()
    assert all(report.reference in html for report in reports) and other.reference not in html

    response = client.post(
        reverse("situation:incident-review-one", args=[reports[0].pk]), {"decision": "rejected", "note": ""}
    )
    assert response.status_code == 400
    client.post(
        reverse("situation:incident-review-one", args=[reports[0].pk]),
        {"decision": "rejected", "note": "Dubblett av H-1."},
    )
    reports[0].refresh_from_db()
    assert reports[0].status == "rejected" and reports[0].review_note == "Dubblett av H-1."

    response = client.post(
        reverse("situation:incident-review"),
        {"incidents": [reports[1].pk, reports[2].pk], "decision": "included", "note": ""},
    )
    assert response.status_code == 302
    assert set(Incident.objects.filter(status="included").values_list("pk", flat=True)) == {
        reports[1].pk,
        reports[2].pk,
    }
    assert Incident.objects.get(pk=reports[1].pk).reviewed_by == world["people"]["coordinator"]
    empty = client.post(reverse("situation:incident-review"), {"decision": "included"})
    assert empty.status_code == 400


def test_the_review_queue_filters_by_week_and_refuses_a_wrong_week(client, world):
    old = situation.make_incident(
        world["graffiti"],
        world["police"],
        occurred_at=timezone.now() - datetime.timedelta(days=21),
        status="reported",
    )
    new = situation.make_incident(world["graffiti"], world["police"], status="reported")
    year, week, _day = timezone.localtime(old.occurred_at).isocalendar()
    client = client_for(client, world["people"]["coordinator"])
    html = client.get(reverse("situation:incident-review"), {"week": f"{year}-W{week:02d}"}).content.decode()
    assert old.reference in html and new.reference not in html
    wrong = client.get(reverse("situation:incident-review"), {"week": "vecka 9"})
    assert wrong.status_code == 200 and "week" in wrong.context["filters_form"].errors


# Residents' safety reports into the picture ----------------------------------------------------------------


def safety_case(world, **extra):
    return dialogue_factories.make_case(
        kind="safety",
        description=RAW,
        organisation=world["sbf"],
        district=world["districts"]["Fittja"],
        **RESIDENT,
        **extra,
    )


def test_the_proposed_text_has_the_personal_data_removed():
    text = proposed_text(
        dialogue_factories.Case(description=RAW, contact_name="Karin Lindqvist", text_review="pending")
    )
    assert "Karin" not in text and "070" not in text and "trapphuset" in text


def test_the_case_page_offers_the_picture_and_the_resident_case_becomes_an_incident(client, world):
    case = safety_case(world)
    case_path = reverse("cases:detail", args=[case.year, f"{case.number:05d}"])
    client = client_for(client, world["people"]["coordinator"])
    page = client.get(case_path).content.decode()
    include_path = reverse("situation:incident-from-case", args=[case.year, f"{case.number:05d}"])
    assert include_path in page

    form = client.get(include_path)
    assert form.status_code == 200
    html = form.content.decode()
    assert "Karin Lindqvist</textarea>" not in html and "070-123 45 67" not in html.split("<form")[1]

    refused = client.post(
        include_path,
        form_data(world, category=str(world["gathering"].pk), description=RAW, place_text="Fittja"),
    )
    assert refused.status_code == 400 and not Incident.objects.exists()
    response = client.post(
        include_path,
        form_data(
            world,
            category=str(world["gathering"].pk),
            description="Ett gäng samlas i trapphuset varje kväll.",
            place_text="Fittja",
            setting="semi_public",
        ),
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.source == Incident.Source.RESIDENT and incident.case == case and incident.reporter is None
    assert incident.organisation == world["sbf"] and incident.status == Incident.Status.INCLUDED
    assert incident.setting == "semi_public" and incident.district == world["districts"]["Fittja"]
    assert "Karin" not in incident.description and incident.description != case.description
    entry = AuditEntry.objects.get(action="situation.include_case")
    assert "Karin" not in str(entry.changes) and "trapphuset" not in str(entry.changes)
    assert incident.reference in client.get(case_path).content.decode()

    # The police see the incident, never the resident's contact details, own words or the case.
    police = client_for(client, world["people"]["police"])
    seen = police.get(reverse("situation:incident", args=[incident.pk]))
    assert seen.status_code == 200
    text = seen.content.decode()
    for value in (*RESIDENT.values(), "0701234567", RAW, "Jag heter", case.reference):
        assert value not in text
    assert police.get(case_path).status_code in (403, 404)
    assert police.get(include_path).status_code in (403, 404)


def test_a_case_officer_categorises_and_a_coordinator_reviews(client, world):
    case = safety_case(world)
    data = IncidentData(
        category=world["gathering"],
        occurred_at=timezone.now() - datetime.timedelta(hours=3),
        place_text="Fittja",
        description="Samling i trapphuset.",
    )
    incident = include_case(case, data, by=world["people"]["case_officer"])
    assert incident.status == Incident.Status.REPORTED
    assert incident.organisation == world["sbf"]


def test_contact_details_are_refused_in_what_is_shared(world):
    case = safety_case(world)
    for text in ("Mejla karin.lindqvist@example.se", "Ring 0701234567", "Karin Lindqvist såg det"):
        data = IncidentData(
            category=world["gathering"], occurred_at=timezone.now(), place_text="Fittja", description=text
        )
        with pytest.raises(Exception) as error:
            include_case(case, data, by=world["people"]["coordinator"])
        assert "description" in error.value.message_dict
    assert not Incident.objects.exists()


def test_only_safety_reports_and_only_their_handlers(client, world):
    fault = dialogue_factories.make_case(organisation=world["sbf"], **RESIDENT)
    client = client_for(client, world["people"]["coordinator"])
    path = reverse("situation:incident-from-case", args=[fault.year, f"{fault.number:05d}"])
    assert client.get(path).status_code == 404
    case = safety_case(world)
    reporter = client_for(client, world["people"]["police_reporter"])
    path = reverse("situation:incident-from-case", args=[case.year, f"{case.number:05d}"])
    assert reporter.get(path).status_code == 403


def test_photos_are_served_only_to_those_who_may_see_the_report(client, world):
    user = world["people"]["police_reporter"]
    data = form_data(world)
    data["photos"] = jpeg()
    client_for(client, user).post(reverse("situation:incident-report"), data)
    incident = Incident.objects.get()
    path = reverse("situation:incident-photo", args=[incident.pk, incident.photos.get().pk])
    assert client.get(path).status_code == 200
    assert client_for(client, world["people"]["housing_reporter"]).get(path).status_code == 404
    assert client_for(client, world["people"]["police"]).get(path).status_code == 404
    assert client_for(client, world["people"]["coordinator"]).get(path).status_code == 200


def test_the_case_panel_shows_only_to_those_who_handle_a_safety_report(client, world):
    other = factories.make_organisation("Utbildningsförvaltningen", "administration", slug="uf")
    outsider = factories.make_user("otto", other, ("case_officer",))
    case = safety_case(world)
    path = reverse("situation:incident-from-case", args=[case.year, f"{case.number:05d}"])
    assert client_for(client, outsider).get(path).status_code == 404
    officer = client_for(client, world["people"]["case_officer"])
    case_page = officer.get(reverse("cases:detail", args=[case.year, f"{case.number:05d}"])).content.decode()
    assert 'id="situation-picture"' in case_page and path in case_page
    fault = dialogue_factories.make_case(organisation=world["sbf"])
    fault_page = officer.get(
        reverse("cases:detail", args=[fault.year, f"{fault.number:05d}"])
    ).content.decode()
    assert 'id="situation-picture"' not in fault_page
