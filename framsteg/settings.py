"""Settings read from the environment, with safe defaults for a developer's machine.

Development (the default) uses a SQLite file under ``var/`` and a throw-away secret key. Production is
switched on with ``FRAMSTEG_PRODUCTION=1``; then the secret key, allowed hosts, database and site address
must be given and debug must be off.

Every variable is read through ``env`` (the registry is ``framsteg.core.config``, the README's configuration
table lists the same). A wrong or missing value never raises here: it is collected in ``env.problems`` and
the system checks report it, so ``framsteg check``, ``runserver`` and the WSGI start refuse to run with a
message naming the variable.
"""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

from framsteg.core import static_packages
from framsteg.core.config import Environment

BASE_DIR = Path(__file__).resolve().parent.parent

env = Environment()
CONFIGURATION = env

PRODUCTION = env.get("FRAMSTEG_PRODUCTION")
DEBUG = env.get("FRAMSTEG_DEBUG", not PRODUCTION)
SECRET_KEY = env.get("FRAMSTEG_SECRET_KEY")
# The public address of the site, for links in e-mails (no request is at hand when a reminder is sent). In
# development `runserver` sets it to the address it serves unless FRAMSTEG_SITE_URL is given.
SITE_URL = env.get("FRAMSTEG_SITE_URL").rstrip("/")
ALLOWED_HOSTS = env.get(
    "FRAMSTEG_ALLOWED_HOSTS",
    []
    if PRODUCTION
    else list(dict.fromkeys(["127.0.0.1", "localhost", "[::1]", urlsplit(SITE_URL).hostname or "localhost"])),
)
VAR_DIR = Path(env.get("FRAMSTEG_VAR_DIR") or BASE_DIR / "var")

if PRODUCTION:
    env.demand_production(debug=DEBUG, secret_key=SECRET_KEY, allowed_hosts=ALLOWED_HOSTS)
else:
    SECRET_KEY = SECRET_KEY or "django-insecure-development-only-" + "x" * 20
    try:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        env.demand(False, "FRAMSTEG_VAR_DIR", f"{str(VAR_DIR)!r} cannot be created ({error.strerror}).")

INSTALLED_APPS = [
    # First, so that its `runserver` (following the served address) takes the place of Django's.
    "framsteg.core",
    "framsteg.core.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "framsteg.audit",
    "framsteg.places",
    "framsteg.organisations",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "framsteg.accounts",
    "framsteg.steering",
    "framsteg.budget",
    "framsteg.indicators",
    "framsteg.dialogue",
    "framsteg.situation",
    "framsteg.following",
    "framsteg.reports",
    "framsteg.api",
    "framsteg.demo",
    # For the API documentation's Swagger UI, served from the package's own static files (never a CDN).
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "framsteg.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above everything that may use the database (sessions, authentication, messages): an unreachable
    # database becomes a 503 with Retry-After, never a 500 (framsteg.core.outage).
    "framsteg.core.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "framsteg.dialogue.middleware.RequestSizeLimitMiddleware",
    "framsteg.core.middleware.InvalidCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "framsteg.audit.context.AuditOriginMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "framsteg.accounts.middleware.AccountSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "framsteg.urls"
WSGI_APPLICATION = "framsteg.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "framsteg.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'framsteg.sqlite3'}",
        conn_max_age=env.get("FRAMSTEG_DB_CONN_MAX_AGE"),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (`include=`) serve PostgreSQL, the production database; SQLite builds the index without
# the extra columns, which changes nothing but speed, so its warning about them is not shown on every command.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "framsteg.core.backends.AdministratorBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "framsteg.accounts.passwords.CommonSwedishPasswordValidator"},
]
LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "public:home"
LOGOUT_URL = "staff:logout"  # the staff menu's log-out button posts here

