import inspect

import pytest

from framsteg.accounts import services as account_services
from framsteg.organisations import services as organisation_services


@pytest.mark.parametrize("module", [account_services, organisation_services])
def test_every_public_service_is_audited(module):
    public = [
        function
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not name.startswith("_")
    ]
    assert public
    assert [f.__name__ for f in public if not hasattr(f, "__audited__")] == []
