"""Every setting framsteg reads from the environment, in one registry.

Each `Setting` has a name, a default, a parser that checks its syntax and range, and a meaning; the README's
configuration table lists the same (a test compares the two, and the names the code reads). `settings.py`
reads them through an `Environment`, which never raises: a wrong value becomes a `Problem` naming the
variable, the value and what is expected, and the default is used in its place until the system checks
(`framsteg.core.checks`) report it, so `framsteg check`, `runserver` and the WSGI start refuse to run.

To add a setting: add a `Setting` to `SETTINGS` below, read it in `settings.py` with `env.get(NAME)`, and
add its row to the README's configuration table.

This module is imported by `settings.py`, before Django is set up: it must not import models or apps.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from email.utils import parseaddr
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email

from framsteg.core.ratelimits import RATE_SYNTAX, parse_rate

MB = 1024 * 1024

# Parsers take the value as given (stripped) and return what the setting holds, or raise ValueError with
# what was expected ("a whole number from 1 to 65535").

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}


def boolean(raw: str) -> bool:
    if raw.lower() in TRUE:
        return True
    if raw.lower() in FALSE:
        return False
    raise ValueError("one of 1/0, true/false, yes/no, on/off")


def integer(minimum: int, maximum: int, unit: str = "") -> Callable[[str], int]:
    expected = f"a whole number from {minimum} to {maximum}" + (f" ({unit})" if unit else "")

    def parse(raw: str) -> int:
        try:
            value = int(raw.replace("_", ""))
        except ValueError:
            raise ValueError(expected) from None
        if not minimum <= value <= maximum:
            raise ValueError(expected)
        return value

    return parse


def text(raw: str) -> str:
    return raw


def one_line(raw: str) -> str:
    if "\n" in raw or "\r" in raw:
        raise ValueError("a single line of text")
    return raw


def host_names(raw: str) -> list[str]:
    hosts = [item.strip() for item in raw.split(",") if item.strip()]
    for host in hosts:
        if "/" in host or " " in host or (":" in host and not host.startswith("[")):
            raise ValueError(
                "comma-separated host names such as 'plan.example.se' or '.example.se' "
                "(no scheme, port or path)"
            )
    return hosts


def host_name(raw: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\]", raw):
        raise ValueError("a host name or IP address, without scheme or port")
    return raw


def url(*schemes: str, path: bool = True) -> Callable[[str], str]:
    expected = f"an address starting with {' or '.join(s + '://' for s in schemes)} and naming a host"
    if not path:
        expected += ", with no path, query or fragment"

    def parse(raw: str) -> str:
        try:
            parts = urlsplit(raw)
            parts.port  # noqa: B018 -- raises ValueError on a port that is not a number
        except ValueError:
            raise ValueError(expected) from None
        unix_socket = parts.scheme == "unix" and parts.path
        if parts.scheme not in schemes or not (parts.hostname or unix_socket) or " " in raw:
            raise ValueError(expected)
        if not path and (parts.path not in ("", "/") or parts.query or parts.fragment):
            raise ValueError(expected)
        return raw

    return parse


def url_list(*schemes: str) -> Callable[[str], str]:
    one = url(*schemes)

    def parse(raw: str) -> str:
        for item in re.split("[;,]", raw):
            try:
                one(item.strip())
            except ValueError as error:
                raise ValueError(f"{error} (several separated by commas)") from None
        return raw

    return parse


def database_url(raw: str) -> str:
    import dj_database_url

    try:
        config = dj_database_url.parse(raw)
    except ValueError:
        raise ValueError(
            "a database URL such as postgres://user:password@host:5432/name or sqlite:////path/to/file"
        ) from None
    if not config.get("NAME"):
        raise ValueError("a database URL that names the database")
    return raw


def email_address(display_name: bool = False) -> Callable[[str], str]:
    expected = "an e-mail address" + (
        " (optionally with a name: 'framsteg <noreply@example.se>')" if display_name else ""
    )

    def parse(raw: str) -> str:
        address = parseaddr(raw)[1] if display_name else raw
        if not address or address not in raw:
            raise ValueError(expected)
        try:
            validate_email(address)
        except ValidationError:
            raise ValueError(expected) from None
        return raw

    return parse


def iso_date(raw: str) -> str:
    """A date written YYYY-MM-DD, kept as text."""
    try:
        date.fromisoformat(raw)
    except ValueError:
        raise ValueError("a date written YYYY-MM-DD") from None
    if len(raw) != 10:
        raise ValueError("a date written YYYY-MM-DD")
    return raw


def rate(raw: str) -> str:
    try:
        parse_rate(raw)
    except ImproperlyConfigured:
        raise ValueError(RATE_SYNTAX) from None
    return raw


def choice(*options: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if raw.upper() not in options:
            raise ValueError("one of " + ", ".join(options))
        return raw.upper()

    return parse


def lower_choice(*options: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if raw.lower() not in options:
            raise ValueError("one of " + ", ".join(options))
        return raw.lower()

    return parse


def dotted_path(raw: str) -> str:
    if not re.fullmatch(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)+", raw):
        raise ValueError("a Python dotted path such as django.core.mail.backends.smtp.EmailBackend")
    return raw


def digits(count: int) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if not re.fullmatch(rf"\d{{{count}}}", raw):
            raise ValueError(f"{count} digits")
        return raw

    return parse


def tile_url(raw: str) -> str:
    expected = "an https:// or http:// address of map tiles with {z}, {x} and {y}"
    try:
        url("https", "http")(raw.replace("{s}", "a"))
    except ValueError:
        raise ValueError(expected) from None
    if not all(part in raw for part in ("{z}", "{x}", "{y}")):
        raise ValueError(expected)
    return raw


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    parse: Callable[[str], Any]
    meaning: str
    # How the README states the default when it is not a plain value (it depends on the mode, say).
    shown_default: str = ""
    # Values never repeated in messages.
    secret: bool = False
    # An empty value means "empty" rather than "the default".
    allow_empty: bool = False

    def readme_default(self) -> str:
        if self.shown_default:
            return self.shown_default
        if isinstance(self.default, bool):
            return "on" if self.default else "off"
        if self.default in (None, ""):
            return "none"
        if isinstance(self.default, int):
            return str(self.default)
        return f"`{self.default}`"


SETTINGS: dict[str, Setting] = {
    setting.name: setting
    for setting in [
        # Mode and security
        Setting(
            "FRAMSTEG_PRODUCTION",
            False,
            boolean,
            "production mode: requires a secret key, host names, a database and the site's address, "
            "debug off",
        ),
        Setting(
            "FRAMSTEG_DEBUG",
            True,
            boolean,
            "Django's debug pages; must be off in production",
            shown_default="on in development, off in production",
        ),
        Setting(
            "FRAMSTEG_SECRET_KEY",
            "",
            one_line,
            "at least 40 random characters in production",
            shown_default="a development key",
            secret=True,
        ),
        Setting(
            "FRAMSTEG_ALLOWED_HOSTS",
            [],
            host_names,
            "comma-separated host names the site answers to",
            shown_default="`127.0.0.1`, `localhost`, `[::1]` and the site's host in development; "
            "none in production",
        ),
        Setting(
            "FRAMSTEG_SSL_REDIRECT",
            True,
            boolean,
            "production: redirect plain HTTP to HTTPS (turn off only when the proxy in front does it)",
        ),
        Setting(
            "FRAMSTEG_HSTS_SECONDS",
            31_536_000,
            integer(0, 63_072_000, "seconds"),
            "production: how long browsers keep to HTTPS (Strict-Transport-Security); 0 turns it off",
        ),
        # Storage
        Setting(
            "DATABASE_URL",
            "",
            database_url,
            "the database, e.g. `postgres://user:password@host:5432/framsteg`; required in production",
            shown_default="SQLite file `var/framsteg.sqlite3`",
            secret=True,
        ),
        Setting(
            "FRAMSTEG_DB_CONN_MAX_AGE",
            60,
            integer(0, 86_400, "seconds"),
            "seconds a database connection is kept open for the next request; 0 closes it after each",
        ),
        Setting(
            "FRAMSTEG_VAR_DIR",
            "",
            one_line,
            "database file, uploads, collected static files, pending imports",
            shown_default="`var/`",
        ),
        Setting(
            "FRAMSTEG_REDIS_URL",
            "",
            url_list("redis", "rediss", "unix"),
            "the cache the rate limits count in (`redis://host:6379/0`); without it each process "
            "counts alone",
        ),
        Setting(
            "FRAMSTEG_LOG_LEVEL",
            "WARNING",
            choice("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"),
            "how much is logged to standard error",
        ),
        # The municipality and its data
        Setting("FRAMSTEG_MUNICIPALITY_NAME", "Botkyrka kommun", one_line, "shown in the header"),
        Setting(
            "FRAMSTEG_MUNICIPALITY_CODE",
            "0127",
            digits(4),
            "the municipality's four-digit code (Kolada's and Open311's jurisdiction)",
        ),
        Setting(
            "KOLADA_API_URL",
            "https://api.kolada.se/v3",
            url("https", "http"),
            "where indicator values are fetched from",
        ),
        Setting(
            "FRAMSTEG_GOAL_ROLLUP_RULE",
            "least_favourable",
            lower_choice("least_favourable", "share_on_track"),
            "how goals' judgements roll up the goal tree: `least_favourable` (the least favourable judged "
            "child) or `share_on_track` (met when at least the threshold's share of judged children is met)",
        ),
        Setting(
            "FRAMSTEG_GOAL_ROLLUP_THRESHOLD",
            75,
            integer(1, 100, "percent"),
            "for `share_on_track`: the share of judged children, in percent, that must be met",
        ),
        # Links and e-mail
        Setting(
            "FRAMSTEG_SITE_URL",
            "http://127.0.0.1:8000",
            url("https", "http", path=False),
            "the site's public address for links in e-mails; required in production",
            shown_default="the address `runserver` serves (`http://127.0.0.1:8000`)",
        ),
        Setting(
            "FRAMSTEG_EMAIL_BACKEND",
            "",
            dotted_path,
            "Django's e-mail backend",
            shown_default="SMTP when `FRAMSTEG_EMAIL_HOST` is set, otherwise the console",
        ),
        Setting("FRAMSTEG_EMAIL_HOST", "", host_name, "the SMTP server for answers and reminders"),
        Setting("FRAMSTEG_EMAIL_PORT", 587, integer(1, 65_535), "the SMTP server's port"),
        Setting("FRAMSTEG_EMAIL_USER", "", one_line, "the SMTP user name"),
        Setting("FRAMSTEG_EMAIL_PASSWORD", "", one_line, "the SMTP password", secret=True),
        Setting("FRAMSTEG_EMAIL_TLS", True, boolean, "STARTTLS to the SMTP server"),
        Setting(
            "FRAMSTEG_FROM_EMAIL",
            "framsteg <noreply@botkyrka.se>",
            email_address(display_name=True),
            "the sender of answers and reminders",
        ),
        # Staff accounts
        Setting(
            "FRAMSTEG_LOGIN_MAX_FAILURES",
            5,
            integer(1, 100),
            "failed log-ins for one user name within the window before it is locked",
        ),
        Setting(
            "FRAMSTEG_LOGIN_ADDRESS_MAX_FAILURES",
            20,
            integer(1, 10_000),
            "failed log-ins from one address within the window before it is locked",
        ),
        Setting(
            "FRAMSTEG_LOGIN_FAILURE_WINDOW_MINUTES",
            15,
            integer(1, 1440, "minutes"),
            "the window failed log-ins are counted in, in minutes",
        ),
        Setting(
            "FRAMSTEG_LOGIN_LOCK_MINUTES",
            15,
            integer(1, 1440, "minutes"),
            "how long log-in stays locked, in minutes (an administrator can unlock earlier)",
        ),
        Setting(
            "FRAMSTEG_SESSION_IDLE_MINUTES",
            30,
            integer(1, 1440, "minutes"),
            "minutes without a request before a session ends",
        ),
        Setting(
            "FRAMSTEG_SESSION_MAX_HOURS",
            10,
            integer(1, 720, "hours"),
            "hours after log-in when a session ends whatever happens",
        ),
        # The audit log
        Setting(
            "FRAMSTEG_AUDIT_RETENTION_DAYS",
            730,
            integer(1, 3650, "days"),
            "days the audit log is kept; `remove-expired-audit-entries` removes older entries",
        ),
        # Dialogue: residents' reports
        Setting(
            "FRAMSTEG_DIALOGUE_RETENTION_DAYS",
            90,
            integer(0, 3650, "days"),
            "days after closing before contact details and photos are removed",
        ),
        Setting(
            "FRAMSTEG_DIALOGUE_RATE_LIMIT",
            "20/h",
            rate,
            "reports accepted per address, as count/period with period s, m, h or d (`0` turns it off)",
        ),
        Setting(
            "FRAMSTEG_DIALOGUE_API_RATE_LIMIT",
            "600/h",
            rate,
            "reports accepted per Open311 API key (count/period)",
        ),
        Setting(
            "FRAMSTEG_SITUATION_API_RATE_LIMIT",
            "600/h",
            rate,
            "requests accepted per partner's API key to the situation picture's API (count/period)",
        ),
        Setting(
            "FRAMSTEG_DIALOGUE_PHOTO_MAX_BYTES",
            8 * MB,
            integer(1024, 100 * MB, "bytes"),
            "largest photo accepted, in bytes (8 MB)",
        ),
        Setting(
            "FRAMSTEG_DIALOGUE_PHOTO_MAX_PIXELS",
            40_000_000,
            integer(1_000, 500_000_000, "pixels"),
            "largest photo accepted, in pixels (width × height)",
        ),
        Setting(
            "FRAMSTEG_DIALOGUE_IDEMPOTENCY_HOURS",
            48,
            integer(1, 8760, "hours"),
            "hours a report's idempotency key (Open311 `Idempotency-Key`, the web form's one-time token) is "
            "kept, so that a retry returns the first report instead of a second",
        ),
        Setting(
            "FRAMSTEG_DIALOGUE_PHOTOS_PER_CASE",
            3,
            integer(0, 20),
            "photos a case can hold, with the report and added later",
        ),
        Setting(
            "FRAMSTEG_DIALOGUE_SAFETY_ADDRESS",
            "trygghet@botkyrka.se",
            email_address(),
            "where residents write about safety; mail to it becomes safety reports (empty: none)",
            allow_empty=True,
        ),
        # Following the plan by e-mail
        Setting(
            "FRAMSTEG_FOLLOWING_RATE_LIMIT",
            "10/h",
            rate,
            "sign-ups to follow the plan by e-mail accepted per address (count/period)",
        ),
        Setting(
            "FRAMSTEG_FOLLOWING_UNCONFIRMED_HOURS",
            48,
            integer(1, 720, "hours"),
            "hours an address that was never confirmed is kept before `send-following-emails` removes it",
        ),
        # The privacy notice and the accessibility statement
        Setting(
            "FRAMSTEG_PRIVACY_CONTROLLER",
            "",
            one_line,
            "the personuppgiftsansvarig named in the privacy notice "
            "(e.g. the committee that owns the service)",
            shown_default="the municipality's name",
        ),
        Setting(
            "FRAMSTEG_PRIVACY_EMAIL",
            "",
            email_address(),
            "where residents ask about their personal data; shown in the privacy notice (empty: not shown)",
            allow_empty=True,
        ),
        Setting(
            "FRAMSTEG_DPO_EMAIL",
            "",
            email_address(),
            "the data protection officer's address, shown in the privacy notice (empty: not shown)",
            allow_empty=True,
        ),
        Setting(
            "FRAMSTEG_ACCESSIBILITY_EMAIL",
            "",
            email_address(),
            "where to report accessibility shortcomings, shown in the accessibility statement "
            "(empty: the site's feedback form only)",
            allow_empty=True,
        ),
        Setting(
            "FRAMSTEG_ACCESSIBILITY_REVIEWED",
            "2026-12-07",
            iso_date,
            "the date of the last accessibility review, shown in the accessibility statement (YYYY-MM-DD)",
        ),
        Setting(
            "FRAMSTEG_ACCESSIBILITY_STATEMENT_DATE",
            "2026-12-07",
            iso_date,
            "the date the accessibility statement was written or last updated (YYYY-MM-DD)",
        ),
        # Maps
        Setting(
            "FRAMSTEG_MAP_TILE_URL",
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            tile_url,
            "the map tiles under the report maps, with {z}, {x}, {y} (and {s} for subdomains a, b, c); "
            "empty: no tiles, the areas drawn on a plain background",
            allow_empty=True,
        ),
        Setting(
            "FRAMSTEG_MAP_ATTRIBUTION",
            "© OpenStreetMap contributors",
            one_line,
            "the credit the tiles' licence asks for, shown on every map with tiles",
            allow_empty=True,
        ),
        Setting(
            "FRAMSTEG_MAP_ATTRIBUTION_URL",
            "https://www.openstreetmap.org/copyright",
            url("https", "http"),
            "where the credit links to (empty: no link)",
            allow_empty=True,
        ),
        Setting(
            "FRAMSTEG_SAFETY_MAIL_AUTHSERV_ID",
            "",
            one_line,
            "the authserv-id(s), comma-separated, with which the mail server delivering the safety mailbox "
            "records sender authentication (`Authentication-Results`); only senders it verified are "
            "confirmed or added to existing cases (empty: nobody is)",
        ),
        Setting(
            "FRAMSTEG_SAFETY_IMAP_PASSWORD",
            "",
            text,
            "the password for `read-safety-mail --imap` when the address does not hold one",
            secret=True,
        ),
    ]
}


@dataclass(frozen=True)
class Problem:
    """A setting that stops framsteg from starting: the variable's name and what is wrong."""

    name: str
    message: str

    def __str__(self) -> str:
        return f"{self.name}: {self.message}"


