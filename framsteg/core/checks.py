"""System checks for the configuration: every problem with a setting stops the start, naming the setting.

The settings are read and validated in `settings.py` through `framsteg.core.config`; what was wrong is
reported here, so `framsteg check` (and `check --deploy`), `runserver`, every management command that runs
the checks, and the WSGI start (`refuse_to_start_on_errors`) stop with the same messages.
"""

from __future__ import annotations

import sys
from typing import TextIO

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

from framsteg.core.config import SETTINGS

# gunicorn stops (rather than restarting the worker again and again) when a worker exits with this status.
APPLICATION_LOAD_ERROR = 4


def configuration(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """One error for every setting the environment got wrong (syntax, range, production requirement)."""
    environment = getattr(settings, "CONFIGURATION", None)
    errors = []
    for problem in getattr(environment, "problems", []):
        setting = SETTINGS.get(problem.name)
        errors.append(
            checks.Error(
                problem.message,
                hint=setting.meaning if setting else None,
                obj=problem.name,
                id="framsteg.E001",
            )
        )
    return errors


def email_backend(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    try:
        import_string(settings.EMAIL_BACKEND)
    except ImportError:
        return [
            checks.Error(
                f"{settings.EMAIL_BACKEND!r} cannot be imported.",
                hint=SETTINGS["FRAMSTEG_EMAIL_BACKEND"].meaning,
                obj="FRAMSTEG_EMAIL_BACKEND",
                id="framsteg.E002",
            )
        ]
    return []


def register() -> None:
    checks.register(configuration)
    checks.register(email_backend)


def refuse_to_start_on_errors(stream: TextIO | None = None) -> None:
    """Run the system checks once; print the errors and exit when there are any.

    For the WSGI entry point: a server must not start, and answer the first resident with a 500, when the
    configuration is wrong.
    """
    messages = checks.run_checks(include_deployment_checks=getattr(settings, "PRODUCTION", False))
    errors = [message for message in messages if message.is_serious() and not message.is_silenced()]
    if errors:
        print(
            "framsteg refuses to start:\n" + "\n".join(f"  {error}" for error in errors),
            file=stream or sys.stderr,
            flush=True,
        )
        raise SystemExit(APPLICATION_LOAD_ERROR)
