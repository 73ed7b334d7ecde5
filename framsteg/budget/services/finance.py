"""The finance system's export, imported per follow-up period: one row per nämnd (or per commitment) with the
outcome (utfall) so far and the full-year forecast (prognos), and optionally the year's budget.

`read_finance_file` checks every row and writes nothing: the preview shows what it found, or every problem
with its row and column in the user's language. `import_finance_file` reads the file again and, only if no
row has a problem, stores all rows in one transaction: all rows or none. The columns are described in
docs/budget-format.md.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from framsteg.audit.services import audited, record
from framsteg.budget.models import Budget, FinanceImport, FollowUp
from framsteg.core.csv import Problem, cell_text, numbered_rows
from framsteg.organisations.models import Organisation
from framsteg.steering.models import Commitment, FollowUpPeriod

# Public functions here that only read or compute; every other public function is @audited.
READS = ("read_finance_file", "parse_amount")

COLUMNS = {
    "organisation": ("organisation", "nämnd", "namnd"),
    "commitment": ("commitment", "åtagande", "atagande"),
    "budget": ("budget",),
    "outcome": ("outcome", "utfall"),
    "forecast": ("forecast", "prognos", "helårsprognos"),
}
REQUIRED = ("organisation", "outcome", "forecast")
MAX_PROBLEMS = 200
_LIMIT = Decimal(10) ** 15


@dataclass
class FinanceRow:
    row: int
    organisation: Organisation
    commitment: Commitment | None
    budget_sek: Decimal | None
    outcome_sek: Decimal
    forecast_sek: Decimal
    is_update: bool = False

    @property
    def deviation_sek(self) -> Decimal | None:
        return None if self.budget_sek is None else self.budget_sek - self.forecast_sek


@dataclass
class FinanceFile:
    """What a file holds for a period: its rows, or the problems that keep it from being imported."""

    period: FollowUpPeriod
    filename: str
    sha256: str = ""
    rows: list[FinanceRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    more_problems: int = 0
    has_budget_column: bool = False
    saved: FinanceImport | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def update_count(self) -> int:
        return sum(1 for row in self.rows if row.is_update)

    @property
    def new_count(self) -> int:
        return len(self.rows) - self.update_count

    def add(self, problem: Problem) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
        else:
            self.more_problems += 1


def parse_amount(text: str) -> Decimal:
    """An amount in kronor as a finance system or a person writes it: "12 345 678", "-1234,50", "1 234.00";
    rounded to whole kronor. Raises ValueError with a message for the user."""
    cleaned = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("−", "-")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not an amount in kronor.") % {"value": text}) from None
    if not value.is_finite() or abs(value) >= _LIMIT:
        raise ValueError(_("“%(value)s” is not an amount in kronor.") % {"value": text})
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _organisations() -> dict[str, Organisation]:
    found: dict[str, Organisation] = {}
    for organisation in Organisation.objects.exclude(kind=Organisation.Kind.PARTNER):
        found[organisation.slug.casefold()] = organisation
        found[organisation.name.casefold()] = organisation
    return found


def read_finance_file(path: Path, period: FollowUpPeriod, *, filename: str = "") -> FinanceFile:
    """Check the whole file against the database; write nothing."""
    found = FinanceFile(period=period, filename=filename or path.name)
    try:
        found.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as error:
        found.add(Problem(_("Cannot read %(file)s: %(error)s") % {"file": found.filename, "error": error}))
        return found
    rows = numbered_rows(path, found.add)
    header = next(rows, None)
    if header is None or not any(cell_text(cell) for cell in header[1]):
        if found.ok:
            found.add(Problem(_("The file is empty. The first row should name the columns.")))
        return found
    columns: dict[str, int] = {}
    names: dict[str, str] = {}
    for index, cell in enumerate(header[1]):
        text = cell_text(cell)
        for column, aliases in COLUMNS.items():
            if text.casefold() in aliases and column not in columns:
                columns[column] = index
                names[column] = text
    missing = [COLUMNS[column][1] for column in REQUIRED if column not in columns]
    if missing:
        found.add(
            Problem(
                _("The first row must name the columns %(columns)s; missing: %(missing)s.")
                % {"columns": "nämnd, utfall, prognos", "missing": ", ".join(missing)},
                1,
            )
        )
        return found
    found.has_budget_column = "budget" in columns
    organisations = _organisations()
    commitments = {c.pk: c for c in Commitment.objects.reportable().select_related("document")}
    existing = {
        (follow_up.organisation_id, follow_up.commitment_id)
        for follow_up in FollowUp.objects.filter(period=period)
    }
    seen: dict[tuple[int, int | None], int] = {}

    def cell(cells, column: str) -> str:
        index = columns.get(column)
        return cell_text(cells[index]) if index is not None and index < len(cells) else ""

    for number, cells in rows:
        if not any(cell_text(value) for value in cells):
            continue
        problems_before = len(found.problems) + found.more_problems
        name = cell(cells, "organisation")
        organisation = organisations.get(name.casefold()) if name else None
        if not name:
            found.add(Problem(_("Name the nämnd or organisation."), number, names["organisation"]))
        elif organisation is None:
            found.add(
                Problem(
                    _("No organisation is called “%(name)s”. Write its name or short name as on the site.")
                    % {"name": name},
                    number,
                    names["organisation"],
                )
            )
        commitment = None
        reference = cell(cells, "commitment")
        if reference:
            commitment = commitments.get(int(reference)) if reference.isdigit() else None
            if commitment is None:
                found.add(
                    Problem(
                        _("“%(value)s” is not the number of a commitment of an adopted plan.")
                        % {"value": reference},
                        number,
                        names["commitment"],
                    )
                )
        amounts: dict[str, Decimal | None] = {}
        for column in ("budget", "outcome", "forecast"):
            text = cell(cells, column)
            if not text:
                amounts[column] = None
                if column in REQUIRED:
                    found.add(Problem(_("Write an amount in kronor."), number, names[column]))
                continue
            try:
                amounts[column] = parse_amount(text)
            except ValueError as error:
                found.add(Problem(str(error), number, names[column]))
        if len(found.problems) + found.more_problems > problems_before or organisation is None:
            continue
        key = (organisation.pk, commitment.pk if commitment else None)
        if key in seen:
            found.add(
                Problem(
                    _("The same organisation and commitment as row %(row)s.") % {"row": seen[key]},
                    number,
                )
            )
            continue
        seen[key] = number
        found.rows.append(
            FinanceRow(
                row=number,
                organisation=organisation,
                commitment=commitment,
                budget_sek=amounts.get("budget"),
                outcome_sek=amounts["outcome"],
                forecast_sek=amounts["forecast"],
                is_update=key in existing,
            )
        )
    if found.ok and not found.rows:
        found.add(Problem(_("The file has no rows, only the row naming the columns.")))
    return found


@audited("budget.import_finance_file")
def import_finance_file(path: Path, period: FollowUpPeriod, *, filename: str = "", by=None) -> FinanceFile:
    """Read the file again and store every row, or nothing if any row has a problem."""
    found = read_finance_file(path, period, filename=filename)
    if not found.ok:
        return found
    name = ""
    if by is not None and getattr(by, "is_authenticated", False):
        name = by.get_full_name() or by.get_username()
    with transaction.atomic():
        saved = FinanceImport.objects.create(
            period=period,
            filename=found.filename[:200],
            sha256=found.sha256,
            rows=len(found.rows),
            imported_by=by if name else None,
            imported_by_name=name,
        )
        for row in found.rows:
            FollowUp.objects.update_or_create(
                period=period,
                organisation=row.organisation,
                commitment=row.commitment,
                defaults={
                    "outcome_sek": row.outcome_sek,
                    "forecast_sek": row.forecast_sek,
                    "finance_import": saved,
                    "source_row": row.row,
                },
            )
            if row.budget_sek is not None:
                _store_budget(period.year, row, saved)
        record(
            "budget.import_finance_file",
            target=saved,
            actor=by,
            after={"period": str(period), "rows": len(found.rows), "sha256": found.sha256},
        )
    found.saved = saved
    return found


def _store_budget(year: int, row: FinanceRow, saved: FinanceImport) -> None:
    commitment_rule = Q(commitment=row.commitment) if row.commitment else Q(commitment__isnull=True)
    budget = Budget.objects.filter(commitment_rule, year=year, organisation=row.organisation).first()
    if budget is None:
        budget = Budget(year=year, organisation=row.organisation, commitment=row.commitment)
    budget.amount_sek = row.budget_sek
    budget.source_version = None
    budget.source_start = budget.source_end = None
    budget.finance_import = saved
    budget.source_row = row.row
    budget.save()
