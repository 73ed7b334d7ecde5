import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from framsteg.accounts.models import AccountSession, LoginLock
from framsteg.audit.models import AuditEntry
from framsteg.core.access import Role
from framsteg.organisations import services as organisation_services
from framsteg.organisations.models import Membership
from tests import factories
from tests.accounts.conftest import enrol, log_in


@pytest.fixture
def as_admin(client, administrator):
    client.force_login(administrator)
    return client


def test_the_people_page_lists_accounts_with_roles_lock_and_second_factor(as_admin, coordinator, reporter):
    LoginLock.objects.create(scope="account", key="rita", until="2999-01-01T00:00Z", failures=5)
    html = as_admin.get(reverse("staff:people")).content.decode()
    assert "Cecilia Carlsson" in html and "Rita Rapport" in html
    assert "Coordinator: Kommunledningsförvaltningen" in html
    assert "Required, not set up yet" in html
    assert "Locked until" in html
    assert 'href="/personal/personer/"' in html and 'aria-current="page">People and roles' in html


def test_the_people_pages_are_for_administrators_only(client, coordinator, reporter, administrator):
    for path in [reverse("staff:people"), reverse("staff:person", args=[reporter.pk])]:
        client.logout()
        assert client.get(path)["Location"].startswith(reverse("staff:login"))
        for user in [coordinator, reporter]:
            client.force_login(user)
            assert client.get(path).status_code == 403
            assert client.post(path, {}).status_code == 403
    client.force_login(reporter)
    assert "People and roles" not in client.get(reverse("staff:account")).content.decode()
    membership = Membership.objects.get(user=reporter)
    assert client.post(reverse("staff:revoke-role", args=[reporter.pk, membership.pk])).status_code == 403
    assert client.post(reverse("staff:reset-second-factor", args=[reporter.pk])).status_code == 403
    assert client.post(reverse("staff:unlock-person", args=[reporter.pk])).status_code == 403
    assert Membership.objects.filter(user=reporter).exists()


def test_an_administrator_assigns_a_role_and_it_is_audited(as_admin, reporter, municipality):
    response = as_admin.post(
        reverse("staff:person", args=[reporter.pk]),
        {"organisation": municipality.pk, "role": Role.CASE_OFFICER},
    )
    assert response["Location"] == reverse("staff:person", args=[reporter.pk])
    assert Membership.objects.filter(
        user=reporter, organisation=municipality, role=Role.CASE_OFFICER
    ).exists()
    entry = AuditEntry.objects.get(action="organisations.assign_role")
    assert entry.changes == {
        "after": {"user": "rita", "organisation": "Kommunledningsförvaltningen", "role": "case_officer"}
    }
    assert entry.username == "adam"


def test_coordinator_and_administrator_are_refused_on_a_partner_organisation(as_admin, reporter, police):
    for role in [Role.COORDINATOR, Role.ADMINISTRATOR]:
        response = as_admin.post(
            reverse("staff:person", args=[reporter.pk]), {"organisation": police.pk, "role": role}
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "cannot be given through Polisen Botkyrka: it is an external partner" in html
    assert not Membership.objects.filter(organisation=police).exists()
    # The form keeps what was chosen.
    assert f'<option value="{police.pk}" selected>' in html


def test_partner_is_only_given_through_a_partner_organisation(as_admin, reporter, police, municipality):
    response = as_admin.post(
        reverse("staff:person", args=[reporter.pk]), {"organisation": municipality.pk, "role": Role.PARTNER}
    )
    assert "can only be given through an external partner organisation" in response.content.decode()
    as_admin.post(
        reverse("staff:person", args=[reporter.pk]), {"organisation": police.pk, "role": Role.PARTNER}
    )
    assert Membership.objects.filter(user=reporter, organisation=police, role=Role.PARTNER).exists()


def test_a_missing_choice_and_a_role_held_already_are_said_clearly(as_admin, reporter, municipality):
    html = as_admin.post(reverse("staff:person", args=[reporter.pk]), {}).content.decode()
    assert "Choose an organisation." in html and "Choose a role." in html
    html = as_admin.post(
        reverse("staff:person", args=[reporter.pk]), {"organisation": municipality.pk, "role": Role.REPORTER}
    ).content.decode()
    assert "Rita Rapport already has this role in Kommunledningsförvaltningen." in html


def test_an_administrator_revokes_a_role(as_admin, reporter):
    membership = Membership.objects.get(user=reporter)
    response = as_admin.post(reverse("staff:revoke-role", args=[reporter.pk, membership.pk]))
    assert response["Location"] == reverse("staff:person", args=[reporter.pk])
    assert not Membership.objects.filter(user=reporter).exists()
    entry = AuditEntry.objects.get(action="organisations.revoke_role")
    assert entry.changes["before"]["role"] == "reporter"
    assert entry.target_id == str(membership.pk)


def test_revoking_needs_the_membership_to_belong_to_the_person(as_admin, reporter, coordinator):
    membership = Membership.objects.get(user=coordinator)
    assert as_admin.post(reverse("staff:revoke-role", args=[reporter.pk, membership.pk])).status_code == 404


def test_the_services_refuse_what_grant_allowed_forbids(reporter, police, administrator):
    with pytest.raises(ValidationError):
        organisation_services.assign_role(reporter, police, Role.COORDINATOR, by=administrator)
    with pytest.raises(ValidationError):
        organisation_services.assign_role(reporter, police, "king", by=administrator)


def test_an_administrator_unlocks_an_account_from_its_page(as_admin, reporter, settings):
    settings.LOGIN_MAX_FAILURES = 2
    other = type(as_admin)()
    for _ in range(2):
        log_in(other, "rita", "wrong password")
    html = as_admin.get(reverse("staff:person", args=[reporter.pk])).content.decode()
    assert "Locked until" in html
    response = as_admin.post(reverse("staff:unlock-person", args=[reporter.pk]), follow=True)
    assert "The account is unlocked." in response.content.decode()
    assert log_in(other, "rita").status_code == 302


def test_an_administrator_unlocks_an_address(as_admin, reporter, settings):
    settings.LOGIN_ADDRESS_MAX_FAILURES = 2
    other = type(as_admin)(REMOTE_ADDR="10.1.2.3")
    for name in ["x", "y"]:
        log_in(other, name, "wrong password")
    html = as_admin.get(reverse("staff:people")).content.decode()
    assert "10.1.2.3: locked until" in html
    as_admin.post(reverse("staff:unlock-address"), {"address": "10.1.2.3"})
    assert not LoginLock.objects.active().exists()
    assert log_in(other, "rita").status_code == 302


def test_an_administrator_resets_a_second_factor_and_ends_the_persons_sessions(as_admin, coordinator):
    phone = type(as_admin)()
    enrol(phone, coordinator)
    assert AccountSession.objects.filter(user=coordinator).exists()
    response = as_admin.post(reverse("staff:reset-second-factor", args=[coordinator.pk]), follow=True)
    assert "The second factor is removed" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert phone.get("/personal/").status_code == 302
    assert log_in(phone, "cecilia")["Location"] == reverse("staff:enrol")
    entry = AuditEntry.objects.get(action="accounts.second_factor_reset")
    assert entry.kind == "security" and entry.username == "adam"
    assert entry.changes["before"]["authenticator_app"] is True


def test_the_people_page_needs_few_queries_however_many_people(
    as_admin, municipality, django_assert_max_num_queries
):
    for number in range(20):
        factories.make_user(f"user{number}", municipality)
    with django_assert_max_num_queries(12):
        response = as_admin.get(reverse("staff:people"))
    assert response.status_code == 200
