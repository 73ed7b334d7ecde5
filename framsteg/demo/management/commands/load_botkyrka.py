"""framsteg load-botkyrka: the bundled Botkyrka organisations, documents, follow-up periods, indicators, and
the districts, report categories and response-time promises of the dialogue, and the event types of the
situation picture.

Bundled data is loaded only where it is missing, so running it again (`make run` does at every start) never
overwrites what staff configured: an organisation is created when no organisation has its slug, a document is
imported when no document has its slug (a newer version is imported by staff with `import-document`), the
follow-up periods only when there are none, and the dialogue's and the indicators' loaders add only what the
database lacks. What staff deleted comes back; what they changed stays as they left it.
"""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import translation

from framsteg.dialogue.services.loading import load_dialogue
from framsteg.organisations.models import Organisation
from framsteg.situation.services.loading import load_situation
from framsteg.steering.models import FollowUpPeriod, PointMatch, SteeringDocument
from framsteg.steering.services.comparison import suggest_matches
from framsteg.steering.services.importing import ImportRequest, import_document

DATA_DIR = settings.BASE_DIR / "data" / "botkyrka"


class Command(BaseCommand):
    help = (
        "Load Botkyrka's bundled organisations, documents, follow-up periods, dialogue set-up and indicators "
        "where they are missing; what exists is never changed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR)

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        data_dir: Path = options["data_dir"]
        manifest = json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))
        organisations = self.load_organisations(manifest["organisations"])
        for entry in manifest["documents"]:
            if SteeringDocument.objects.filter(slug=entry["slug"]).exists():
                continue
            request = ImportRequest(
                kind=entry["kind"],
                title=entry["title"],
                author=entry.get("author", ""),
                period=entry.get("period", ""),
                source_note=entry.get("source_note", ""),
                source_url=entry.get("source_url", ""),
                slug=entry["slug"],
                standing=entry.get("standing", ""),
                proposed_by=entry.get("proposed_by", ""),
                adopted_by_body=entry.get("adopted_by_body", ""),
                adopted_on=date.fromisoformat(entry["adopted_on"]) if entry.get("adopted_on") else None,
                unnamed_goals=entry.get("unnamed_goals", 0),
            )
            result = import_document((data_dir / entry["file"]).read_bytes(), entry["file"], request)
            if entry.get("organisation"):
                result.document.organisation = organisations[entry["organisation"]]
                result.document.save(update_fields=["organisation"])
            if options["verbosity"]:
                self.stdout.write(result.summary)
        # Proposals imported before they were compared with the plan get their first suggestions.
        for proposal in SteeringDocument.objects.proposals():
            if not PointMatch.objects.filter(point__document=proposal).exists():
                suggest_matches(proposal)
        if not FollowUpPeriod.objects.exists():
            for period in manifest["periods"]:
                FollowUpPeriod.objects.create(
                    kind=period["kind"],
                    year=period["year"],
                    starts_on=date.fromisoformat(period["starts_on"]),
                    ends_on=date.fromisoformat(period["ends_on"]),
                    report_due=date.fromisoformat(period["report_due"]) if period.get("report_due") else None,
                    is_open=period.get("is_open", False),
                )
        dialogue = load_dialogue(data_dir)
        if options["verbosity"]:
            self.stdout.write(dialogue.summary)
        situation = load_situation(data_dir)
        if options["verbosity"]:
            self.stdout.write(situation.summary)
        call_command("load_botkyrka_indicators", verbosity=options["verbosity"])

    def load_organisations(self, entries: list[dict]) -> dict[str, Organisation]:
        """Each bundled organisation, created when its slug is missing; one that exists is left as it is."""
        found: dict[str, Organisation] = {}
        for entry in entries:
            organisation, _created = Organisation.objects.get_or_create(
                slug=entry["slug"],
                defaults={
                    "name": entry["name"],
                    "kind": entry["kind"],
                    "keywords": entry.get("keywords", ""),
                    "parent": found.get(entry.get("parent", "")),
                },
            )
            found[entry["slug"]] = organisation
        return found
