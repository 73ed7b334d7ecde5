"""A wrong or missing setting stops `framsteg check --deploy` and the WSGI start, naming the setting."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Left out of the subprocesses' environment; DJANGO_ also because the browser tests set
# DJANGO_ALLOW_ASYNC_UNSAFE in this process, which Django's deployment checks refuse.
CONFIGURATION_VARIABLES = ("FRAMSTEG_", "DATABASE_URL", "KOLADA_API_URL", "DJANGO_")


@pytest.fixture
def run(tmp_path):
    """Run Python with a clean environment: no configuration but `env` and a temporary var directory."""

    def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
        clean = {k: v for k, v in os.environ.items() if not k.startswith(CONFIGURATION_VARIABLES)}
        return subprocess.run(
            [sys.executable, *args],
            env={**clean, "FRAMSTEG_VAR_DIR": str(tmp_path / "var"), **env},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


def check_deploy(run, env: dict[str, str]) -> subprocess.CompletedProcess:
    return run(["-m", "framsteg", "check", "--deploy"], env)


@pytest.fixture
def production(tmp_path) -> dict[str, str]:
    return {
        "FRAMSTEG_PRODUCTION": "1",
        "FRAMSTEG_SECRET_KEY": "k7#Xq" * 10,
        "FRAMSTEG_ALLOWED_HOSTS": "plan.example.se",
        "FRAMSTEG_SITE_URL": "https://plan.example.se",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }


# One of each kind; every parser and range is tested in-process in tests/core/test_config.py.
WRONG_VALUES = [
    pytest.param({"FRAMSTEG_EMAIL_PORT": "fem"}, "FRAMSTEG_EMAIL_PORT", "'fem'", id="bad integer"),
    pytest.param(
        {"FRAMSTEG_DIALOGUE_RETENTION_DAYS": "-5"},
        "FRAMSTEG_DIALOGUE_RETENTION_DAYS",
        "0 to 3650",
        id="range",
    ),
    pytest.param(
        {"FRAMSTEG_DIALOGUE_RATE_LIMIT": "20 per hour"},
        "FRAMSTEG_DIALOGUE_RATE_LIMIT",
        "count/period",
        id="rate",
    ),
    pytest.param({"FRAMSTEG_DEBUG": "maybe"}, "FRAMSTEG_DEBUG", "one of 1/0, true/false", id="bad boolean"),
    pytest.param({"FRAMSTEG_SITE_URL": "plan.example.se"}, "FRAMSTEG_SITE_URL", "https://", id="bad url"),
    pytest.param(
        {"FRAMSTEG_FROM_EMAIL": "noreply"}, "FRAMSTEG_FROM_EMAIL", "e-mail address", id="bad e-mail"
    ),
]


@pytest.mark.parametrize(("env", "setting", "detail"), WRONG_VALUES)
def test_check_deploy_refuses_a_wrong_value_naming_the_setting(run, env, setting, detail):
    result = check_deploy(run, env)
    assert result.returncode != 0
    assert f"{setting}: (framsteg.E001)" in result.stderr
    assert detail in result.stderr
    assert "Traceback" not in result.stderr


def test_production_refuses_to_start_without_a_secret_key_and_says_all_it_needs(run):
    result = check_deploy(run, {"FRAMSTEG_PRODUCTION": "1"})
    assert result.returncode != 0
    for setting in ("FRAMSTEG_SECRET_KEY", "FRAMSTEG_ALLOWED_HOSTS", "DATABASE_URL", "FRAMSTEG_SITE_URL"):
        assert f"{setting}: (framsteg.E001)" in result.stderr
    assert "Traceback" not in result.stderr


def test_good_values_pass_in_development(run):
    result = run(
        ["-m", "framsteg", "check"],
        {
            "FRAMSTEG_EMAIL_PORT": "2525",
            "FRAMSTEG_EMAIL_HOST": "smtp.example.se",
            "FRAMSTEG_EMAIL_TLS": "off",
            "FRAMSTEG_DIALOGUE_RATE_LIMIT": "10/15m",
            "FRAMSTEG_DIALOGUE_API_RATE_LIMIT": "0",
            "FRAMSTEG_DIALOGUE_SAFETY_ADDRESS": "",
            "FRAMSTEG_FROM_EMAIL": "Botkyrka kommun <noreply@botkyrka.se>",
            "FRAMSTEG_SITE_URL": "http://plan.localhost:8080/",
            "FRAMSTEG_REDIS_URL": "redis://127.0.0.1:6379/0",
            "FRAMSTEG_LOG_LEVEL": "info",
            "FRAMSTEG_DIALOGUE_PHOTO_MAX_BYTES": "4_000_000",
        },
    )
    assert result.returncode == 0, result.stderr


def test_production_starts_with_a_safe_configuration(run, production):
    result = check_deploy(run, production)
    assert result.returncode == 0, result.stderr
    assert "framsteg.E" not in result.stderr


def test_the_wsgi_application_refuses_to_start_on_a_wrong_value(run):
    result = run(["-c", "import framsteg.wsgi"], {"FRAMSTEG_DIALOGUE_RATE_LIMIT": "20/hour"})
    assert result.returncode == 4  # gunicorn's "application failed to load": it stops, not restarts
    assert "framsteg refuses to start" in result.stderr
    assert "FRAMSTEG_DIALOGUE_RATE_LIMIT" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_wsgi_application_starts_with_good_values(run, production):
    result = run(["-c", "import framsteg.wsgi; print(framsteg.wsgi.application)"], production)
    assert result.returncode == 0, result.stderr
    assert "WSGIHandler" in result.stdout


def test_gunicorn_stops_on_a_wrong_value(run):
    result = run(
        [
            "-m",
            "gunicorn",
            "--bind",
            "127.0.0.1:0",
            "--workers",
            "1",
            "--no-control-socket",
            "framsteg.wsgi:application",
        ],
        {"FRAMSTEG_EMAIL_PORT": "smtp"},
    )
    assert result.returncode != 0
    assert "FRAMSTEG_EMAIL_PORT" in result.stderr
    assert "App failed to load" in result.stderr
