import os
import subprocess
import sys

import pytest


def start(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FRAMSTEG_")}
    return subprocess.run(
        [sys.executable, "-m", "framsteg", "check"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"FRAMSTEG_PRODUCTION": "1"}, "FRAMSTEG_SECRET_KEY"),
        (
            {"FRAMSTEG_PRODUCTION": "1", "FRAMSTEG_SECRET_KEY": "k" * 50, "FRAMSTEG_DEBUG": "1"},
            "FRAMSTEG_DEBUG",
        ),
        ({"FRAMSTEG_PRODUCTION": "1", "FRAMSTEG_SECRET_KEY": "k" * 50}, "FRAMSTEG_ALLOWED_HOSTS"),
        ({"FRAMSTEG_DEBUG": "maybe"}, "FRAMSTEG_DEBUG must be one of"),
    ],
)
def test_it_refuses_an_unsafe_production_configuration(env, complaint):
    result = start(env)
    assert result.returncode != 0
    assert complaint in result.stderr


def test_it_starts_in_production_with_a_safe_configuration(tmp_path):
    result = start(
        {
            "FRAMSTEG_PRODUCTION": "1",
            "FRAMSTEG_SECRET_KEY": "k" * 50,
            "FRAMSTEG_ALLOWED_HOSTS": "plan.example.se",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "FRAMSTEG_VAR_DIR": str(tmp_path),
        }
    )
    assert result.returncode == 0, result.stderr
