"""Settings read from the environment, with safe defaults for a developer's machine.

Development (the default) uses a SQLite file under ``var/`` and a throw-away secret key. Production is
switched on with ``FRAMSTEG_PRODUCTION=1``; then the secret key and allowed hosts must be given and debug
must be off, otherwise start-up stops with a message that says what to set.
"""

import os
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}.")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name, "")
    return [item.strip() for item in raw.split(",") if item.strip()] or default


PRODUCTION = env_bool("FRAMSTEG_PRODUCTION", False)
DEBUG = env_bool("FRAMSTEG_DEBUG", not PRODUCTION)
SECRET_KEY = os.environ.get("FRAMSTEG_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("FRAMSTEG_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
VAR_DIR = Path(os.environ.get("FRAMSTEG_VAR_DIR", BASE_DIR / "var"))

if PRODUCTION:
    problems = []
    if DEBUG:
        problems.append("FRAMSTEG_DEBUG must be off")
    if len(SECRET_KEY) < 40 or SECRET_KEY.startswith("django-insecure"):
        problems.append("FRAMSTEG_SECRET_KEY must be set to a random value of at least 40 characters")
    if not ALLOWED_HOSTS:
        problems.append("FRAMSTEG_ALLOWED_HOSTS must name the site's host names")
    if not os.environ.get("DATABASE_URL"):
        problems.append("DATABASE_URL must point to the production database")
    if problems:
        raise ImproperlyConfigured(
            "framsteg refuses to start in production mode: " + "; ".join(problems) + "."
        )
else:
    SECRET_KEY = SECRET_KEY or "django-insecure-development-only-" + "x" * 20
    VAR_DIR.mkdir(parents=True, exist_ok=True)

INSTALLED_APPS = [
    "framsteg.core.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "framsteg.core",
    "framsteg.audit",
    "framsteg.places",
    "framsteg.organisations",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "framsteg.accounts",
    "framsteg.steering",
    "framsteg.indicators",
    "framsteg.dialogue",
    "framsteg.api",
    "framsteg.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "framsteg.dialogue.middleware.RequestSizeLimitMiddleware",
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
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'framsteg.sqlite3'}",
        conn_max_age=int(os.environ.get("FRAMSTEG_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
LOGIN_MAX_FAILURES = int(os.environ.get("FRAMSTEG_LOGIN_MAX_FAILURES", "5"))
LOGIN_ADDRESS_MAX_FAILURES = int(os.environ.get("FRAMSTEG_LOGIN_ADDRESS_MAX_FAILURES", "20"))
LOGIN_FAILURE_WINDOW_MINUTES = int(os.environ.get("FRAMSTEG_LOGIN_FAILURE_WINDOW_MINUTES", "15"))
LOGIN_LOCK_MINUTES = int(os.environ.get("FRAMSTEG_LOGIN_LOCK_MINUTES", "15"))
# A session ends after this long without a request, and after this long whatever happens.
SESSION_IDLE_MINUTES = int(os.environ.get("FRAMSTEG_SESSION_IDLE_MINUTES", "30"))
SESSION_MAX_HOURS = int(os.environ.get("FRAMSTEG_SESSION_MAX_HOURS", "10"))
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600

LANGUAGE_CODE = "sv"
# Swedish first; Finnish because Botkyrka is a Finnish administrative area; Arabic and Somali for residents'
# reports (the rest of the site falls back to English in those two until it is translated).
LANGUAGES = [("sv", "Svenska"), ("en", "English"), ("fi", "Suomi"), ("ar", "العربية"), ("so", "Soomaali")]
# Django knows no Somali of its own.
LANG_INFO.setdefault("so", {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"})
LOCALE_PATHS = [BASE_DIR / "framsteg" / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
if not PRODUCTION:
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

SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("FRAMSTEG_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("FRAMSTEG_HSTS_SECONDS", "31536000"))

MUNICIPALITY_NAME = os.environ.get("FRAMSTEG_MUNICIPALITY_NAME", "Botkyrka kommun")
MUNICIPALITY_CODE = os.environ.get("FRAMSTEG_MUNICIPALITY_CODE", "0127")
# The name authenticator apps show beside the second factor's codes.
OTP_TOTP_ISSUER = f"framsteg {MUNICIPALITY_NAME}"
KOLADA_API_URL = os.environ.get("KOLADA_API_URL", "https://api.kolada.se/v3")

# Background work (the Kolada sync) runs through the django-tasks API; the database backend needs no broker.
# A worker runs queued tasks: `framsteg db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SITE_NAME = _("framsteg")

# E-mail: answers to residents and reminders to the responsible organisations. Development prints messages
# on the console; production sends through the SMTP server named here.
EMAIL_BACKEND = os.environ.get(
    "FRAMSTEG_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("FRAMSTEG_EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("FRAMSTEG_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("FRAMSTEG_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("FRAMSTEG_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("FRAMSTEG_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("FRAMSTEG_EMAIL_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("FRAMSTEG_FROM_EMAIL", "framsteg <noreply@botkyrka.se>")
# The public address of the site, for links in e-mails (no request is at hand when a reminder is sent).
SITE_URL = os.environ.get("FRAMSTEG_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Rate limits and throttles share this cache. Give FRAMSTEG_REDIS_URL in production so that every worker
# process counts together; without it each process counts on its own.
if os.environ.get("FRAMSTEG_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["FRAMSTEG_REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Dialogue: residents' reports.
# Days after a case is closed before the resident's contact details and photos are removed.
DIALOGUE_RETENTION_DAYS = int(os.environ.get("FRAMSTEG_DIALOGUE_RETENTION_DAYS", "90"))
# The audit log (who changed what, who read residents' personal data) is kept two years by default: long
# enough for a resident's request to see who read their case, for a complaint to the Parliamentary
# Ombudsman (JO, which as a rule takes up nothing older than two years) and for IMY's supervision, and no
# longer, since the log itself holds personal data about staff. `remove-expired-audit-entries` removes older
# entries.
AUDIT_RETENTION_DAYS = int(os.environ.get("FRAMSTEG_AUDIT_RETENTION_DAYS", "730"))
DIALOGUE_PHOTO_MAX_BYTES = int(os.environ.get("FRAMSTEG_DIALOGUE_PHOTO_MAX_BYTES", str(8 * 1024 * 1024)))
DIALOGUE_PHOTO_MAX_PIXELS = int(os.environ.get("FRAMSTEG_DIALOGUE_PHOTO_MAX_PIXELS", str(40_000_000)))
DIALOGUE_PHOTOS_PER_CASE = int(os.environ.get("FRAMSTEG_DIALOGUE_PHOTOS_PER_CASE", "3"))
# Reports accepted from one address, as "count/period" with period s, m, h or d; "0" turns the limit off.
DIALOGUE_RATE_LIMIT = os.environ.get("FRAMSTEG_DIALOGUE_RATE_LIMIT", "20/h")
# Reports accepted per Open311 API key.
DIALOGUE_API_RATE_LIMIT = os.environ.get("FRAMSTEG_DIALOGUE_API_RATE_LIMIT", "600/h")
# The address residents write to about safety in their district; mail to it becomes safety reports.
DIALOGUE_SAFETY_ADDRESS = os.environ.get("FRAMSTEG_DIALOGUE_SAFETY_ADDRESS", "trygghet@botkyrka.se")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("FRAMSTEG_LOG_LEVEL", "WARNING")},
}
