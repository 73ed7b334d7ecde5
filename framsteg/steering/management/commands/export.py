"""framsteg export --format json|csv: the plan as open data, for archives, spreadsheets and other systems."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from framsteg.core.csv import spreadsheet_safe
from framsteg.steering import exports
from framsteg.steering.models import SteeringDocument

FORMATS = ("json", "csv")

Table = tuple[list[str], list[list[Any]]]


class Command(BaseCommand):
    help = (
        "Export the plan. JSON: one object with documents, areas, commitments (with full status history), "
        "candidate targets, statuses, periods and organisations; written to standard output unless "
        "--output is given. CSV, for spreadsheets: commitments.csv, status_history.csv, areas.csv, "
        "candidate_targets.csv and documents.csv, comma-separated with double-quote quoting, UTF-8 with a "
        "byte-order mark so Excel shows å, ä and ö; written to the directory --output names, or to a zip "
        "file if the name ends with .zip."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", default="json", help="json (default) or csv.")
        parser.add_argument(
            "--output",
            type=Path,
            help="JSON: a file (default: standard output). CSV: a directory, or a file ending with .zip.",
        )
        parser.add_argument("--document", default="", help="Only this document's plan (its slug).")

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        chosen = options["format"].lower()
        if chosen not in FORMATS:
            raise CommandError(
                _("Unknown format “%(format)s”. Choose json or csv.") % {"format": options["format"]}
            )
        output: Path | None = options["output"]
        if chosen == "csv" and output is None:
            raise CommandError(
                _("CSV export writes several files: give a directory or a .zip file with --output.")
            )
        document = None
        if options["document"]:
            document = SteeringDocument.objects.filter(slug=options["document"]).first()
            if document is None:
                known = ", ".join(SteeringDocument.objects.values_list("slug", flat=True)) or "–"
                raise CommandError(
                    _("No document with the slug “%(slug)s”. Known documents: %(known)s.")
                    % {"slug": options["document"], "known": known}
                )
        plan = exports.export_plan(document)
        try:
            if chosen == "json":
                self.write_json(plan, output)
            else:
                self.write_csv(plan, output)
        except OSError as error:
            raise CommandError(
                _("Cannot write to %(path)s: %(error)s. Choose another --output.")
                % {"path": error.filename or output, "error": error.strerror or error}
            ) from None

    def write_json(self, plan: dict[str, Any], output: Path | None) -> None:
        text = json.dumps(plan, ensure_ascii=False, indent=2) + "\n"
        if output is None:
            self.stdout.write(text, ending="")
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        self.report(output)

    def write_csv(self, plan: dict[str, Any], output: Path) -> None:
        files = {name: csv_bytes(*table) for name, table in csv_tables(plan).items()}
        if output.suffix.lower() == ".zip":
            output.parent.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for name, data in files.items():
                    archive.writestr(name, data)
        else:
            output.mkdir(parents=True, exist_ok=True)
            for name, data in files.items():
                (output / name).write_bytes(data)
        self.report(output)

    def report(self, output: Path) -> None:
        self.stdout.write(_("Exported to %(path)s.") % {"path": output})


def csv_bytes(header: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    # Text a spreadsheet would run as a formula is written as text; numbers and dates stay as they are.
    writer.writerows(
        [spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in row] for row in rows
    )
    return buffer.getvalue().encode("utf-8-sig")


def names(organisations: list[dict[str, Any]]) -> str:
    return "; ".join(organisation["name"] for organisation in organisations)


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def blank(value: Any) -> Any:
    return "" if value is None else value


# Each table: column name → how to read it from one exported object.
COMMITMENT_COLUMNS = {
    "id": lambda c: c["id"],
    "reference": lambda c: c["reference"],
    "document": lambda c: c["document"],
    "area_id": lambda c: c["area"]["id"],
    "area": lambda c: c["area"]["title"],
    "text": lambda c: c["text"],
    "responsible": lambda c: names(c["responsible"]),
    "budget_sek": lambda c: blank(c["budget_sek"]),
    "status": lambda c: c["latest"]["status"] if c["latest"] else exports.NOT_REPORTED,
    "status_label": lambda c: c["latest"]["label"] if c["latest"] else "",
    "progress": lambda c: c["latest"]["progress"] if c["latest"] else "",
    "period": lambda c: c["latest"]["period"]["label"] if c["latest"] else "",
    "reported_at": lambda c: c["latest"]["reported_at"] if c["latest"] else "",
    "comment": lambda c: c["latest"]["comment"] if c["latest"] else "",
    "removed": lambda c: yes_no(c["removed"]),
    "source_version": lambda c: c["source"]["version"],
    "source_start": lambda c: c["source"]["start"],
    "source_end": lambda c: c["source"]["end"],
    "source_quote": lambda c: c["source"]["quote"],
}
# Rows of status_history.csv are (commitment, update) pairs.
HISTORY_COLUMNS = {
    "id": lambda c, u: u["id"],
    "commitment_id": lambda c, u: c["id"],
    "reference": lambda c, u: c["reference"],
    "document": lambda c, u: c["document"],
    "period": lambda c, u: u["period"]["label"],
    "status": lambda c, u: u["status"],
    "status_label": lambda c, u: u["label"],
    "progress": lambda c, u: u["progress"],
    "comment": lambda c, u: u["comment"],
    "reason": lambda c, u: u["reason"],
    "organisation": lambda c, u: u["organisation"]["name"] if u["organisation"] else "",
    "reported_at": lambda c, u: u["reported_at"],
    "corrects": lambda c, u: blank(u["corrects"]),
    "correction_note": lambda c, u: u["correction_note"],
    "evidence": lambda c, u: " ".join(item["url"] for item in u["evidence"] if item["url"]),
}
AREA_COLUMNS = {
    "id": lambda a: a["id"],
    "document": lambda a: a["document"],
    "kind": lambda a: a["kind"],
    "title": lambda a: a["title"],
    "title_inferred": lambda a: yes_no(a["title_inferred"]),
    "position": lambda a: a["position"],
    "responsible": lambda a: names(a["responsible"]),
    "total": lambda a: a["rollup"]["total"],
    "reported": lambda a: a["rollup"]["reported"],
    "mean_progress": lambda a: a["rollup"]["mean_progress"],
}
TARGET_COLUMNS = {
    "id": lambda t: t["id"],
    "document": lambda t: t["document"],
    "area_id": lambda t: blank(t["area"]),
    "commitment_id": lambda t: blank(t["commitment"]),
    "text": lambda t: t["text"],
    "value": lambda t: t["value"],
    "unit": lambda t: t["unit"],
    "qualifier": lambda t: t["qualifier"],
    "year": lambda t: blank(t["year"]),
    "context": lambda t: t["context"],
    "source_version": lambda t: t["source"]["version"],
    "source_start": lambda t: t["source"]["start"],
    "source_end": lambda t: t["source"]["end"],
}
DOCUMENT_COLUMNS = {
    "id": lambda d: d["id"],
    "slug": lambda d: d["slug"],
    "kind": lambda d: d["kind"],
    "title": lambda d: d["title"],
    "period_start": lambda d: blank(d["period"]["start"]),
    "period_end": lambda d: blank(d["period"]["end"]),
    "adopted_on": lambda d: blank(d["adopted_on"]),
    "author": lambda d: d["author"],
    "standing": lambda d: d["standing"],
    "adopted_by_body": lambda d: d["adopted_by_body"],
    "adopted_by": lambda d: blank(d["adopted_by"]),
    "proposed_by": lambda d: d["proposed_by"],
    "source_url": lambda d: d["source_url"],
    "source_note": lambda d: d["source_note"],
    "current_version": lambda d: blank(d["current_version"]),
}


def table(columns: dict[str, Any], items: list[Any]) -> Table:
    return list(columns), [[read(*item) for read in columns.values()] for item in items]


def csv_tables(plan: dict[str, Any]) -> dict[str, Table]:
    """Flatten the export: one row per commitment, status update, area, candidate target and document."""
    # Areas get one count column per status code, in vocabulary order, then not_reported.
    codes = [status["code"] for status in plan["statuses"]] + [exports.NOT_REPORTED]
    area_columns = {
        **AREA_COLUMNS,
        **{f"count_{code}": (lambda a, code=code: a["rollup"]["counts"].get(code, 0)) for code in codes},
    }
    updates = [(c, u) for c in plan["commitments"] for u in c["history"]]
    return {
        "commitments.csv": table(COMMITMENT_COLUMNS, [(c,) for c in plan["commitments"]]),
        "status_history.csv": table(HISTORY_COLUMNS, updates),
        "areas.csv": table(area_columns, [(a,) for a in plan["areas"]]),
        "candidate_targets.csv": table(TARGET_COLUMNS, [(t,) for t in plan["candidate_targets"]]),
        "documents.csv": table(DOCUMENT_COLUMNS, [(d,) for d in plan["documents"]]),
    }
