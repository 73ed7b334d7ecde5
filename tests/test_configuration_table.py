"""The README's configuration table lists every setting the code reads, with its real default."""

import ast
import re
from pathlib import Path

from framsteg.core.config import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
CODE = ROOT / "framsteg"
ROW = re.compile(r"^\| `(?P<name>[A-Z][A-Z0-9_]+)` \| (?P<default>.*?) \| (?P<meaning>.*?) \|$")
# Variables that belong to Django and its tools, not to framsteg's configuration.
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE"}


def readme_table() -> dict[str, str]:
    text = (ROOT / "README.md").read_text()
    section = text.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        if match := ROW.match(line):
            assert match["name"] not in rows, f"{match['name']} has two rows"
            rows[match["name"]] = match["default"]
    return rows


def is_environ(node: ast.expr) -> bool:
    """`os.environ` or `environ`."""
    return (isinstance(node, ast.Attribute) and node.attr == "environ") or (
        isinstance(node, ast.Name) and node.id == "environ"
    )


def names_read_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    constants = {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for target in node.targets
        if isinstance(target, ast.Name)
    }

    def value(node: ast.expr) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return constants.get(node.id)
        return None

    found = set()
    for node in ast.walk(tree):
        # Any FRAMSTEG_ name spelt out, however it is read.
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and re.fullmatch(r"FRAMSTEG_[A-Z0-9_]+", node.value)
        ):
            found.add(node.value)
        # os.environ.get(X), os.environ[X], os.getenv(X), env.get(X) (the settings' reader)
        argument = None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getenv":
            argument = node.args[0] if node.args else None
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
            reader = node.func
            if (
                (reader.attr in {"get", "pop"} and is_environ(reader.value))
                or reader.attr == "getenv"
                or (reader.attr == "get" and isinstance(reader.value, ast.Name) and reader.value.id == "env")
            ):
                argument = node.args[0]
        elif isinstance(node, ast.Subscript) and is_environ(node.value):
            argument = node.slice
        if argument is not None and (name := value(argument)):
            found.add(name)
    return found - NOT_SETTINGS


def names_read_by_the_code() -> set[str]:
    return set().union(
        *(names_read_in(path) for path in CODE.rglob("*.py") if "migrations" not in path.parts)
    )


def test_every_variable_the_code_reads_is_registered():
    unregistered = names_read_by_the_code() - SETTINGS.keys()
    assert not unregistered, f"add to framsteg/core/config.py SETTINGS: {sorted(unregistered)}"


def test_every_registered_setting_has_a_row_with_its_default():
    table = readme_table()
    assert sorted(SETTINGS.keys() - table.keys()) == [], "settings without a row in the README"
    assert sorted(table.keys() - SETTINGS.keys()) == [], "rows in the README for settings nobody reads"
    for name, setting in SETTINGS.items():
        assert table[name] == setting.readme_default(), f"{name}: the README's default is not the real one"


def test_every_registered_setting_is_read():
    assert sorted(SETTINGS.keys() - names_read_by_the_code() - {"FRAMSTEG_SAFETY_IMAP_PASSWORD"}) == []


def test_settings_use_the_registered_default_unless_the_readme_states_another():
    """Where settings.py gives its own default, the README must say it in words (shown_default)."""
    tree = ast.parse((CODE / "settings.py").read_text())
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "env"
            and len(node.args) > 1
        ):
            name = node.args[0].value
            assert SETTINGS[name].shown_default, f"{name} has a default of its own in settings.py"


def test_the_scan_finds_variables_however_they_are_read(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "import os\nfrom os import environ, getenv\nPASSWORD = 'FRAMSTEG_X_PASSWORD'\n"
        "a = os.environ.get('OTHER_URL')\nb = os.environ['SOME_KEY']\nc = getenv('ANOTHER')\n"
        "d = environ.get(PASSWORD)\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'x')\n"
    )
    assert names_read_in(module) == {"FRAMSTEG_X_PASSWORD", "OTHER_URL", "SOME_KEY", "ANOTHER"}
