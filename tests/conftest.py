import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from framsteg.accounts import sessions
from tests import factories


@pytest.fixture(autouse=True)
def language_is_restored():
    """Requests activate the language they ask for; keep that from leaking into the next test."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def force_login_skips_the_second_factor(monkeypatch):
    """`client.force_login` skips the password, so it skips the second factor too: the session it makes counts
    as verified. Tests of the real log-in go through the forms (tests/accounts/)."""
    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        sessions.mark_verified(session, user)
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def small_plan(db):
    """A platform with two areas, three commitments, an owner, a reporter and an open tertial."""
    schools = factories.make_organisation("Utbildningsnämnden", slug="utbildningsnamnden")
    housing = factories.make_organisation("Samhällsbyggnadsnämnden", slug="samhallsbyggnadsnamnden")
    text = (
        "Politisk plattform\n\nAlla barn ska lyckas i skolan.\n\nDärför ska kommunen jobba med att:\n\n"
        " • Få fler barn att börja förskolan\n • Öka insatser för läslust och läskunnighet\n\n"
        "Det är svårt att hitta en bostad.\n\nDärför ska kommunen jobba med att:\n\n"
        " • Genom en hög planberedskap möjliggöra en byggtakt på ca 500 bostäder per år\n"
    )
    document = factories.make_document("Politisk plattform", text=text, slug="politisk-plattform")
    school_area = factories.make_area(
        document, "Skola och förskola", slug="skola-och-forskola", narrative="Alla barn ska lyckas i skolan."
    )
    housing_area = factories.make_area(
        document, "Bostäder", slug="bostader", narrative="Det är svårt att hitta en bostad."
    )
    preschool = factories.make_commitment(school_area, "Få fler barn att börja förskolan", [schools])
    reading = factories.make_commitment(school_area, "Öka insatser för läslust och läskunnighet", [schools])
    building = factories.make_commitment(
        housing_area, "Genom en hög planberedskap möjliggöra en byggtakt på ca 500 bostäder per år", [housing]
    )
    period = factories.make_period("tertial", 2026, is_open=True)
    reporter = factories.make_user("anna", schools)
    return {
        "document": document,
        "areas": [school_area, housing_area],
        "commitments": [preschool, reading, building],
        "organisations": [schools, housing],
        "period": period,
        "reporter": reporter,
    }
