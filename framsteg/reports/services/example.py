"""The labelled example follow-up of the bundled plan: `framsteg load-example-follow-up`.

It shows what a followed-up plan looks like without passing invented data off as real: every status update
it adds is reported by "Exempeldata (påhittad)", its comment says it is an example, every page carries the
"exempeldata" banner while it is loaded (a marker file in the var directory), and every report frozen
meanwhile says so on its first page. It is loaded only when asked, only into a plan nobody has reported on,
and removed with `--remove` (with the reports frozen from it).
"""

from __future__ import annotations

import datetime
import random

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from framsteg.audit.services import audited, record
from framsteg.reports.models import ExampleFollowUp, Snapshot
from framsteg.reports.selectors.example import marker_path
from framsteg.steering.models import (
    Area,
    Commitment,
    FollowUpPeriod,
    GoalJudgement,
    Judgement,
    Status,
    StatusUpdate,
)

AUTHOR = "Exempeldata (påhittad)"
SEED = 2026
# How an example commitment moves from period to period: (status code, progress) steps.
PATHS = [
    [("not_started", 0), ("in_progress", 20), ("in_progress", 45), ("partly_done", 70), ("done", 100)],
    [("in_progress", 10), ("in_progress", 30), ("delayed", 35), ("delayed", 40), ("in_progress", 55)],
    [("not_started", 0), ("not_started", 0), ("in_progress", 15), ("in_progress", 30), ("partly_done", 50)],
    [("in_progress", 25), ("partly_done", 60), ("done", 100), ("done", 100), ("done", 100)],
    [
        ("cannot_assess", None),
        ("cannot_assess", None),
        ("in_progress", 20),
        ("in_progress", 35),
        ("in_progress", 50),
    ],
    [("in_progress", 30), ("delayed", 30), ("cancelled", None), ("cancelled", None), ("cancelled", None)],
]
JUDGEMENT_ANALYSES = {
    Judgement.MET: "Exempeldata: målet bedöms uppfyllt; de flesta åtagandena är genomförda.",
    Judgement.PARTLY_MET: "Exempeldata: målet bedöms delvis uppfyllt; flera åtaganden återstår.",
    Judgement.NOT_MET: "Exempeldata: målet bedöms inte uppfyllt; flera åtaganden är försenade.",
    Judgement.CANNOT_JUDGE: "Exempeldata: underlaget räcker inte för att bedöma målet i denna period.",
}
COMMENTS = {
    "not_started": "Exempeldata: arbetet har inte startat; det planeras till nästa år.",
    "in_progress": "Exempeldata: arbetet pågår enligt plan tillsammans med berörda förvaltningar.",
    "partly_done": "Exempeldata: en del av åtagandet är genomfört; resten väntar på beslut om finansiering.",
    "done": "Exempeldata: åtagandet är genomfört och följs nu upp i ordinarie verksamhet.",
    "delayed": "Exempeldata: arbetet är försenat eftersom upphandlingen tog längre tid än planerat.",
    "cannot_assess": "Exempeldata: underlaget räcker inte för en bedömning i denna period.",
    "cancelled": "Exempeldata: avbrutet efter omprioritering i nämnden.",
}


class ExampleError(Exception):
    """The example cannot be loaded or removed; the message says why."""


def _at(day: datetime.date, offset: int) -> datetime.datetime:
    moment = datetime.datetime.combine(day - datetime.timedelta(days=offset), datetime.time(10, 0))
    return timezone.make_aware(moment)


