"""A partner's role can be limited to districts; every other role covers the whole municipality."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from framsteg.core.access import Role, access_for
from framsteg.organisations.services import assign_role
from tests import factories
from tests.dialogue.factories import make_districts


@pytest.fixture
def partner_setup(db):
    districts = make_districts()
    police = factories.make_organisation("Polisen", kind="partner", slug="polisen")
    return police, districts


def test_a_partner_limited_to_two_districts_sees_those(partner_setup):
    police, districts = partner_setup
    officer = factories.make_user("pia")
    chosen = [districts["Tumba"], districts["Fittja"]]
    assign_role(officer, police, Role.PARTNER, districts=chosen)
    assert access_for(officer).district_ids(Role.PARTNER) == frozenset(d.pk for d in chosen)


def test_a_partner_without_districts_covers_the_whole_municipality(partner_setup):
    police, _districts = partner_setup
    officer = factories.make_user("pia")
    assign_role(officer, police, Role.PARTNER)
    assert access_for(officer).district_ids(Role.PARTNER) is None


def test_only_a_partner_role_takes_districts(partner_setup):
    _police, districts = partner_setup
    klf = factories.make_organisation("Kommunledningsförvaltningen", kind="administration", slug="klf")
    with pytest.raises(ValidationError):
        assign_role(factories.make_user("cia"), klf, Role.COORDINATOR, districts=[districts["Tumba"]])


def test_the_person_page_offers_and_shows_districts(partner_setup, client):
    police, districts = partner_setup
    klf = factories.make_organisation("Kommunledningsförvaltningen", kind="administration", slug="klf")
    admin = factories.make_user("adam", klf, (Role.ADMINISTRATOR,))
    officer = factories.make_user("pia")
    client.force_login(admin)
    url = f"/personal/personer/{officer.pk}/"
    response = client.post(
        url, {"organisation": police.pk, "role": Role.PARTNER, "districts": [districts["Tumba"].pk]}
    )
    assert response.status_code in (200, 302)
    officer.refresh_from_db()
    assert access_for(get_user_model().objects.get(pk=officer.pk)).district_ids(Role.PARTNER) == frozenset(
        {districts["Tumba"].pk}
    )
    assert "Tumba" in client.get(url).content.decode()
