"""Background work for the reports to the council, run by django-tasks (``framsteg db_worker`` runs the
queue): a large report's PDF or Word file."""

from __future__ import annotations

from django_tasks import task

from framsteg.reports.services.snapshots import make_file


@task()
def make_file_task(file_id: int) -> dict:
    file = make_file(file_id)
    return {"file": file.pk, "state": file.state, "size": file.size}
