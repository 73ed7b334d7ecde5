"""Freezing a report to the council, and making its PDF and Word files.

`freeze_report` builds the report from a period's approved reports and stores its whole description: what
the council received is kept as it was. `make_file` renders a frozen report as PDF or Word and keeps the file
with it; a small report is made at once, a large one in the background (`framsteg db_worker` runs the queue),
the page showing how far it has come.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from framsteg.audit.services import audited, nothing_changed, record
from framsteg.core import documents
from framsteg.reports.models import ReportFile, Snapshot
from framsteg.reports.selectors.council import Scope, council_data
from framsteg.reports.selectors.example import example_loaded
from framsteg.reports.selectors.report_document import council_document
from framsteg.steering.models import FollowUpPeriod

# A report with more table rows than this is made as PDF or Word in the background.
BACKGROUND_ROWS = 600
READS = ("build_document", "render", "needs_background")


def _name(user) -> str:
    if getattr(user, "is_authenticated", False):
        return user.get_full_name() or user.get_username()
    return "framsteg"


def build_document(
    period: FollowUpPeriod, scope: Scope, *, built_by: str, built_at=None, example: bool | None = None
):
    """The report as a document, in the site's language, without storing anything."""
    built_at = built_at or timezone.now()
    example = example_loaded() if example is None else example
    with translation.override(settings.LANGUAGE_CODE):
        return council_document(
            council_data(period, scope), built_at=built_at, built_by=built_by, example=example
        )


@audited("reports.freeze_report")
def freeze_report(period: FollowUpPeriod, scope: Scope, *, by=None) -> Snapshot:
    """Build the report and freeze it as a snapshot, with when, by whom, for which period and scope."""
    built_at = timezone.now()
    name = _name(by)
    example = example_loaded()
    document = build_document(period, scope, built_by=name, built_at=built_at, example=example)
    with translation.override(settings.LANGUAGE_CODE):
        period_label = str(period)
        scope_label = scope.label
    snapshot = Snapshot.objects.create(
        period=period,
        scope=scope.kind,
        area=scope.area,
        organisation=scope.organisation,
        scope_label=scope_label,
        period_label=period_label,
        title=document.title[:300],
        language=document.language,
        document=documents.to_data(document),
        table_rows=documents.count_rows(document),
        is_example=example,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        created_by_name=name,
    )
    record(
        "reports.freeze_report",
        target=snapshot,
        actor=by,
        after={"period": period_label, "scope": scope.kind, "scope_label": scope_label, "example": example},
    )
    return snapshot


def render(snapshot: Snapshot, kind: str) -> bytes:
    """The frozen report as PDF or Word."""
    document = documents.from_data(snapshot.document)
    if kind == ReportFile.Format.PDF:
        return documents.render_document_pdf(document, base_url=settings.SITE_URL)
    return documents.render_docx(document, base_url=settings.SITE_URL)


def needs_background(snapshot: Snapshot) -> bool:
    return snapshot.table_rows > BACKGROUND_ROWS


@audited("reports.request_file")
def request_file(snapshot: Snapshot, kind: str, *, by=None) -> ReportFile:
    """The snapshot's file of this format: made at once when small, otherwise queued (once)."""
    with transaction.atomic():
        file, created = ReportFile.objects.select_for_update().get_or_create(snapshot=snapshot, format=kind)
        if not created and file.state in (
            ReportFile.State.READY,
            ReportFile.State.QUEUED,
            ReportFile.State.RUNNING,
        ):
            nothing_changed()
            return file
        file.state = ReportFile.State.QUEUED
        file.progress = 0
        file.message = ""
        file.save()
    record("reports.request_file", target=snapshot, actor=by, after={"format": kind})
    if needs_background(snapshot):
        from framsteg.reports.tasks import make_file_task

        make_file_task.enqueue(file.pk)
    else:
        make_file(file.pk)
    file.refresh_from_db()
    return file


@audited("reports.make_file")
def make_file(file_id: int) -> ReportFile:
    """Render a queued file and keep it; a failure is kept with its message, to be asked for again."""
    file = ReportFile.objects.select_related("snapshot").get(pk=file_id)
    if file.state == ReportFile.State.READY:
        nothing_changed()
        return file
    ReportFile.objects.filter(pk=file.pk).update(state=ReportFile.State.RUNNING, progress=10)
    try:
        content = render(file.snapshot, file.format)
    except documents.DocumentRendererMissing as error:
        ReportFile.objects.filter(pk=file.pk).update(
            state=ReportFile.State.FAILED, progress=0, message=str(error), finished_at=timezone.now()
        )
        file.refresh_from_db()
        return file
    ReportFile.objects.filter(pk=file.pk).update(
        state=ReportFile.State.READY,
        progress=100,
        content=content,
        size=len(content),
        message="",
        finished_at=timezone.now(),
    )
    file.refresh_from_db()
    record(
        "reports.make_file",
        target=file.snapshot,
        actor=None,
        after={"format": file.format, "size": len(content)},
    )
    return file
