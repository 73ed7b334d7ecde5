"""framsteg import-document FILE --kind KIND: import a steering document (plain text, HTML or .docx)."""

from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from framsteg.steering.models import SteeringDocument
from framsteg.steering.services.importing import DocumentReadError, ImportRequest, apply_import, plan_import

MISSING_OWNER = {
    "municipality": lambda: _(
        "No organisation was found for the municipality's activities: they get no owner. Name one with "
        "--municipality SLUG."
    ),
    "police": lambda: _(
        "No organisation was found for the police's activities: they get no owner. Add the police as an "
        "external partner named Polisen, or name one with --police SLUG."
    ),
}


class Command(BaseCommand):
    help = "Import a steering document (plain text, HTML or Word .docx) into the plan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--kind", required=True, choices=SteeringDocument.Kind.values)
        parser.add_argument("--title", default="", help="Defaults to the document's first heading.")
        parser.add_argument("--author", default="", help="A party, a majority, the council …")
        parser.add_argument("--period", default="", help="E.g. 2023–2026.")
        parser.add_argument("--adopted", default="", help="Adoption or publication date, YYYY-MM-DD.")
        parser.add_argument(
            "--standing",
            default="",
            choices=["", *SteeringDocument.Standing.values],
            help="adopted or proposal; by default a party programme is a proposal, every other kind adopted.",
        )
        parser.add_argument("--proposed-by", default="", help="The party or group behind a proposal.")
        parser.add_argument("--source-url", default="")
        parser.add_argument("--source-note", default="", help="Where the text comes from.")
        parser.add_argument("--slug", default="", help="The document's address; re-imports use the same one.")
        parser.add_argument(
            "--municipality",
            default="",
            help="citizen_promise: the slug of the organisation owning the municipality's activities "
            "(default: the municipal executive board).",
        )
        parser.add_argument(
            "--police",
            default="",
            help="citizen_promise: the slug of the organisation owning the police's activities "
            "(default: the external partner named Polisen).",
        )
        parser.add_argument(
            "--unnamed-goals",
            type=int,
            default=0,
            help="long_term: the number of goals the document has but does not name; that many unnamed goals "
            "are made for staff to name from the adopted document.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            message = _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror}
            raise CommandError(message) from None
        try:
            adopted = date.fromisoformat(options["adopted"]) if options["adopted"] else None
        except ValueError:
            raise CommandError(_("Write the adoption date as YYYY-MM-DD, e.g. 2023-06-15.")) from None
        request = ImportRequest(
            kind=options["kind"],
            title=options["title"],
            author=options["author"],
            period=options["period"],
            adopted_on=adopted,
            source_url=options["source_url"],
            source_note=options["source_note"],
            slug=options["slug"],
            municipality=options["municipality"],
            police=options["police"],
            standing=options["standing"],
            proposed_by=options["proposed_by"],
            unnamed_goals=options["unnamed_goals"],
        )
        try:
            plan = plan_import(data, path.name, request)
        except DocumentReadError as error:
            raise CommandError(f"{path.name}: {error}") from None
        self.describe(plan)
        if options["dry_run"]:
            self.stdout.write(_("Dry run: nothing was written."))
            return
        result = apply_import(plan)
        self.stdout.write(self.style.SUCCESS(result.summary))

    def describe(self, plan) -> None:
        if plan.is_unchanged:
            return
        for owner in plan.missing_owners:
            self.stderr.write(MISSING_OWNER[owner]())
        if plan.is_new:
            for position, (title, inferred, items) in enumerate(plan.areas, start=1):
                note = _(" (name derived from the content)") if inferred else ""
                self.stdout.write(f"{position}. {title}{note}: {len(items)}")
        for text in plan.added if not plan.is_new else []:
            self.stdout.write("+ " + text)
        for commitment in plan.removed:
            self.stdout.write("- " + commitment.text)
        for commitment, text in plan.reworded:
            self.stdout.write(f"~ {commitment.text}\n  → {text}")
        for commitment, _score in plan.suggested_links:
            self.stdout.write(
                _("Concerns (to confirm): %(ref)s %(text)s")
                % {"ref": commitment.reference, "text": commitment.text}
            )
