"""Budgets stated in steering documents, and the owners' comments on deviations."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from framsteg.audit.services import audited, nothing_changed, record
from framsteg.budget.models import Budget, FollowUp
from framsteg.organisations.models import Organisation
from framsteg.steering.models import CandidateTarget


class BudgetError(Exception):
    """A budget that cannot be recorded; the message is for the user."""


@audited("budget.record_stated_budget")
def record_stated_budget(
    amount: CandidateTarget, organisation: Organisation, year: int, *, by=None
) -> Budget:
    """Record an amount a document states ("22 miljoner till skolan") as the year's budget of the
    organisation, or of the commitment whose text holds it, keeping the document and the place in its text.

    A proposal's amount is what a party wanted, not a budget: it is refused.
    """
    if amount.unit != "SEK":
        raise BudgetError(_("Only amounts in kronor can be budgets."))
    if amount.document.is_proposal:
        raise BudgetError(
            _("“%(document)s” is a proposal: its amounts were not adopted and are not followed up.")
            % {"document": amount.document.title}
        )
    if organisation.kind == Organisation.Kind.PARTNER:
        raise BudgetError(_("Only the municipality’s own organisations have budgets here."))
    commitment = amount.commitment
    with transaction.atomic():
        rule = Q(commitment=commitment) if commitment else Q(commitment__isnull=True)
        budget = Budget.objects.select_for_update().filter(rule, year=year, organisation=organisation).first()
        before = None
        if budget is None:
            budget = Budget(year=year, organisation=organisation, commitment=commitment)
        else:
            before = {"amount_sek": budget.amount_sek, "source": _source_label(budget)}
        budget.amount_sek = amount.value.to_integral_value()
        budget.source_version = amount.version
        budget.source_start, budget.source_end = amount.source_start, amount.source_end
        budget.finance_import = None
        budget.source_row = None
        budget.save()
        record(
            "budget.record_stated_budget",
            target=budget,
            actor=by,
            before=before,
            after={"amount_sek": budget.amount_sek, "source": _source_label(budget)},
        )
    return budget


def _source_label(budget: Budget) -> str:
    if budget.finance_import_id:
        return f"{budget.finance_import.filename}, row {budget.source_row}"
    return f"{budget.source_version} [{budget.source_start}:{budget.source_end}]"


@audited("budget.comment_on_deviation")
def comment_on_deviation(follow_up: FollowUp, text: str, *, by) -> FollowUp:
    """The owner's comment on the deviation between budget and forecast; the same text changes nothing."""
    text = text.strip()
    with transaction.atomic():
        follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        if follow_up.comment == text:
            nothing_changed()
            return follow_up
        before = {"comment": follow_up.comment}
        follow_up.comment = text
        follow_up.comment_by_name = by.get_full_name() or by.get_username()
        follow_up.comment_at = timezone.now()
        follow_up.save(update_fields=["comment", "comment_by_name", "comment_at"])
        record(
            "budget.comment_on_deviation", target=follow_up, actor=by, before=before, after={"comment": text}
        )
    return follow_up
