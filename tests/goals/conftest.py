import pytest
from django.test import Client

from framsteg.organisations.models import Membership
from tests import factories


@pytest.fixture
def client():
    """Staff tests read the English interface; the catalogue tests check Swedish and Finnish."""
    return Client(headers={"accept-language": "en"})


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Uploaded evidence and pending imports go to a folder of the test's own; passwords hash fast."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path / "var"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, for tests only


@pytest.fixture
def people(small_plan):
    """The personas: a reporter of the owning organisation, an outsider, a coordinator and a superuser."""
    housing = small_plan["organisations"][1]
    coordinator = factories.make_user("cecilia", first_name="Cecilia", last_name="Carlsson")
    Membership.objects.create(user=coordinator, organisation=housing, role=Membership.Role.COORDINATOR)
    return {
        "reporter": small_plan["reporter"],
        "outsider": factories.make_user("otto", housing, first_name="Otto", last_name="Olsson"),
        "coordinator": coordinator,
        "superuser": factories.make_user(
            "root", is_superuser=True, is_staff=True, first_name="", last_name=""
        ),
    }


@pytest.fixture
def as_user(client):
    def log_in(user):
        client.force_login(user)
        return client

    return log_in