@audited("reports.load_example_follow_up")
def load_example_follow_up(*, by=None) -> ExampleFollowUp:
    """Add the example statuses and analyses to the plan's current commitments, period by period."""
    if ExampleFollowUp.objects.exists():
        raise ExampleError(_("The example follow-up is already loaded."))
    commitments = list(
        Commitment.objects.reportable()
        .prefetch_related("responsible")
        .order_by("document_id", "area__position", "position")
    )
    if not commitments:
        raise ExampleError(
            _("There is no adopted plan to follow up: load one first (framsteg load-botkyrka).")
        )
    if StatusUpdate.objects.filter(commitment__in=commitments).exists():
        raise ExampleError(
            _("The plan already has reports: the example is only loaded into a plan nobody has reported on.")
        )
    today = timezone.localdate()
    periods = [p for p in FollowUpPeriod.objects.order_by("ends_on", "pk") if p.ends_on <= today]
    periods = periods[-len(PATHS[0]) :]
    if not periods:
        raise ExampleError(_("There is no follow-up period that has ended."))
    statuses = {status.code: status for status in Status.objects.all()}
    generator = random.Random(SEED)
    made: list[tuple[StatusUpdate, datetime.datetime]] = []
    with transaction.atomic():
        for commitment in commitments:
            path = generator.choice(PATHS)[-len(periods) :]
            owners = list(commitment.responsible.all())
            for index, (period, (code, progress)) in enumerate(zip(periods, path, strict=False)):
                status = statuses.get(code)
                if status is None:
                    continue
                update = StatusUpdate(
                    commitment=commitment,
                    period=period,
                    status=status,
                    progress=progress if status.asks_progress else None,
                    comment=COMMENTS[code],
                    reason=COMMENTS[code] if status.requires_reason else "",
                    author_name=AUTHOR,
                    organisation=owners[0] if owners else None,
                )
                made.append((update, _at(period.ends_on, generator.randint(3, 20) + index)))
        created = StatusUpdate.objects.bulk_create([update for update, _moment in made])
        # Dated within their periods (the model dates a report when it is written).
        for update, (_same, moment) in zip(created, made, strict=True):
            models.QuerySet.update(StatusUpdate.objects.filter(pk=update.pk), created_at=moment)
        judgements = _example_judgements(commitments, periods, created)
        example = ExampleFollowUp.objects.create(
            update_ids=[update.pk for update in created], judgement_ids=[j.pk for j in judgements]
        )
        record(
            "reports.load_example_follow_up",
            target=example,
            actor=by,
            after={
                "status_updates": len(created),
                "goal_judgements": len(judgements),
                "periods": [str(p) for p in periods],
            },
        )
    path = marker_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("The example follow-up is loaded (framsteg load-example-follow-up).\n", encoding="utf-8")
    return example


def _share(codes: list[str], *wanted: str) -> float:
    return sum(code in wanted for code in codes) / len(codes)


def _example_judgements(commitments, periods, updates) -> list[GoalJudgement]:
    """Each goal with commitments judged per period from its example statuses: met when most are done,
    not met when many are delayed or cancelled, cannot be judged when most cannot be assessed."""
    goals = {
        commitment.area_id
        for commitment in commitments
        if commitment.area.kind in (Area.Kind.TERM_AREA, Area.Kind.COMMITTEE_GOAL)
    }
    by_goal_period: dict[tuple[int, int], list[StatusUpdate]] = {}
    area_of = {commitment.pk: commitment.area_id for commitment in commitments}
    for update in updates:
        by_goal_period.setdefault((area_of[update.commitment_id], update.period_id), []).append(update)
    made = []
    for period in periods:
        for goal_id in sorted(goals):
            found = by_goal_period.get((goal_id, period.pk), [])
            if not found:
                continue
            codes = [update.status.code for update in found]
            if _share(codes, "cannot_assess") > 0.5:
                judgement = Judgement.CANNOT_JUDGE
            elif _share(codes, "done") >= 0.6:
                judgement = Judgement.MET
            elif _share(codes, "delayed", "cancelled") >= 0.4:
                judgement = Judgement.NOT_MET
            else:
                judgement = Judgement.PARTLY_MET
            made.append(
                GoalJudgement(
                    goal_id=goal_id,
                    period=period,
                    judgement=judgement,
                    is_forecast=period.kind == FollowUpPeriod.Kind.INTERIM,
                    analysis=JUDGEMENT_ANALYSES[judgement],
                    author_name=AUTHOR,
                )
            )
    created = GoalJudgement.objects.bulk_create(made)
    for judgement in created:
        moment = _at(judgement.period.ends_on, 1)
        models.QuerySet.update(GoalJudgement.objects.filter(pk=judgement.pk), created_at=moment)
    return created


@audited("reports.remove_example_follow_up")
def remove_example_follow_up(*, by=None) -> int:
    """Remove the example's status updates, the reports frozen from it and the banner. Returns how many
    status updates were removed."""
    example = ExampleFollowUp.objects.first()
    removed = 0
    with transaction.atomic():
        if example is not None:
            updates = StatusUpdate.objects.filter(pk__in=example.update_ids, author_name=AUTHOR)
            if StatusUpdate.objects.filter(corrects__in=updates).exclude(pk__in=example.update_ids).exists():
                raise ExampleError(_("Someone corrected an example report; remove that correction first."))
            removed = updates.count()
            # Status updates and judgements are never deleted, except these, which were never real.
            models.QuerySet.delete(updates)
            models.QuerySet.delete(
                GoalJudgement.objects.filter(pk__in=example.judgement_ids, author_name=AUTHOR)
            )
            Snapshot.objects.filter(is_example=True).delete()
            example.delete()
        record("reports.remove_example_follow_up", actor=by, after={"status_updates_removed": removed})
    marker_path().unlink(missing_ok=True)
    return removed
