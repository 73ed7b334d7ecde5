"""The settings registry: each parser, range and production requirement, and the checks that report them."""

import pytest
from django.core.checks import Error
from django.core.management import get_commands

from framsteg.core import checks
from framsteg.core.config import SETTINGS, Environment
from framsteg.core.management.commands.runserver import follow_served_address, served_url


def problems(**environ: str) -> dict[str, str]:
    env = Environment(environ=environ)
    for name in environ:
        env.get(name)
    return {problem.name: problem.message for problem in env.problems}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("FRAMSTEG_PRODUCTION", "ja"),
        ("FRAMSTEG_SSL_REDIRECT", "2"),
        ("FRAMSTEG_EMAIL_TLS", "sant"),
        ("FRAMSTEG_EMAIL_PORT", "0"),
        ("FRAMSTEG_EMAIL_PORT", "65536"),
        ("FRAMSTEG_EMAIL_PORT", "5 87"),
        ("FRAMSTEG_HSTS_SECONDS", "-1"),
        ("FRAMSTEG_HSTS_SECONDS", "1e9"),
        ("FRAMSTEG_DB_CONN_MAX_AGE", "forever"),
        ("FRAMSTEG_DB_CONN_MAX_AGE", "100000"),
        ("FRAMSTEG_DIALOGUE_RETENTION_DAYS", "-5"),
        ("FRAMSTEG_DIALOGUE_RETENTION_DAYS", "90d"),
        ("FRAMSTEG_DIALOGUE_PHOTO_MAX_BYTES", "8MB"),
        ("FRAMSTEG_DIALOGUE_PHOTO_MAX_BYTES", "10"),
        ("FRAMSTEG_DIALOGUE_PHOTO_MAX_PIXELS", "0"),
        ("FRAMSTEG_DIALOGUE_PHOTOS_PER_CASE", "21"),
        ("FRAMSTEG_DIALOGUE_RATE_LIMIT", "20/hour"),
        ("FRAMSTEG_DIALOGUE_RATE_LIMIT", "20"),
        ("FRAMSTEG_DIALOGUE_API_RATE_LIMIT", "0/h"),
        ("FRAMSTEG_SITE_URL", "plan.example.se"),
        ("FRAMSTEG_SITE_URL", "https://plan.example.se/framsteg"),
        ("FRAMSTEG_SITE_URL", "ftp://plan.example.se"),
        ("FRAMSTEG_SITE_URL", "https://plan.example.se:port"),
        ("FRAMSTEG_REDIS_URL", "http://cache:6379"),
        ("FRAMSTEG_REDIS_URL", "redis://cache:6379,cache2:6379"),
        ("KOLADA_API_URL", "api.kolada.se/v3"),
        ("DATABASE_URL", "postgress://db/framsteg"),
        ("DATABASE_URL", "framsteg.sqlite3"),
        ("FRAMSTEG_FROM_EMAIL", "noreply"),
        ("FRAMSTEG_FROM_EMAIL", "framsteg <noreply>"),
        ("FRAMSTEG_DIALOGUE_SAFETY_ADDRESS", "trygghet at botkyrka.se"),
        ("FRAMSTEG_DIALOGUE_SAFETY_ADDRESS", "Trygghet <trygghet@botkyrka.se>"),
        ("FRAMSTEG_LOG_LEVEL", "LOUD"),
        ("FRAMSTEG_MUNICIPALITY_CODE", "127"),
        ("FRAMSTEG_ALLOWED_HOSTS", "https://plan.example.se"),
        ("FRAMSTEG_ALLOWED_HOSTS", "plan.example.se:443"),
        ("FRAMSTEG_EMAIL_HOST", "smtp://mail.example.se"),
        ("FRAMSTEG_EMAIL_BACKEND", "smtp"),
    ],
)
def test_a_wrong_value_is_a_problem_naming_the_value_and_what_is_expected(name, value):
    message = problems(**{name: value})[name]
    assert ("the value given" if SETTINGS[name].secret else repr(value)) in message
    assert "expected" in message


