"""Import the finance system's export for a follow-up period: all rows or none (docs/budget-format.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from framsteg.budget.services.finance import import_finance_file, read_finance_file
from framsteg.steering.models import FollowUpPeriod


class Command(BaseCommand):
    help = (
        "Import outcome and forecast (and optionally budget) per nämnd or commitment from a CSV or XLSX file."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--period", required=True, help="the period's code: 2026-tertial, 2026-interim, 2026-annual"
        )
        parser.add_argument("--dry-run", action="store_true", help="check the file and store nothing")

    def handle(self, *args, file: Path, period: str, dry_run: bool, **options):
        year, _, kind = period.partition("-")
        found_period = FollowUpPeriod.objects.filter(
            year=int(year) if year.isdigit() else 0, kind=kind
        ).first()
        if found_period is None:
            codes = ", ".join(
                f"{p.year}-{p.kind}" for p in FollowUpPeriod.objects.order_by("-year", "-ends_on")
            )
            raise CommandError(f"No follow-up period {period!r}. Known: {codes or 'none'}.")
        if not file.exists():
            raise CommandError(f"{file} does not exist.")
        found = (read_finance_file if dry_run else import_finance_file)(file, found_period)
        if not found.ok:
            for problem in found.problems:
                self.stderr.write(str(problem))
            if found.more_problems:
                self.stderr.write(f"… and {found.more_problems} more problems.")
            raise CommandError("Nothing was imported.")
        verb = "would import" if dry_run else "imported"
        self.stdout.write(
            f"{verb} {len(found.rows)} rows for {found_period} ({found.update_count} replacing earlier)."
        )
