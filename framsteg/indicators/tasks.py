"""Background work for indicators, run by django-tasks.

Scheduling: a worker runs queued tasks (``framsteg db_worker``), and a daily cron job or systemd timer queues
the Kolada sync with ``framsteg sync-kolada --enqueue``.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

from framsteg.indicators.services.sync import sync_kolada


@task()
def sync_kolada_task(kpis: list[str] | None = None, full: bool = False) -> dict[str, Any]:
    """The same sync as ``framsteg sync-kolada``; its result says which releases were created."""
    return sync_kolada(kpis=kpis or (), full=full).as_dict()