# Staff accounts. After LOGIN_MAX_FAILURES failed log-ins for one user name (or LOGIN_ADDRESS_MAX_FAILURES
# from one address) within LOGIN_FAILURE_WINDOW_MINUTES, log-in is refused for LOGIN_LOCK_MINUTES; an
# administrator can unlock earlier.
LOGIN_MAX_FAILURES = env.get("FRAMSTEG_LOGIN_MAX_FAILURES")
LOGIN_ADDRESS_MAX_FAILURES = env.get("FRAMSTEG_LOGIN_ADDRESS_MAX_FAILURES")
LOGIN_FAILURE_WINDOW_MINUTES = env.get("FRAMSTEG_LOGIN_FAILURE_WINDOW_MINUTES")
LOGIN_LOCK_MINUTES = env.get("FRAMSTEG_LOGIN_LOCK_MINUTES")
# A session ends after this long without a request, and after this long whatever happens.
SESSION_IDLE_MINUTES = env.get("FRAMSTEG_SESSION_IDLE_MINUTES")
SESSION_MAX_HOURS = env.get("FRAMSTEG_SESSION_MAX_HOURS")
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600

LANGUAGE_CODE = "sv"
# Swedish first; Finnish because Botkyrka is a Finnish administrative area; Arabic and Somali for residents'
# reports (the rest of the site falls back to English in those two until it is translated).
LANGUAGES = [("sv", "Svenska"), ("en", "English"), ("fi", "Suomi"), ("ar", "العربية"), ("so", "Soomaali")]
# Django knows no Somali of its own.
LANG_INFO.setdefault("so", {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"})
LOCALE_PATHS = [BASE_DIR / "framsteg" / "locale"]
# Formats for the languages Django has none for (Somali).
FORMAT_MODULE_PATH = ["framsteg.formats"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# JavaScript libraries from the npm registry, unpacked by `make install` (framsteg.core.static_packages).
# Without them (offline at install) the directory is missing and pages fall back to what works without them.
STATICFILES_DIRS = (
    [(static_packages.STATIC_PREFIX, static_packages.VENDOR_DIR)]
    if static_packages.VENDOR_DIR.is_dir()
    else []
)
if not PRODUCTION and VAR_DIR.is_dir():
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it; collectstatic fills it
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Every cookie the site sets (session, CSRF, language; the messages cookie follows the session's) is sent
# only over HTTPS in production, is never readable by scripts and is never sent with requests from other
# sites' pages or forms (SameSite=Lax keeps a link from an e-mail working). Content-Security-Policy and
# Permissions-Policy: framsteg.core.middleware.
SESSION_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A form sent without its token gets the 403 page in the visitor's language, saying what to do.
CSRF_FAILURE_VIEW = "framsteg.core.errors.csrf_failure"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.get("FRAMSTEG_SSL_REDIRECT")
    SECURE_HSTS_SECONDS = env.get("FRAMSTEG_HSTS_SECONDS")

MUNICIPALITY_NAME = env.get("FRAMSTEG_MUNICIPALITY_NAME")
MUNICIPALITY_CODE = env.get("FRAMSTEG_MUNICIPALITY_CODE")
# The name authenticator apps show beside the second factor's codes.
OTP_TOTP_ISSUER = f"framsteg {MUNICIPALITY_NAME}"
KOLADA_API_URL = env.get("KOLADA_API_URL")
GOAL_ROLLUP_RULE = env.get("FRAMSTEG_GOAL_ROLLUP_RULE")
GOAL_ROLLUP_THRESHOLD = env.get("FRAMSTEG_GOAL_ROLLUP_THRESHOLD")

# Background work (the Kolada sync) runs through the django-tasks API; the database backend needs no broker.
# A worker runs queued tasks: `framsteg db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SITE_NAME = _("framsteg")

# E-mail: answers to residents and reminders to the responsible organisations. Development prints messages
# on the console; production sends through the SMTP server named here.
EMAIL_HOST = env.get("FRAMSTEG_EMAIL_HOST")
EMAIL_BACKEND = env.get(
    "FRAMSTEG_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = EMAIL_HOST or "localhost"
EMAIL_PORT = env.get("FRAMSTEG_EMAIL_PORT")
EMAIL_HOST_USER = env.get("FRAMSTEG_EMAIL_USER")
EMAIL_HOST_PASSWORD = env.get("FRAMSTEG_EMAIL_PASSWORD")
EMAIL_USE_TLS = env.get("FRAMSTEG_EMAIL_TLS")
DEFAULT_FROM_EMAIL = env.get("FRAMSTEG_FROM_EMAIL")

# Rate limits and throttles share this cache. Give FRAMSTEG_REDIS_URL in production so that every worker
# process counts together; without it each process counts on its own.
if REDIS_URL := env.get("FRAMSTEG_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Fail fast when Redis is unreachable: the rate limits then count in each process
            # (framsteg.dialogue.ratelimit) rather than keep a resident's report waiting.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Dialogue: residents' reports.
# Days after a case is closed before the resident's contact details and photos are removed.
DIALOGUE_RETENTION_DAYS = env.get("FRAMSTEG_DIALOGUE_RETENTION_DAYS")
# The audit log (who changed what, who read residents' personal data) is kept two years by default: long
# enough for a resident's request to see who read their case, for a complaint to the Parliamentary
# Ombudsman (JO, which as a rule takes up nothing older than two years) and for IMY's supervision, and no
# longer, since the log itself holds personal data about staff. `remove-expired-audit-entries` removes older
# entries.
AUDIT_RETENTION_DAYS = env.get("FRAMSTEG_AUDIT_RETENTION_DAYS")
DIALOGUE_PHOTO_MAX_BYTES = env.get("FRAMSTEG_DIALOGUE_PHOTO_MAX_BYTES")
DIALOGUE_PHOTO_MAX_PIXELS = env.get("FRAMSTEG_DIALOGUE_PHOTO_MAX_PIXELS")
DIALOGUE_PHOTOS_PER_CASE = env.get("FRAMSTEG_DIALOGUE_PHOTOS_PER_CASE")
# Hours a report's idempotency key is kept (framsteg.dialogue.services.idempotency).
DIALOGUE_IDEMPOTENCY_HOURS = env.get("FRAMSTEG_DIALOGUE_IDEMPOTENCY_HOURS")
# Reports accepted from one address, as "count/period" with period s, m, h or d; "0" turns the limit off.
DIALOGUE_RATE_LIMIT = env.get("FRAMSTEG_DIALOGUE_RATE_LIMIT")
# Reports accepted per Open311 API key.
DIALOGUE_API_RATE_LIMIT = env.get("FRAMSTEG_DIALOGUE_API_RATE_LIMIT")
# Requests accepted per partner's API key to the situation picture's API.
SITUATION_API_RATE_LIMIT = env.get("FRAMSTEG_SITUATION_API_RATE_LIMIT")
# The address residents write to about safety in their district; mail to it becomes safety reports.
DIALOGUE_SAFETY_ADDRESS = env.get("FRAMSTEG_DIALOGUE_SAFETY_ADDRESS")
# The authserv-id(s) of our own mail server in Authentication-Results headers: whose results about the
# sender are trusted (framsteg.dialogue.mail.authentication).
SAFETY_MAIL_AUTHSERV_ID = env.get("FRAMSTEG_SAFETY_MAIL_AUTHSERV_ID")

# Following the plan by e-mail (framsteg.following): sign-ups per address, and how long an address that was
# never confirmed is kept.
FOLLOWING_RATE_LIMIT = env.get("FRAMSTEG_FOLLOWING_RATE_LIMIT")
FOLLOWING_UNCONFIRMED_HOURS = env.get("FRAMSTEG_FOLLOWING_UNCONFIRMED_HOURS")

# The privacy notice and the accessibility statement: who answers for residents' personal data, and where
# to write about it or about accessibility; the dates the statement shows.
PRIVACY_CONTROLLER = env.get("FRAMSTEG_PRIVACY_CONTROLLER") or MUNICIPALITY_NAME
PRIVACY_EMAIL = env.get("FRAMSTEG_PRIVACY_EMAIL")
DPO_EMAIL = env.get("FRAMSTEG_DPO_EMAIL")
ACCESSIBILITY_EMAIL = env.get("FRAMSTEG_ACCESSIBILITY_EMAIL")
ACCESSIBILITY_REVIEWED = env.get("FRAMSTEG_ACCESSIBILITY_REVIEWED")
ACCESSIBILITY_STATEMENT_DATE = env.get("FRAMSTEG_ACCESSIBILITY_STATEMENT_DATE")

# The street maps of reports (framsteg.core.maps): tiles, and the credit their licence asks for.
MAP_TILE_URL = env.get("FRAMSTEG_MAP_TILE_URL")
MAP_ATTRIBUTION = env.get("FRAMSTEG_MAP_ATTRIBUTION")
MAP_ATTRIBUTION_URL = env.get("FRAMSTEG_MAP_ATTRIBUTION_URL")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("FRAMSTEG_LOG_LEVEL")},
}

# Settings read elsewhere (or only in production) are checked all the same.
env.check_the_rest()
