"""The goal tree's pages are staff pages: the same client, storage and people as the staff tests."""

from tests.staff.conftest import as_user, client, people, private_storage  # noqa: F401
