"""The finance system's export: checked row by row in the user's language, stored all rows or none."""

from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import Workbook

from framsteg.audit.models import AuditEntry
from framsteg.budget.models import Budget, FinanceImport, FollowUp
from framsteg.budget.services import finance


def write(tmp_path, text: str, name: str = "ekonomi.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_stores_outcome_forecast_and_budget_with_their_row(world, tmp_path):
    path = write(
        tmp_path,
        "nämnd;åtagande;budget;utfall;prognos\n"
        "Utbildningsnämnden;;2 500 000 000;812 000 000,40;2 520 000 000\n"
        f"uf;{world['commitment'].pk};;1 000 000;3 500 000\n",
    )
    result = finance_import(path, world)
    assert result.ok, result.problems
    school = FollowUp.objects.get(organisation=world["schools"], commitment=None)
    assert (school.outcome_sek, school.forecast_sek, school.source_row) == (
        Decimal(812_000_000),
        Decimal(2_520_000_000),
        2,
    )
    budget = Budget.objects.get(organisation=world["schools"])
    assert budget.amount_sek == Decimal(2_500_000_000)
    assert (budget.year, budget.finance_import.filename, budget.source_row) == (2026, "ekonomi.csv", 2)
    per_commitment = FollowUp.objects.get(commitment=world["commitment"])
    assert per_commitment.organisation == world["school_admin"]
    assert AuditEntry.objects.filter(action="budget.import_finance_file").count() == 1


def finance_import(path, world):
    return finance.import_finance_file(path, world["period"], by=world["coordinator"])


def test_one_bad_row_stores_nothing_and_every_problem_is_named_in_swedish(world, tmp_path):
    path = write(
        tmp_path,
        "nämnd;utfall;prognos\n"
        "Utbildningsnämnden;100;200\n"
        "Okänd nämnd;100;200\n"
        "Socialnämnden;tio;\n"
        "Polisen;1;1\n"
        "Utbildningsnämnden;5;5\n",
    )
    with translation.override("sv"):
        result = finance_import(path, world)
        problems = [str(problem) for problem in result.problems]
    assert not result.ok
    assert FollowUp.objects.count() == 0 and FinanceImport.objects.count() == 0
    assert any(p.startswith("Rad 3, kolumn ”nämnd”") for p in problems), problems
    assert any(p.startswith("Rad 4, kolumn ”utfall”") for p in problems), problems
    assert any(p.startswith("Rad 4, kolumn ”prognos”") for p in problems), problems
    # A partner has no budget here.
    assert any(p.startswith("Rad 5, kolumn ”nämnd”") for p in problems), problems
    assert any(p.startswith("Rad 6") and "rad 2" in p for p in problems), problems


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "tom"),
        ("organisation;value\nx;1\n", "saknas: utfall, prognos"),
        ("nämnd;utfall;prognos\n", "inga rader"),
    ],
)
def test_files_without_rows_or_columns_are_refused(world, tmp_path, text, problem):
    with translation.override("sv"):
        result = finance_import(write(tmp_path, text), world)
        assert problem in str(result.problems[0])


def test_an_xlsx_export_in_english_with_numbers_as_numbers(world, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["organisation", "outcome", "forecast"])
    sheet.append(["socialnamnden", 1200.5, 3000])
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    result = finance_import(path, world)
    assert result.ok, result.problems
    assert FollowUp.objects.get().outcome_sek == Decimal(1201)


def test_a_second_import_replaces_the_periods_figures_and_keeps_the_comment(world, tmp_path):
    finance_import(write(tmp_path, "nämnd;utfall;prognos\nSocialnämnden;1;2\n"), world)
    FollowUp.objects.update(comment="Fler placeringar än väntat.")
    found = finance.read_finance_file(
        write(tmp_path, "nämnd;utfall;prognos\nSocialnämnden;3;4\n"), world["period"]
    )
    assert found.update_count == 1
    finance_import(write(tmp_path, "nämnd;utfall;prognos\nSocialnämnden;3;4\n"), world)
    row = FollowUp.objects.get()
    assert (row.outcome_sek, row.forecast_sek, row.comment) == (3, 4, "Fler placeringar än väntat.")


def test_amounts_as_people_write_them():
    assert finance.parse_amount("12 345 678") == 12_345_678
    assert finance.parse_amount("−1\u00a0234,50") == -1235
    assert finance.parse_amount("1234.49") == 1234
    with pytest.raises(ValueError):
        finance.parse_amount("12 kr")


def test_the_command_imports_all_rows_or_none(world, tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    bad = write(tmp_path, "nämnd;utfall;prognos\nOkänd;1;2\n", "bad.csv")
    with pytest.raises(CommandError):
        call_command("import_budget_outcome", str(bad), period="2026-tertial", stderr=StringIO())
    good = write(tmp_path, "nämnd;utfall;prognos\nSocialnämnden;1;2\n", "good.csv")
    call_command("import_budget_outcome", str(good), period="2026-tertial", dry_run=True, stdout=StringIO())
    assert FollowUp.objects.count() == 0
    call_command("import_budget_outcome", str(good), period="2026-tertial", stdout=StringIO())
    assert FollowUp.objects.get().forecast_sek == 2