@dataclass
class Environment:
    """Reads settings from the environment; collects problems instead of raising."""

    # Never shown (`framsteg diffsettings` prints settings): the environment holds secrets.
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ, repr=False)
    problems: list[Problem] = field(default_factory=list)
    read: set[str] = field(default_factory=set, repr=False)

    def get(self, name: str, default: Any = ...) -> Any:
        setting = SETTINGS[name]
        self.read.add(name)
        fallback = setting.default if default is ... else default
        raw = (self.environ.get(name) or "").strip()
        if not raw:
            return "" if name in self.environ and setting.allow_empty else fallback
        try:
            return setting.parse(raw)
        except ValueError as error:
            shown = "the value given" if setting.secret else repr(raw)
            self.problems.append(Problem(name, f"{shown} is not valid; expected {error}."))
            return fallback

    def is_given(self, name: str) -> bool:
        """Whether the environment gives `name` a value (whether or not it has been read yet)."""
        if SETTINGS[name].allow_empty:
            return name in self.environ
        return bool((self.environ.get(name) or "").strip())

    def demand(self, condition: bool, name: str, message: str) -> None:
        """Note a problem with `name` unless `condition` holds."""
        if not condition:
            self.problems.append(Problem(name, message))

    def check_the_rest(self) -> None:
        """Check the registered settings not read so far (read elsewhere, or only in another mode)."""
        for name in SETTINGS.keys() - self.read:
            self.get(name)

    def demand_production(self, *, debug: bool, secret_key: str, allowed_hosts: list[str]) -> None:
        """What production mode requires: debug off, a real secret key, host names, a database, an address."""
        self.demand(not debug, "FRAMSTEG_DEBUG", "must be off in production.")
        self.demand(
            len(secret_key) >= 40 and not secret_key.startswith("django-insecure"),
            "FRAMSTEG_SECRET_KEY",
            "must be set to a random value of at least 40 characters in production.",
        )
        self.demand(
            bool(allowed_hosts), "FRAMSTEG_ALLOWED_HOSTS", "must name the site's host names in production."
        )
        self.demand(self.is_given("DATABASE_URL"), "DATABASE_URL", "must point to the production database.")
        self.demand(
            self.is_given("FRAMSTEG_SITE_URL"),
            "FRAMSTEG_SITE_URL",
            "must be the site's public address in production (links in e-mails use it).",
        )
