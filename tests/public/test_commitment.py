import hashlib

import pytest

from framsteg.steering.models import (
    CommitmentRevision,
    DocumentLink,
    DocumentVersion,
    Evidence,
    Responsibility,
)
from tests import factories

pytestmark = pytest.mark.django_db


def page(client, commitment) -> str:
    response = client.get(f"/atagande/{commitment.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_full_history_newest_first_with_the_correction(client, reported_plan):
    preschool = reported_plan["commitments"][0]
    first, correction = reported_plan["first"], reported_plan["correction"]
    html = page(client, preschool)
    assert html.index(f'id="update-{correction.pk}"') < html.index(f'id="update-{first.pk}"')
    assert "Correction" in html
    assert "Wrong status: the work is not delayed." in html
    assert f'href="#update-{first.pk}"' in html
    assert "This report was corrected later." in html
    assert "Under way in three districts." in html
    assert "Slow start." in html
    assert "Delayed" in html


def test_it_shows_the_latest_status_and_who_reported_it_without_e_mail(client, small_plan):
    preschool = small_plan["commitments"][0]
    reporter = small_plan["reporter"]
    reporter.email = "anna.andersson@botkyrka.se"
    reporter.save()
    factories.report(
        preschool,
        small_plan["period"],
        "in_progress",
        45,
        author=reporter,
        organisation=small_plan["organisations"][0],
    )
    html = page(client, preschool)
    assert "45&nbsp;%" in html
    swedish = '<span lang="sv" dir="ltr">'
    assert f"{swedish}Anna Andersson</span>, {swedish}Utbildningsnämnden</span>" in html
    assert "botkyrka.se" not in html


def test_it_quotes_the_source_and_links_to_its_place_in_the_document(client, small_plan):
    preschool = small_plan["commitments"][0]
    html = page(client, preschool)
    assert '<blockquote class="source"' in html
    assert "Få fler barn att börja förskolan</blockquote>" in html
    assert f'href="/dokument/politisk-plattform/#c-{preschool.pk}"' in html


def test_it_links_to_the_document_without_an_anchor_when_the_quote_is_from_an_older_version(
    client, small_plan
):
    preschool = small_plan["commitments"][0]
    text = small_plan["document"].current_version.text + "\nNy mening.\n"
    DocumentVersion.objects.create(
        document=small_plan["document"],
        number=2,
        text=text,
        format="text",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )
    html = page(client, preschool)
    assert "Få fler barn att börja förskolan</blockquote>" in html
    assert f"#c-{preschool.pk}" not in html


def test_it_names_the_responsible_organisations_with_their_basis(client, small_plan):
    preschool = small_plan["commitments"][0]
    Responsibility.objects.create(
        commitment=preschool,
        organisation=small_plan["organisations"][1],
        basis=Responsibility.Basis.SUGGESTED,
    )
    html = page(client, preschool)
    assert "Utbildningsnämnden" in html
    assert "(assigned by staff)" in html
    assert "(suggested at import from the area&#x27;s topic)" in html


def test_it_shows_the_budget_evidence_and_rewordings(client, small_plan):
    preschool = small_plan["commitments"][0]
    preschool.budget_sek = 2500000
    preschool.save()
    update = factories.report(preschool, small_plan["period"])
    Evidence.objects.create(
        status_update=update, title="Nämndens protokoll", url="https://example.se/protokoll"
    )
    Evidence.objects.create(status_update=update, document=small_plan["document"])
    CommitmentRevision.objects.create(
        commitment=preschool,
        version=small_plan["document"].current_version,
        previous_text="Fler barn i förskolan",
        new_text=preschool.text,
    )
    html = page(client, preschool)
    assert "SEK" in html
    assert '<a href="https://example.se/protokoll">Nämndens protokoll</a>' in html
    assert '<a href="/dokument/politisk-plattform/">Politisk plattform</a>' in html
    assert "Fler barn i förskolan</span></del>" in html


def test_it_marks_a_commitment_removed_from_the_current_version(client, small_plan):
    preschool, reading = small_plan["commitments"][:2]
    text = "Politisk plattform\n\n • Få fler barn att börja förskolan\n"
    version = DocumentVersion.objects.create(
        document=small_plan["document"],
        number=2,
        text=text,
        format="text",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )
    reading.removed_in = version
    reading.save()
    assert "Removed from the current version." in page(client, reading)
    assert "Removed from the current version." not in page(client, preschool)


def test_it_shows_confirmed_document_links_but_not_suggested_ones(client, small_plan):
    preschool = small_plan["commitments"][0]
    confirmed = factories.make_document("Nyhet: fler barn i förskolan", kind="other", slug="nyhet-forskola")
    suggested = factories.make_document("Nyhet: ny skolgård", kind="other", slug="nyhet-skolgard")
    DocumentLink.objects.create(document=confirmed, commitment=preschool, state=DocumentLink.State.CONFIRMED)
    DocumentLink.objects.create(document=suggested, commitment=preschool, state=DocumentLink.State.SUGGESTED)
    html = page(client, preschool)
    assert "Mentioned in:" in html
    assert "Nyhet: fler barn i förskolan" in html
    assert "Nyhet: ny skolgård" not in html


def test_it_answers_not_found_for_an_unknown_commitment(client, small_plan):
    assert client.get("/atagande/999999/").status_code == 404
