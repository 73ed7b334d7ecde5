"""Background work for residents' cases, run by django-tasks.

Scheduling: a worker runs queued tasks (``framsteg db_worker``), and a daily cron job or systemd timer queues
the jobs, e.g. ``0 7 * * * framsteg send-case-reminders --enqueue`` and
``30 2 * * * framsteg remove-expired-personal-data --enqueue``. Both jobs are idempotent, so a job that runs
twice does no harm.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django_tasks import task

from framsteg.dialogue.services.reminders import send_case_reminders
from framsteg.dialogue.services.retention import remove_expired_personal_data


@task()
def send_case_reminders_task(on: str | None = None, dry_run: bool = False) -> dict[str, Any]:
    """The same as ``framsteg send-case-reminders``; `on` (YYYY-MM-DD) forces a date, even a day off."""
    day = date.fromisoformat(on) if on else None
    return send_case_reminders(today=day, force=day is not None, dry_run=dry_run).as_dict()


@task()
def remove_expired_personal_data_task(dry_run: bool = False) -> dict[str, Any]:
    """The same as ``framsteg remove-expired-personal-data``; the result holds counts only."""
    return remove_expired_personal_data(dry_run=dry_run).as_dict()
