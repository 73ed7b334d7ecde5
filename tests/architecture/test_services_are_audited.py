"""Every service that changes something records an audit entry: the test walks every app's services.

A public function in an app's `services` module (or package) is either `@audited`, which guarantees an
entry for each call that returns, or named in the module's `READS`: the functions there that only read or
compute. A new write service that is neither fails here.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR) / "framsteg"
# The audit app's services are the recorder itself.
RECORDER = "framsteg.audit.services"


def service_modules() -> list[str]:
    paths = sorted(ROOT.glob("*/services.py")) + sorted(
        path for path in ROOT.glob("*/services/*.py") if path.name != "__init__.py"
    )
    names = [".".join(path.relative_to(ROOT.parent).with_suffix("").parts) for path in paths]
    return [name for name in names if name != RECORDER]


def public_functions(module) -> dict:
    return {
        name: value
        for name, value in vars(module).items()
        if not name.startswith("_") and inspect.isfunction(value) and value.__module__ == module.__name__
    }


def test_every_domain_app_with_writes_has_services():
    apps = {name.split(".")[1] for name in service_modules()}
    assert {"organisations", "accounts", "steering", "indicators", "dialogue"} <= apps


@pytest.mark.parametrize("name", service_modules())
def test_each_public_service_is_audited_or_declared_a_read(name):
    module = importlib.import_module(name)
    reads = set(getattr(module, "READS", ()))
    functions = public_functions(module)
    assert reads <= set(functions), f"{name}.READS names functions it does not define"
    unrecorded = [
        function_name
        for function_name, function in functions.items()
        if function_name not in reads and not hasattr(function, "__audited__")
    ]
    assert unrecorded == [], f"{name}: write services without @audited"
    assert not [read for read in reads if hasattr(functions[read], "__audited__")]
