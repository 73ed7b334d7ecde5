"""Imports run one way only: an app may import the apps below it, never one above it.

The order is the one the README's layout section gives. Every `import` and `from … import` in an app's
modules counts, at the top of a module or inside a function, so a lower app cannot reach a higher one even
lazily. A higher app extends a lower one through the lower app's registries (menus, panels, the access
resolver), which it fills when Django starts.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

ORDER = [
    "core",
    "audit",
    "places",
    "organisations",
    "accounts",
    "steering",
    "budget",
    "indicators",
    "dialogue",
    "situation",
    "following",
    "reports",
    "api",
    "demo",
]
ROOT = Path(settings.BASE_DIR) / "framsteg"


def imported_apps(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "framsteg" and len(parts) > 1:
                found.append((node.lineno, parts[1]))
    return found


def upward_imports(app: str) -> list[str]:
    rank = ORDER.index(app)
    problems = []
    for path in sorted((ROOT / app).rglob("*.py")):
        for line, other in imported_apps(path):
            if other in ORDER and ORDER.index(other) > rank:
                problems.append(f"{path.relative_to(ROOT.parent)}:{line} imports framsteg.{other}")
    return problems


def test_every_app_of_the_project_has_a_place_in_the_order():
    apps = {path.name for path in ROOT.iterdir() if (path / "apps.py").exists()}
    assert apps == set(ORDER)
    installed = dict.fromkeys(
        name.split(".")[1] for name in settings.INSTALLED_APPS if name.startswith("framsteg.")
    )
    assert list(installed) == ORDER


@pytest.mark.parametrize("app", ORDER)
def test_no_app_imports_one_above_it(app):
    assert upward_imports(app) == []


def test_nothing_imports_the_demo_loader():
    importers = [
        f"{path.relative_to(ROOT.parent)}:{line}"
        for path in ROOT.rglob("*.py")
        if "demo" not in path.relative_to(ROOT).parts[:1]
        for line, other in imported_apps(path)
        if other == "demo"
    ]
    assert importers == []


def test_the_check_finds_an_upward_import(tmp_path, monkeypatch):
    """The test itself can fail: a lower app importing a higher one is reported with its line."""
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "bad.py").write_text("def f():\n    from framsteg.dialogue.models import Case\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert upward_imports("core") == [f"{tmp_path.name}/core/bad.py:2 imports framsteg.dialogue"]
