import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_by_default(settings):
    """These tests read the English texts; the catalogue tests check Swedish and Finnish."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
