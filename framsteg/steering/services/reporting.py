"""Reporting on commitments: status updates, corrections, evidence and their review. Earlier updates are
never changed.

Every function records an audit entry naming the commitment with its status, progress and reporting
organisation before and after the report. A report by an owner is a draft until a coordinator approves it
(`approve_report`) or sends it back with a note (`return_report`); only approved reports are public, and
the history keeps both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from framsteg.audit.services import audited, record
from framsteg.organisations.models import Organisation
from framsteg.organisations.names import display_name
from framsteg.steering import publication, rules, selectors
from framsteg.steering.models import Commitment, Evidence, FollowUpPeriod, Status, StatusReview, StatusUpdate


@dataclass(frozen=True)
class Report:
    """What a reporter says about one commitment in one period, on behalf of an organisation."""

    commitment: Commitment
    period: FollowUpPeriod
    status: Status
    progress: int | None
    comment: str = ""
    reason: str = ""
    organisation: Organisation | None = None
    corrects: StatusUpdate | None = None
    correction_note: str = ""

    def unsaved(self) -> StatusUpdate:
        return StatusUpdate(
            commitment=self.commitment,
            period=self.period,
            status=self.status,
            progress=self.progress if self.status.asks_progress else None,
            comment=self.comment.strip(),
            reason=self.reason.strip(),
            organisation=self.organisation,
            corrects=self.corrects,
            correction_note=self.correction_note.strip(),
        )


def _author_name(user, organisation) -> str:
    """The name the report is signed with on the public pages and feeds: never the user name."""
    return display_name(user, organisation)


def _state(update: StatusUpdate | None) -> dict | None:
    """An update as the audit log shows it before and after a report."""
    if update is None:
        return None
    return {
        "update": update.pk,
        "status": update.status.code,
        "progress": update.progress,
        "period": update.period.short_label,
        "organisation": update.organisation.name if update.organisation else None,
        "state": "draft" if update.needs_review else "published",
    }


def _unsaved(report: Report, by) -> StatusUpdate:
    if not report.commitment.document.carries_commitments:
        raise ValidationError(_("A proposal's points are never reported on; only adopted commitments are."))
    update = report.unsaved()
    update.needs_review = rules.needs_review(by)
    update.author = by
    update.author_name = _author_name(by, update.organisation)
    return update


def _record(action: str, update: StatusUpdate, by, before: StatusUpdate | None) -> None:
    record(action, target=update.commitment, actor=by, before=_state(before), after=_state(update))
    if not update.needs_review:
        _published(update)


def _published(update: StatusUpdate) -> None:
    publication.published(publication.Publication(publication.STATUS, update, commitment=update.commitment))


def _write(report: Report, by, action: str, before: StatusUpdate | None) -> StatusUpdate:
    update = _unsaved(report, by)
    update.save()
    _record(action, update, by, before)
    return update


@audited("steering.report_status")
@transaction.atomic
def report_status(report: Report, *, by, links: Iterable[tuple[str, str]] = (), upload=None) -> StatusUpdate:
    """Add a new status update with its evidence (links, then an uploaded file)."""
    if report.corrects is not None:
        return correct_status(report, by=by, links=links, upload=upload)
    update = _write(report, by, "steering.report_status", selectors.latest_update(report.commitment))
    _evidence(update, links, upload, by)
    return update


@audited("steering.correct_status")
@transaction.atomic
def correct_status(report: Report, *, by, links: Iterable[tuple[str, str]] = (), upload=None) -> StatusUpdate:
    """Add an update that corrects `report.corrects`; the corrected update stays as it was."""
    if report.corrects is None:
        raise ValueError("A correction names the update it corrects.")
    update = _write(report, by, "steering.correct_status", report.corrects)
    _evidence(update, links, upload, by)
    return update


def _evidence(update: StatusUpdate, links: Iterable[tuple[str, str]], upload, by) -> None:
    links = [(title, url) for title, url in links if url]
    if links or upload:
        add_evidence(update, links=links, upload=upload, by=by)


@audited("steering.add_evidence")
def add_evidence(
    update: StatusUpdate, *, links: Iterable[tuple[str, str]] = (), upload=None, by=None
) -> list[Evidence]:
    """Attach links (title, address) and an uploaded file to an update, each recorded as its own entry."""
    rows = [Evidence(status_update=update, title=title, url=url) for title, url in links if url]
    if upload:
        rows.append(Evidence(status_update=update, title=upload.name, file=upload))
    for row in rows:
        row.save()
        record(
            "steering.add_evidence",
            target=update.commitment,
            actor=by,
            after={"update": update.pk, "evidence": row.pk, "title": str(row), "link": row.url},
        )
    return rows


@audited("steering.report_many")
@transaction.atomic
def report_many(reports: list[Report], *, by) -> list[StatusUpdate]:
    """Add one new update for each report, all or none; each is recorded as a report of its commitment."""
    commitments = selectors.with_latest(
        Commitment.objects.filter(pk__in=[report.commitment.pk for report in reports]),
        "organisation",
        drafts=True,
    )
    previous = {commitment.pk: commitment.latest for commitment in commitments}
    updates = StatusUpdate.objects.bulk_create([_unsaved(report, by) for report in reports])
    for update in updates:
        _record("steering.report_status", update, by, previous.get(update.commitment_id))
    return updates


class ReviewError(ValueError):
    """The report cannot be decided on: it needs no review, or it has been decided already."""


def _review(update: StatusUpdate, decision: str, note: str, by) -> StatusReview:
    update = (
        StatusUpdate.objects.select_for_update(of=("self",))
        .select_related("status", "period", "organisation")
        .get(pk=update.pk)
    )
    if not update.needs_review:
        raise ReviewError("This report needed no review.")
    if StatusReview.objects.filter(update=update).exists():
        raise ReviewError("This report has been decided on already.")
    review = StatusReview.objects.create(
        update=update,
        decision=decision,
        note=note.strip(),
        decided_by=by,
        decided_by_name=_author_name(by, None),
    )
    record(
        f"steering.{decision}_report",
        target=update.commitment,
        actor=by,
        before={**_state(update), "review": None},
        after={**_state(update), "review": decision, "note": review.note},
    )
    if decision == StatusReview.Decision.APPROVED:
        _published(update)
    return review


@audited("steering.approved_report")
@transaction.atomic
def approve_report(update: StatusUpdate, *, by, note: str = "") -> StatusReview:
    """Publish a draft report: from now on it is the commitment's public status if it is the newest."""
    return _review(update, StatusReview.Decision.APPROVED, note, by)


@audited("steering.returned_report")
@transaction.atomic
def return_report(update: StatusUpdate, *, by, note: str) -> StatusReview:
    """Send a draft back to its owner with a note; it is never published, and the owner reports again."""
    if not note.strip():
        raise ReviewError("Say what the owner should change.")
    return _review(update, StatusReview.Decision.RETURNED, note, by)