@pytest.mark.parametrize(
    ("name", "value", "parsed"),
    [
        ("FRAMSTEG_PRODUCTION", "Yes", True),
        ("FRAMSTEG_DEBUG", "off", False),
        ("FRAMSTEG_EMAIL_PORT", " 2525 ", 2525),
        ("FRAMSTEG_HSTS_SECONDS", "0", 0),
        ("FRAMSTEG_DIALOGUE_PHOTO_MAX_BYTES", "4_000_000", 4_000_000),
        ("FRAMSTEG_DIALOGUE_RATE_LIMIT", "10/15m", "10/15m"),
        ("FRAMSTEG_DIALOGUE_RATE_LIMIT", "0", "0"),
        ("FRAMSTEG_SITE_URL", "https://plan.example.se/", "https://plan.example.se/"),
        ("FRAMSTEG_SITE_URL", "http://[::1]:8000", "http://[::1]:8000"),
        ("FRAMSTEG_REDIS_URL", "rediss://:secret@cache:6380/1", "rediss://:secret@cache:6380/1"),
        ("FRAMSTEG_REDIS_URL", "redis://a:6379,redis://b:6379", "redis://a:6379,redis://b:6379"),
        ("FRAMSTEG_REDIS_URL", "unix:///run/redis.sock", "unix:///run/redis.sock"),
        ("DATABASE_URL", "postgres://u:p@db:5432/framsteg", "postgres://u:p@db:5432/framsteg"),
        ("DATABASE_URL", "sqlite:////srv/framsteg.sqlite3", "sqlite:////srv/framsteg.sqlite3"),
        ("FRAMSTEG_FROM_EMAIL", "Botkyrka <noreply@botkyrka.se>", "Botkyrka <noreply@botkyrka.se>"),
        ("FRAMSTEG_FROM_EMAIL", "noreply@botkyrka.se", "noreply@botkyrka.se"),
        ("FRAMSTEG_LOG_LEVEL", "info", "INFO"),
        (
            "FRAMSTEG_ALLOWED_HOSTS",
            "plan.example.se, .example.se,[::1]",
            ["plan.example.se", ".example.se", "[::1]"],
        ),
        ("FRAMSTEG_MUNICIPALITY_CODE", "0180", "0180"),
        ("FRAMSTEG_EMAIL_HOST", "smtp.example.se", "smtp.example.se"),
    ],
)
def test_a_good_value_is_parsed(name, value, parsed):
    env = Environment(environ={name: value})
    assert env.get(name) == parsed
    assert env.problems == []


def test_a_wrong_value_falls_back_to_the_default_and_an_empty_one_means_the_default():
    env = Environment(environ={"FRAMSTEG_EMAIL_PORT": "x", "FRAMSTEG_DIALOGUE_RETENTION_DAYS": " "})
    assert env.get("FRAMSTEG_EMAIL_PORT") == 587
    assert env.get("FRAMSTEG_DIALOGUE_RETENTION_DAYS") == 90
    assert [p.name for p in env.problems] == ["FRAMSTEG_EMAIL_PORT"]


def test_an_empty_safety_address_turns_it_off():
    assert (
        Environment(environ={"FRAMSTEG_DIALOGUE_SAFETY_ADDRESS": ""}).get("FRAMSTEG_DIALOGUE_SAFETY_ADDRESS")
        == ""
    )
    assert Environment(environ={}).get("FRAMSTEG_DIALOGUE_SAFETY_ADDRESS") == "trygghet@botkyrka.se"


def test_secret_values_are_not_repeated():
    found = problems(
        DATABASE_URL="postgres://framsteg:hemligt@db:notaport/framsteg",
        FRAMSTEG_SECRET_KEY="hemligt\nmer",
    )
    assert set(found) == {"DATABASE_URL", "FRAMSTEG_SECRET_KEY"}
    assert not any("hemligt" in message for message in found.values())
    # diffsettings prints the settings, this one among them
    assert "hemligt" not in repr(Environment(environ={"FRAMSTEG_EMAIL_PASSWORD": "hemligt"}))


def test_settings_not_read_by_settings_py_are_checked_all_the_same():
    env = Environment(environ={"FRAMSTEG_HSTS_SECONDS": "a year"})
    env.check_the_rest()
    assert [p.name for p in env.problems] == ["FRAMSTEG_HSTS_SECONDS"]


SAFE_PRODUCTION = {"DATABASE_URL": "postgres://db/framsteg", "FRAMSTEG_SITE_URL": "https://plan.example.se"}


@pytest.mark.parametrize(
    ("environ", "debug", "secret_key", "hosts", "complaint"),
    [
        (SAFE_PRODUCTION, False, "", ["plan.example.se"], "FRAMSTEG_SECRET_KEY"),
        (SAFE_PRODUCTION, False, "short", ["plan.example.se"], "FRAMSTEG_SECRET_KEY"),
        (SAFE_PRODUCTION, False, "django-insecure-" + "x" * 40, ["plan.example.se"], "FRAMSTEG_SECRET_KEY"),
        (SAFE_PRODUCTION, True, "k" * 50, ["plan.example.se"], "FRAMSTEG_DEBUG"),
        (SAFE_PRODUCTION, False, "k" * 50, [], "FRAMSTEG_ALLOWED_HOSTS"),
        (
            {"FRAMSTEG_SITE_URL": "https://plan.example.se"},
            False,
            "k" * 50,
            ["plan.example.se"],
            "DATABASE_URL",
        ),
        (
            {"DATABASE_URL": "postgres://db/framsteg"},
            False,
            "k" * 50,
            ["plan.example.se"],
            "FRAMSTEG_SITE_URL",
        ),
    ],
)
def test_production_requirements(environ, debug, secret_key, hosts, complaint):
    env = Environment(environ=environ)
    env.demand_production(debug=debug, secret_key=secret_key, allowed_hosts=hosts)
    assert [p.name for p in env.problems] == [complaint]
    assert "production" in env.problems[0].message


