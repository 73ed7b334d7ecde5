"""Reads of the budget follow-up, shared by the pages and by the council's reports."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse

from framsteg.budget.models import Budget, FollowUp
from framsteg.organisations.models import Organisation
from framsteg.steering.models import CandidateTarget, Commitment, DocumentVersion, FollowUpPeriod


@dataclass(frozen=True)
class Source:
    """Where an amount comes from.

    `kind` is "document" (a place in a steering document's text: `label` is the document's title, `url`
    its public page, `quote` the words stated, e.g. "22 miljoner") or "finance_import" (a row of the finance
    system's export: `label` the file name, `row` its row as a spreadsheet numbers it, `imported_at` when).
    `amounts` names what it is the source of: "budget", "outcome", "forecast".
    """

    kind: str
    label: str
    amounts: tuple[str, ...]
    url: str = ""
    quote: str = ""
    row: int | None = None
    imported_at: datetime.datetime | None = None


@dataclass
class BudgetLine:
    """One line of a period's budget follow-up: a nämnd (or organisation) as a whole when `commitment` is
    None, else one of its commitments.

    Amounts are whole kronor (Decimal) or None when not known: `budget_sek` the budget of the period's year,
    `outcome_sek` the outcome (utfall) so far, `forecast_sek` the full-year forecast (prognos), and
    `deviation_sek` = budget − forecast (positive: expected under budget; None unless both are known).
    `comment` is the owning organisation's comment on the deviation (empty if none), with `comment_by` and
    `comment_at`. `sources` say where each amount comes from. `follow_up` is the stored row (None when only a
    budget is known), for pages that edit the comment.
    """

    organisation: Organisation
    commitment: Commitment | None
    budget_sek: Decimal | None = None
    outcome_sek: Decimal | None = None
    forecast_sek: Decimal | None = None
    comment: str = ""
    comment_by: str = ""
    comment_at: datetime.datetime | None = None
    sources: list[Source] = field(default_factory=list)
    follow_up: FollowUp | None = None

    @property
    def deviation_sek(self) -> Decimal | None:
        if self.budget_sek is None or self.forecast_sek is None:
            return None
        return self.budget_sek - self.forecast_sek


def _budget_source(budget: Budget) -> Source:
    if budget.finance_import_id:
        return Source(
            "finance_import",
            budget.finance_import.filename,
            ("budget",),
            row=budget.source_row,
            imported_at=budget.finance_import.imported_at,
        )
    document = budget.source_version.document
    return Source(
        "document",
        document.title,
        ("budget",),
        url=document.get_absolute_url(),
        quote=budget.source_quote,
    )


def budget_follow_up(
    period: FollowUpPeriod,
    *,
    organisation: Organisation | None = None,
    commitment: Commitment | None = None,
) -> list[BudgetLine]:
    """The period's budget follow-up, one `BudgetLine` per organisation and per commitment with a budget for
    the period's year or an outcome imported for the period, ordered by organisation name with the
    organisation's own line first and its commitments after it (by their reference).

    `organisation` keeps the lines of that organisation (its own and its commitments'); `commitment` keeps
    that commitment's lines. Nothing is invented: a line with no budget has `budget_sek` None, one with no
    imported outcome has `outcome_sek` and `forecast_sek` None, and then `deviation_sek` is None too.
    Example, for a report::

        for line in budget_follow_up(period, organisation=committee):
            line.organisation.name, line.commitment, line.budget_sek, line.outcome_sek,
            line.forecast_sek, line.deviation_sek, line.comment, [s.label for s in line.sources]
    """
    follow_ups = FollowUp.objects.filter(period=period).select_related(
        "organisation", "commitment__area", "finance_import"
    )
    budgets = Budget.objects.filter(year=period.year).select_related(
        "organisation", "commitment__area", "finance_import", "source_version__document"
    )
    if organisation is not None:
        follow_ups = follow_ups.filter(organisation=organisation)
        budgets = budgets.filter(organisation=organisation)
    if commitment is not None:
        follow_ups = follow_ups.filter(commitment=commitment)
        budgets = budgets.filter(commitment=commitment)
    lines: dict[tuple[int, int | None], BudgetLine] = {}
    for budget in budgets:
        line = lines.setdefault(
            (budget.organisation_id, budget.commitment_id), BudgetLine(budget.organisation, budget.commitment)
        )
        line.budget_sek = budget.amount_sek
        line.sources.append(_budget_source(budget))
    for follow_up in follow_ups:
        line = lines.setdefault(
            (follow_up.organisation_id, follow_up.commitment_id),
            BudgetLine(follow_up.organisation, follow_up.commitment),
        )
        line.outcome_sek = follow_up.outcome_sek
        line.forecast_sek = follow_up.forecast_sek
        line.comment = follow_up.comment
        line.comment_by = follow_up.comment_by_name
        line.comment_at = follow_up.comment_at
        line.follow_up = follow_up
        line.sources.append(
            Source(
                "finance_import",
                follow_up.finance_import.filename,
                ("outcome", "forecast"),
                row=follow_up.source_row,
                imported_at=follow_up.finance_import.imported_at,
            )
        )

    def order(line: BudgetLine):
        if line.commitment is None:
            return (line.organisation.name, 0, 0, 0)
        return (line.organisation.name, 1, line.commitment.area.position, line.commitment.position)

    return sorted(lines.values(), key=order)


def periods_with_figures() -> list[FollowUpPeriod]:
    """Follow-up periods with an imported outcome or a budget for their year, newest first."""
    years = set(Budget.objects.values_list("year", flat=True))
    with_follow_up = set(FollowUp.objects.values_list("period_id", flat=True))
    return [
        period
        for period in FollowUpPeriod.objects.order_by("-year", "-ends_on")
        if period.pk in with_follow_up or period.year in years
    ]


def chosen_period(value: str | None) -> FollowUpPeriod | None:
    """The period asked for by its id, else the newest with figures, else the open one, else the newest."""
    if value and value.isdigit():
        period = FollowUpPeriod.objects.filter(pk=int(value)).first()
        if period is not None:
            return period
    with_figures = periods_with_figures()
    if with_figures:
        return with_figures[0]
    return FollowUpPeriod.open_period() or FollowUpPeriod.objects.order_by("-year", "-ends_on").first()


@dataclass
class StatedAmount:
    """An amount in kronor a steering document states, with its place in the text and what became of it."""

    amount: CandidateTarget
    budgets: list[Budget]

    @property
    def quote(self) -> str:
        return self.amount.version.text[self.amount.source_start : self.amount.source_end]

    @property
    def is_proposal(self) -> bool:
        return self.amount.document.is_proposal

    @property
    def url(self) -> str:
        return self.amount.document.get_absolute_url()


def stated_amounts() -> list[StatedAmount]:
    """Every amount in kronor found in the documents' current versions (budgets or proposals alike)."""
    amounts = (
        CandidateTarget.objects.filter(unit="SEK")
        .select_related("document", "version", "commitment")
        .order_by("document__title", "source_start")
    )
    budgets: dict[tuple[int, int, int], list[Budget]] = {}
    for budget in Budget.objects.filter(source_version__isnull=False).select_related("organisation"):
        key = (budget.source_version_id, budget.source_start, budget.source_end)
        budgets.setdefault(key, []).append(budget)
    newest: dict[int, int] = {}
    for document_id, version_id in DocumentVersion.objects.order_by("document_id", "number").values_list(
        "document_id", "pk"
    ):
        newest[document_id] = version_id  # the last one, by number, is the current version
    return [
        StatedAmount(amount, budgets.get((amount.version_id, amount.source_start, amount.source_end), []))
        for amount in amounts
        if newest.get(amount.document_id) == amount.version_id
    ]


def public_url(period: FollowUpPeriod) -> str:
    return reverse("budget-public:follow-up") + f"?period={period.pk}"
