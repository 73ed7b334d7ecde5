"""A medborgarlöfte imported into the plan: owners, candidate targets, the command and the public page."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from framsteg.organisations.models import Organisation
from framsteg.steering.models import Area, CandidateTarget, Responsibility, SteeringDocument
from framsteg.steering.services.importing import ImportRequest, ImportRequestError, import_document
from tests import factories
from tests.importer.helpers import DOCUMENTS


@pytest.fixture
def parties(db):
    return {
        "board": factories.make_organisation("Kommunstyrelsen", kind="executive"),
        "police": factories.make_organisation("Polisen", kind="partner"),
        "housing": factories.make_organisation("Bostadsbolaget", kind="partner", keywords="bostad"),
    }


def import_promise(name: str, **extra):
    request = ImportRequest(kind="citizen_promise", **extra)
    return import_document((DOCUMENTS / name).read_bytes(), name, request)


def owners(commitment) -> set[str]:
    return {r.organisation.name for r in commitment.responsibilities.all()}


def test_activities_are_owned_by_the_municipality_or_the_police(parties):
    result = import_promise("medborgarlofte-listor.txt")
    document = result.document
    assert document.kind == SteeringDocument.Kind.CITIZEN_PROMISE
    assert document.get_kind_display() == "Medborgarlöfte"
    assert (document.title, document.period_start, document.period_end) == (
        "Medborgarlöfte för Haninge 2025",
        2025,
        2025,
    )
    assert set(document.areas.values_list("kind", flat=True)) == {Area.Kind.PRIORITY}
    commitments = list(document.commitments.order_by("area__position", "position"))
    assert [owners(c) for c in commitments] == [
        {"Kommunstyrelsen"},
        {"Kommunstyrelsen"},
        {"Samhällsbyggnadsförvaltningen"},  # named in the activity itself
        {"Polisen"},
        {"Polisen"},
        {"Kommunstyrelsen"},
        {"Kommunstyrelsen"},
        {"Polisen"},
        {"Kommunstyrelsen", "Polisen"},
    ]
    assert set(Responsibility.objects.values_list("basis", flat=True)) == {Responsibility.Basis.NAMED}
    evenings = CandidateTarget.objects.get(document=document, unit="kvällar")
    assert (evenings.value, evenings.qualifier) == (Decimal(100), "minst")
    assert evenings.commitment == commitments[3]
    visits = CandidateTarget.objects.get(document=document, unit="gånger per år", commitment__isnull=False)
    assert (visits.value, visits.commitment) == (Decimal(4), commitments[7])


def test_parties_can_be_named(parties):
    other = factories.make_organisation("Lokalpolisområde Södertälje", kind="partner")
    result = import_promise("medborgarlofte-pdf.txt", police=other.slug, municipality=parties["board"].slug)
    police_owned = result.document.commitments.filter(responsibilities__organisation=other)
    assert police_owned.count() == 3  # two of the police's own, one joint
    with pytest.raises(ImportRequestError):
        import_promise("medborgarlofte-pdf.txt", police="ingen-sadan")


def test_police_found_by_keyword_and_missing_owner_reported(db):
    factories.make_organisation("Kommunstyrelsen", kind="executive")
    out, err = StringIO(), StringIO()
    call_command(
        "import_document",
        str(DOCUMENTS / "medborgarlofte-meningar.txt"),
        kind="citizen_promise",
        stdout=out,
        stderr=err,
    )
    assert "--police" in err.getvalue()
    document = SteeringDocument.objects.get()
    police_items = [c for c in document.commitments.all() if c.text.startswith("Polisen")]
    assert police_items and all(not owners(c) for c in police_items)

    keyword = factories.make_organisation("Lokalpolisen", kind="partner", keywords="polis, trygghet")
    result = import_promise("medborgarlofte-meningar.txt", slug="annan")
    police_items = result.document.commitments.filter(text__startswith="Polisen")
    assert all(owners(c) == {keyword.name} for c in police_items)


def test_reimport_changes_nothing(parties):
    import_promise("medborgarlofte-pdf.txt")
    counts = (Responsibility.objects.count(), CandidateTarget.objects.count())
    assert import_promise("medborgarlofte-pdf.txt").unchanged
    assert (Responsibility.objects.count(), CandidateTarget.objects.count()) == counts


def test_public_page_names_the_kind_and_both_parties(parties, client):
    document = import_promise("medborgarlofte-listor.txt").document
    response = client.get(document.get_absolute_url())
    page = response.content.decode()
    assert "Medborgarlöfte" in page
    assert "Parter i löftet" in page
    assert "Kommunstyrelsen" in page and "Polisen" in page
    area = document.areas.first()
    page = client.get(area.get_absolute_url()).content.decode()
    assert "Prioritering" in page and "Polisen" in page
    assert Organisation.objects.filter(name="Samhällsbyggnadsförvaltningen").exists()