def test_a_safe_production_configuration_has_no_problems():
    env = Environment(environ=SAFE_PRODUCTION)
    env.demand_production(debug=False, secret_key="k" * 50, allowed_hosts=["plan.example.se"])
    assert env.problems == []


def test_the_check_reports_each_problem_as_an_error_naming_the_setting(settings):
    settings.CONFIGURATION = Environment(environ={"FRAMSTEG_EMAIL_PORT": "x", "FRAMSTEG_DEBUG": "kanske"})
    settings.CONFIGURATION.check_the_rest()
    errors = checks.configuration()
    assert {error.obj for error in errors} == {"FRAMSTEG_EMAIL_PORT", "FRAMSTEG_DEBUG"}
    assert all(isinstance(error, Error) and error.id == "framsteg.E001" for error in errors)
    assert all(error.hint for error in errors)


def test_the_configuration_has_no_problems_here(settings):
    assert checks.configuration() == []
    assert checks.email_backend() == []


def test_an_e_mail_backend_that_cannot_be_imported_is_an_error(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtps.EmailBackend"
    [error] = checks.email_backend()
    assert error.obj == "FRAMSTEG_EMAIL_BACKEND"


def test_the_wsgi_start_prints_the_errors_and_exits_with_gunicorns_load_error(settings, capsys):
    settings.CONFIGURATION = Environment(environ={"FRAMSTEG_DIALOGUE_RATE_LIMIT": "20 om dagen"})
    settings.CONFIGURATION.check_the_rest()
    with pytest.raises(SystemExit) as exit:
        checks.refuse_to_start_on_errors()
    assert exit.value.code == checks.APPLICATION_LOAD_ERROR
    assert "FRAMSTEG_DIALOGUE_RATE_LIMIT: (framsteg.E001) '20 om dagen'" in capsys.readouterr().err


def test_every_registered_setting_has_a_meaning_and_a_parseable_default():
    for setting in SETTINGS.values():
        assert setting.meaning, setting.name
        if isinstance(setting.default, str) and setting.default:
            assert setting.parse(setting.default) is not None, setting.name


# runserver: links in e-mails follow the address served in development.


def test_the_project_runserver_takes_the_place_of_djangos():
    assert get_commands()["runserver"] == "framsteg.core"


@pytest.mark.parametrize(
    ("addr", "port", "ipv6", "url"),
    [
        ("127.0.0.1", "8000", False, "http://127.0.0.1:8000"),
        ("localhost", "8080", False, "http://localhost:8080"),
        ("::1", "8000", True, "http://[::1]:8000"),
    ],
)
def test_served_url(addr, port, ipv6, url):
    assert served_url(addr, port, ipv6) == url


def test_a_wildcard_address_is_linked_by_the_machines_host_name(monkeypatch):
    monkeypatch.setattr("socket.gethostname", lambda: "utvecklare")
    assert served_url("0.0.0.0", "8080") == "http://utvecklare:8080"
    assert served_url("::", "8080", True) == "http://utvecklare:8080"


def test_links_follow_the_served_address_in_development(settings, monkeypatch):
    monkeypatch.setattr("socket.gethostname", lambda: "utvecklare")
    settings.CONFIGURATION = Environment(environ={})
    settings.PRODUCTION = False
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
    follow_served_address("0.0.0.0", "8080")
    assert settings.SITE_URL == "http://utvecklare:8080"
    assert "utvecklare" in settings.ALLOWED_HOSTS


def test_a_given_site_url_wins_over_the_served_address(settings):
    settings.CONFIGURATION = Environment(environ={"FRAMSTEG_SITE_URL": "https://plan.example.se"})
    settings.PRODUCTION = False
    settings.SITE_URL = "https://plan.example.se"
    follow_served_address("0.0.0.0", "8080")
    assert settings.SITE_URL == "https://plan.example.se"


def test_production_never_follows_the_served_address(settings):
    settings.CONFIGURATION = Environment(environ={})
    settings.PRODUCTION = True
    settings.SITE_URL = "https://plan.example.se"
    follow_served_address("127.0.0.1", "8000")
    assert settings.SITE_URL == "https://plan.example.se"


def test_given_allowed_hosts_are_kept(settings):
    settings.CONFIGURATION = Environment(environ={"FRAMSTEG_ALLOWED_HOSTS": "plan.localhost"})
    settings.PRODUCTION = False
    settings.ALLOWED_HOSTS = ["plan.localhost"]
    follow_served_address("192.168.1.20", "8000")
    assert settings.SITE_URL == "http://192.168.1.20:8000"
    assert settings.ALLOWED_HOSTS == ["plan.localhost"]
