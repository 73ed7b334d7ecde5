"""The Django admin answers administrators only, and lets an administrator by role (not a superuser) work."""

from django.contrib.auth.models import Permission
from django.test import Client

from framsteg.core.access import Role
from tests import factories
from tests.dialogue.factories import make_case


def test_an_administrator_by_role_works_in_the_admin(db):
    klf = factories.make_organisation("Kommunledningsförvaltningen", kind="administration", slug="klf")
    admin = factories.make_user("adam", klf, (Role.ADMINISTRATOR,))
    case = make_case(contact_email="karin@example.se")
    client = Client()
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/dialogue/case/").status_code == 200
    assert client.get(f"/admin/dialogue/case/{case.pk}/change/").status_code == 200
    assert client.get("/admin/audit/auditentry/").status_code == 200


def test_a_django_permission_without_the_role_opens_nothing(db):
    """The hole the admin had: a staff user with view_case read a safety case with the resident's details."""
    schools = factories.make_organisation("Utbildningsförvaltningen", kind="administration", slug="uf")
    officer = factories.make_user("olle", schools, (Role.CASE_OFFICER,), is_staff=True)
    officer.user_permissions.add(*Permission.objects.filter(codename__in=["view_case", "change_case"]))
    case = make_case(kind="safety", contact_email="karin@example.se", contact_name="Karin Lindqvist")
    client = Client()
    client.force_login(officer)
    for url in ("/admin/", "/admin/dialogue/case/", f"/admin/dialogue/case/{case.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "karin" not in response.content.decode().lower()
