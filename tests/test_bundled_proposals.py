"""Botkyrka's bundled data: the platform is adopted; the Social Democrats' page and Centerpartiet's budget
proposal for Socialnämnden are proposals that nobody is asked to report on."""

from importlib import import_module

from django.apps import apps as global_apps
from django.core.management import call_command

from framsteg.organisations.models import Organisation
from framsteg.steering.models import Commitment, FollowUpPeriod, Responsibility, SteeringDocument
from framsteg.steering.views.staff.unreported import unreported_by_organisation
from tests import factories


def test_the_bundled_proposals_are_proposals_and_nobody_reports_on_them(db):
    call_command("load_botkyrka", verbosity=0)
    documents = {document.slug: document for document in SteeringDocument.objects.all()}
    assert not documents["politisk-plattform-2023-2026"].is_proposal
    assert documents["socialdemokraterna-politik"].proposed_by == "Socialdemokraterna i Botkyrka"
    assert documents["centerpartiet-socialnamnden"].proposed_by == "Centerpartiet i Botkyrka"
    assert {d.slug for d in SteeringDocument.objects.proposals()} == {
        "socialdemokraterna-politik",
        "centerpartiet-socialnamnden",
    }
    assert not Responsibility.objects.filter(commitment__document__standing="proposal").exists()
    assert Commitment.objects.points().count() == 11 + 16
    assert Commitment.objects.reportable().filter(document__slug="politisk-plattform-2023-2026").count() == 66
    period = FollowUpPeriod.open_period()
    rows = unreported_by_organisation(list(Organisation.objects.all()), period)
    listed = {c.document.slug for row in rows for c in row.unreported}
    assert "centerpartiet-socialnamnden" not in listed and "socialdemokraterna-politik" not in listed
    housing = [row for row in rows if row.organisation.slug == "botkyrkabyggen"]
    assert all(c.document.is_proposal is False for row in housing for c in row.unreported)


def test_the_data_migration_makes_existing_party_documents_proposals_and_removes_their_owners(db):
    migration = import_module("framsteg.steering.migrations.0006_document_standing")
    owner = factories.make_organisation("Botkyrkabyggen", kind="company", slug="botkyrkabyggen")
    centre = factories.make_document(
        "C", kind="committee_plan", slug="centerpartiet-socialnamnden", author="C"
    )
    programme = factories.make_document("S", kind="party_programme", slug="s-politik", author="S")
    platform = factories.make_document("Plattform", slug="plattform")
    for document in (centre, programme, platform):
        area = factories.make_area(document, "Område", slug="omrade")
        area.responsible.add(owner)
        factories.make_commitment(area, "Något att göra", [owner])
    migration.proposals_apart(global_apps, None)
    centre.refresh_from_db()
    programme.refresh_from_db()
    platform.refresh_from_db()
    assert (centre.standing, centre.kind, centre.proposed_by) == ("proposal", "budget", "C")
    assert (programme.standing, programme.proposed_by) == ("proposal", "S")
    assert platform.standing == "adopted"
    assert list(Responsibility.objects.values_list("commitment__document__slug", flat=True)) == ["plattform"]
    assert not centre.areas.get().responsible.exists()
