"""Staff are shown by their full name or their organisation, never by their user name: a member of staff with
the user name "kalle.admin" and no full name never appears as "kalle.admin" where residents and the public
read, nor in the staff pages that show who handles a case."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core import mail
from django.test import Client
from django.urls import reverse

from framsteg.core.access import Role
from framsteg.dialogue.models import Case
from framsteg.dialogue.services import handling
from framsteg.organisations.names import display_name
from framsteg.steering.models import Status, StatusUpdate
from framsteg.steering.services.reporting import Report, report_status
from tests import factories
from tests.dialogue.factories import make_case, make_districts

USERNAME = "kalle.admin"


@pytest.fixture
def kalle(db):
    make_districts()
    administration = factories.make_organisation(
        "Samhällsbyggnadsförvaltningen", kind="administration", slug="samhallsbyggnadsforvaltningen"
    )
    user = factories.make_user(
        USERNAME,
        administration,
        (Role.CASE_OFFICER, Role.REPORTER, Role.ADMINISTRATOR),
        first_name="",
        last_name="",
        email="kalle@botkyrka.se",
    )
    return user


def test_the_name_is_the_full_name_else_the_organisation_else_the_municipality(kalle, settings):
    assert display_name(kalle) == "Samhällsbyggnadsförvaltningen"
    schools = factories.make_organisation()
    assert display_name(kalle, schools) == schools.name
    kalle.first_name, kalle.last_name = "Kalle", "Karlsson"
    assert display_name(kalle, schools) == "Kalle Karlsson"
    loner = factories.make_user("ensam", None, (), first_name="", last_name="")
    assert display_name(loner) == settings.MUNICIPALITY_NAME


def test_a_status_report_is_signed_without_the_user_name(kalle):
    organisation = kalle.memberships.get(role=Role.REPORTER).organisation
    document = factories.make_document()
    commitment = factories.make_commitment(factories.make_area(document))
    period = factories.make_period()
    report_status(
        Report(
            commitment=commitment,
            period=period,
            status=Status.objects.get(code="in_progress"),
            progress=30,
            comment="Vi har börjat.",
            organisation=organisation,
        ),
        by=kalle,
    )
    update = StatusUpdate.objects.get()
    assert update.author_name == organisation.name
    client = Client()
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "Vi har börjat." in page
    assert f"{organisation.name}, {organisation.name}" not in page
    for html in [page, client.get("/flode.xml").content.decode()]:
        assert USERNAME not in html


def test_reports_signed_with_a_user_name_before_are_signed_with_the_organisation(kalle):
    organisation = kalle.memberships.first().organisation
    commitment = factories.make_commitment(factories.make_area(factories.make_document()))
    period = factories.make_period()
    signed = factories.report(
        commitment, period, author=kalle, author_name=USERNAME, organisation=organisation
    )
    named = factories.report(commitment, period, author=kalle, author_name="Kalle Karlsson")
    migration = __import__(
        "framsteg.steering.migrations.0004_author_names_without_user_names",
        fromlist=["sign_without_user_names"],
    )
    migration.sign_without_user_names(apps, None)
    signed.refresh_from_db()
    named.refresh_from_db()
    assert signed.author_name == organisation.name
    assert named.author_name == "Kalle Karlsson"


def test_a_case_handled_by_kalle_never_shows_the_user_name(kalle, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    case = make_case(contact_email="karin@example.se", contact_name="Karin", language="sv")
    handling.assign(case, kalle, by=kalle)
    handling.set_status(case, Case.Status.IN_PROGRESS, by=kalle)
    handling.answer(case, "Vi lagar lampan i veckan.", by=kalle)
    handling.add_note(case, "Intern anteckning.", by=kalle)
    case.refresh_from_db()

    anonymous = Client()
    public = [
        reverse("dialogue:report-detail", kwargs={"year": case.year, "number": f"{case.number:05d}"}),
        f"/arende/{case.follow_token}/",
        "/anmalningar/",
        "/anmalningar.csv",
        f"/open311/v2/requests/{case.reference}.json",
        f"/open311/v2/requests/{case.reference}.xml",
        "/open311/v2/requests.json",
        "/flode.xml",
    ]
    for path in public:
        response = anonymous.get(path)
        assert response.status_code == 200, path
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert USERNAME not in body.decode(), path
    assert mail.outbox, "the answer was e-mailed"
    for message in mail.outbox:
        assert USERNAME not in message.body and USERNAME not in message.subject

    # A colleague reads the inbox and the case (kalle himself sees his own user name beside "Logged in as").
    colleague = factories.make_user("adam", kalle.memberships.first().organisation, (Role.ADMINISTRATOR,))
    staff = Client()
    staff.force_login(colleague)
    for path in ["/personal/arenden/", f"/personal/arenden/{case.reference}/"]:
        html = staff.get(path).content.decode()
        assert "Samhällsbyggnadsförvaltningen" in html
        assert USERNAME not in html, path
