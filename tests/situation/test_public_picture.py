"""The public summary of the joint situation picture: included events only, counted per district and week with
small counts hidden, no detail of residents or partners, and the actions without the person responsible."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from framsteg.core.disclosure import SMALL_COUNT
from framsteg.situation.models import Action, Incident
from framsteg.situation.selectors.public import public_actions, public_picture
from tests import factories as base_factories
from tests.dialogue.factories import make_case, make_districts
from tests.i18n.visible_text import foreign_text
from tests.situation import factories

pytestmark = pytest.mark.django_db

PAGE = "/lagesbild/"
CSV = "/lagesbild/veckor.csv"
SECRET_DESCRIPTION = "Tre personer i svart jacka vid porten till nummer 12"
SECRET_ASSESSMENT = "Bedömning: troligen samma grupp som förra veckan"
SECRET_PLACE = "Trapphuset Fittjavägen 12"
RESIDENT = {"name": "Karin Lindqvist", "email": "karin.lindqvist@example.se", "phone": "070-123 45 67"}


def last_week_at(hour: int = 14) -> datetime.datetime:
    """Wednesday of last week, in the municipality's time: always inside the weeks shown, never in the
    future."""
    today = timezone.localdate()
    wednesday = today - datetime.timedelta(days=today.weekday() + 7) + datetime.timedelta(days=2)
    return timezone.make_aware(datetime.datetime.combine(wednesday, datetime.time(hour)))


@pytest.fixture
def picture_world():
    districts = make_districts()
    group = factories.make_category("Skadegörelse", code="skadegorelse", translations={"en": "Vandalism"})
    graffiti = factories.make_category(
        "Klotter", parent=group, code="klotter", translations={"en": "Graffiti"}
    )
    gathering = factories.make_category(
        "Otrygghetsskapande samling av personer",
        nature="insecurity",
        code="samling",
        translations={"en": "Gathering of people causing insecurity"},
    )
    police = factories.make_partner("Polisen", slug="polisen")
    housing = factories.make_partner("Botkyrkabyggen", kind="company", slug="botkyrkabyggen")
    municipality = base_factories.make_organisation(
        "Samhällsbyggnadsförvaltningen", "administration", slug="sbf"
    )
    reporter = get_user_model().objects.create_user(
        "sven.rapportor", first_name="Sven", last_name="Rapportörsson", email="sven.rapportor@example.se"
    )
    when = last_week_at()
    fittja, alby = districts["Fittja"], districts["Alby"]
    # Fittja: graffiti, 4 events bundled in one report by the housing company and one by the police.
    factories.make_incident(
        graffiti,
        housing,
        reporter=reporter,
        occurred_at=when,
        events=4,
        latitude=fittja.latitude,
        longitude=fittja.longitude,
        description=SECRET_DESCRIPTION,
        assessment=SECRET_ASSESSMENT,
    )
    factories.make_incident(
        graffiti, police, occurred_at=when, latitude=fittja.latitude, longitude=fittja.longitude
    )
    # Alby: one gathering reported by a resident (a safety report categorised into the picture).
    resident_case = make_case(
        kind="safety",
        contact_name=RESIDENT["name"],
        contact_email=RESIDENT["email"],
        contact_phone=RESIDENT["phone"],
    )
    resident = factories.make_incident(
        gathering,
        municipality,
        occurred_at=when,
        latitude=alby.latitude,
        longitude=alby.longitude,
        place_text="",
        setting="semi_public",
    )
    Incident.objects.filter(pk=resident.pk).update(source=Incident.Source.RESIDENT, case=resident_case)
    # Not in the picture: reported, reviewed and rejected reports, and an included one from long ago.
    for status in (Incident.Status.REPORTED, Incident.Status.REVIEWED, Incident.Status.REJECTED):
        factories.make_incident(
            gathering,
            police,
            occurred_at=when,
            events=50,
            status=status,
            latitude=alby.latitude,
            longitude=alby.longitude,
        )
    factories.make_incident(
        graffiti,
        police,
        occurred_at=when - datetime.timedelta(weeks=30),
        events=70,
        latitude=alby.latitude,
        longitude=alby.longitude,
    )
    return {
        "districts": districts,
        "group": group,
        "graffiti": graffiti,
        "gathering": gathering,
        "police": police,
        "housing": housing,
        "reporter": reporter,
        "resident_case": resident_case,
        "when": when,
    }


def district_row(picture, name: str, nature: str):
    district = next(d for d in picture.districts if d.name == name)
    return next(row for row in district.rows if row.code == nature)


def last_week(picture) -> int:
    return picture.weeks.index(
        timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday() + 7)
    )


def test_only_included_events_are_counted_per_district_nature_and_group(picture_world):
    picture = public_picture()
    assert 8 <= len(picture.weeks) <= 12
    week = last_week(picture)
    assert district_row(picture, "Fittja", "crime").counts[week].value == 5  # events, not reports
    assert district_row(picture, "Fittja", "insecurity").counts[week].value == 0
    # The rejected, reviewed and reported ones (50 events each) and the old one (70) are not counted.
    assert district_row(picture, "Alby", "insecurity").counts[week].value == 1
    assert all(count.value == 0 for count in district_row(picture, "Alby", "crime").counts)
    groups = {row.code: row for row in picture.groups}
    assert groups["skadegorelse"].counts[week].value == 5  # klotter counted in its top-level group
    assert groups["samling"].counts[week].value == 1
    assert "klotter" not in groups
    assert sum(count.value for row in picture.groups for count in row.counts) == 6


def test_a_district_with_one_or_two_events_in_a_week_shows_fewer_than_three(client, picture_world):
    picture = public_picture()
    alby = district_row(picture, "Alby", "insecurity").counts[last_week(picture)]
    assert alby.is_suppressed and SMALL_COUNT == 3
    page = client.get(PAGE, headers={"accept-language": "sv"}).content.decode()
    assert "färre än 3" in page
    alby_body = page.split(">Alby<")[1].split("</tbody>")[0]
    assert "färre än 3" in alby_body
    fittja_body = page.split(">Fittja<")[1].split("</tbody>")[0]
    assert ">5<" in fittja_body

    english = client.get(PAGE, headers={"accept-language": "en"}).content.decode()
    assert "fewer than 3" in english

    rows = list(csv.DictReader(io.StringIO(client.get(CSV).content.decode("utf-8-sig")), delimiter=";"))
    week = picture.weeks[last_week(picture)].isoformat()
    shown = {(row["district"], row["code"]): row["events"] for row in rows if row["week_start"] == week}
    assert shown[("Alby", "insecurity")] == "<3"
    assert shown[("Fittja", "crime")] == "5"
    assert shown[("", "samling")] == "<3"
    assert shown[("", "skadegorelse")] == "5"
    assert "1" not in {row["events"] for row in rows}


def test_reporters_are_counted_by_kind_only(client, picture_world):
    reporters = {row.code: row for row in public_picture().reporters}
    assert reporters["municipality"].counts[0].value == 0  # the resident's report is not the municipality's
    assert reporters["residents"].counts[0].is_suppressed
    assert reporters["organisation-botkyrkabyggen"].counts[0].value == 4
    assert reporters["organisation-polisen"].counts[0].is_suppressed
    assert reporters["organisation-botkyrkabyggen"].label == "Botkyrkabyggen"


def test_no_resident_partner_or_place_detail_reaches_the_page_or_the_file(client, picture_world):
    incident = Incident.objects.filter(description=SECRET_DESCRIPTION).get()
    Incident.objects.filter(pk=incident.pk).update(place_text=SECRET_PLACE)
    reporter = picture_world["reporter"]
    forbidden = [
        SECRET_DESCRIPTION,
        SECRET_ASSESSMENT,
        SECRET_PLACE,
        reporter.username,
        reporter.get_full_name(),
        reporter.email,
        *RESIDENT.values(),
        picture_world["resident_case"].reference,
        incident.reference,
        f"{incident.latitude:.4f}",
        f"{incident.longitude:.4f}",
    ]
    for language in ("sv", "en", "ar"):
        page = client.get(PAGE, headers={"accept-language": language}).content.decode()
        for value in forbidden:
            assert value not in page, (language, value)
    data = client.get(CSV).content.decode("utf-8-sig")
    for value in [*forbidden, "Polisen", "Botkyrkabyggen"]:
        assert value not in data, value


def test_actions_are_shown_without_the_responsible_person(client, picture_world):
    districts = picture_world["districts"]
    responsible = get_user_model().objects.create_user(
        "ansvarig", first_name="Ragnar", last_name="Ansvarsson"
    )
    today = timezone.localdate()
    place = factories.make_place("Fittja centrum", district=districts["Fittja"])
    newest = Action.objects.create(
        title="Extra belysning i gångtunneln",
        description="Internt: kontakta elektrikern Kalle Kabel",
        organisation=picture_world["housing"],
        responsible=responsible,
        named_place=place,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=30),
        status=Action.Status.ONGOING,
    )
    done = Action.objects.create(
        title="Klottersanering vid Alby centrum",
        organisation=picture_world["police"],
        responsible_name="Stina Ansvarig",
        district=districts["Alby"],
        starts_on=today - datetime.timedelta(days=20),
        ends_on=today - datetime.timedelta(days=6),
        status=Action.Status.DONE,
        outcome="Klottret sanerades inom två dygn.",
        outcome_recorded_at=timezone.now(),
    )
    Action.objects.create(
        title="Gammal insats",
        organisation=picture_world["police"],
        starts_on=today - datetime.timedelta(days=400),
        ends_on=today - datetime.timedelta(days=300),
    )
    assert [action.title for action in public_actions()] == [newest.title, done.title]
    page = client.get(PAGE, headers={"accept-language": "sv"}).content.decode()
    for shown in (
        newest.title,
        done.title,
        "Botkyrkabyggen",
        "Polisen",
        "Fittja centrum",
        done.outcome,
        "Pågår",
    ):
        assert shown in page, shown
    assert page.index(newest.title) < page.index(done.title)
    for hidden in ("Ragnar", "Ansvarsson", "ragnar.a", "Stina Ansvarig", "Kalle Kabel", "Gammal insats"):
        assert hidden not in page, hidden


def test_the_page_explains_the_picture_and_links_to_the_safety_report_form(client, picture_world):
    page = client.get(PAGE, headers={"accept-language": "sv"}).content.decode()
    assert reverse("dialogue:report", kwargs={"kind": "trygghet"}) in page
    assert 'href="tel:112"' in page and 'href="tel:11414"' in page
    assert "114 14" in page
    assert reverse("situation-public:picture-csv") in page
    reports = client.get(reverse("dialogue:reports")).content.decode()
    assert f'href="{PAGE}"' in reports  # from the safety section and the footer


@pytest.mark.parametrize("language", ["ar", "so"])
def test_the_page_speaks_the_residents_language(client, picture_world, language):
    factories.make_partner("Södertörns brandförsvarsförbund", slug="sbff")
    Action.objects.create(
        title="Trygghetsvandring i Fittja",
        organisation=picture_world["police"],
        district=picture_world["districts"]["Fittja"],
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
        outcome="Tolv boende deltog.",
    )
    response = client.get(PAGE, headers={"accept-language": language})
    page = response.content.decode()
    assert f'<html lang="{language}"' in page
    assert not foreign_text(page, language), [str(finding) for finding in foreign_text(page, language)]


def test_the_summary_takes_a_few_queries_whatever_the_data(picture_world, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        public_picture()
    with django_assert_max_num_queries(1):
        public_actions()


def test_an_empty_picture_says_so(client, db):
    make_districts()
    page = client.get(PAGE).content.decode()
    assert "Inga händelser" in page
    assert client.get(CSV).status_code == 200
