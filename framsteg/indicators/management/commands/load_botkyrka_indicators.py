"""framsteg load_botkyrka_indicators: Botkyrka's default indicators, their links, targets and bundled values.

Reads `data/botkyrka/indicators.json` and the value files in `data/botkyrka/indicator-values/`. Loads only
what is missing, so what staff changed is never overwritten: an indicator is created, with its links to areas
and commitments, when no indicator has its slug (one that exists keeps its fields and links as staff left
them); municipalities and groups by code, targets by indicator, kind and year; a bundled release is stored
only when no release with its label exists for the indicator, so a release synced or imported later is never
replaced by the bundled one.
"""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from framsteg.indicators.models import Indicator, Municipality, Target
from framsteg.indicators.services.releases import MeasurementRow, store_release
from framsteg.steering.models import Area, CandidateTarget, Commitment, SteeringDocument

DATA_DIR = settings.BASE_DIR / "data" / "botkyrka"

INDICATOR_FIELDS = [
    "name",
    "description",
    "unit",
    "direction",
    "source_kind",
    "kolada_kpi",
    "source_name",
    "source_url",
    "source_note",
]


class Command(BaseCommand):
    help = "Load Botkyrka's default indicators, targets and bundled values (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR)

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        data_dir: Path = options["data_dir"]
        spec = json.loads((data_dir / "indicators.json").read_text(encoding="utf-8"))
        document = SteeringDocument.objects.filter(slug=spec["document"]).first()
        if document is None:
            raise CommandError(f"The document {spec['document']!r} is not loaded: run load_botkyrka first.")
        self.load_municipalities(spec)
        stored = 0
        for entry in spec["indicators"]:
            indicator = self.load_indicator(entry, document)
            for release in entry["releases"]:
                stored += self.load_release(indicator, release, data_dir / "indicator-values")
        if options["verbosity"]:
            self.stdout.write(
                f"{len(spec['indicators'])} indicators; {stored} bundled release(s) stored this time."
            )

    def load_municipalities(self, spec: dict) -> None:
        for entry in spec["municipalities"]:
            Municipality.objects.get_or_create(code=entry["code"], defaults={"name": entry["name"]})
        for entry in spec["groups"]:
            group, created = Municipality.objects.get_or_create(
                code=entry["code"], defaults={"name": entry["name"], "is_group": True}
            )
            if created:
                group.members.add(*entry["members"])

    def load_indicator(self, entry: dict, document: SteeringDocument) -> Indicator:
        defaults = {field: entry[field] for field in INDICATOR_FIELDS}
        if entry["baseline"]:
            defaults["baseline_value"] = Decimal(entry["baseline"]["value"])
            defaults["baseline_period"] = entry["baseline"]["period"]
        indicator, created = Indicator.objects.get_or_create(slug=entry["slug"], defaults=defaults)
        areas = Area.objects.current().filter(document=document)
        linked_areas = [self.one(areas.filter(position=p), f"area {p}") for p in entry["areas"]]
        commitments = Commitment.objects.current().filter(document=document)
        linked_commitments = [
            self.one(commitments.filter(text__contains=text), f"commitment {text!r}")
            for text in entry["commitments"]
        ]
        if created:
            indicator.areas.add(*linked_areas)
            indicator.commitments.add(*linked_commitments)
        for target in entry["targets"]:
            candidate = None
            if target.get("candidate"):
                candidate = CandidateTarget.objects.filter(
                    document=document, text=target["candidate"]
                ).first()
            Target.objects.get_or_create(
                indicator=indicator,
                kind=target["kind"],
                year=target["year"],
                defaults={"value": Decimal(target["value"]), "note": target["note"], "candidate": candidate},
            )
        return indicator

    def load_release(self, indicator: Indicator, release: dict, values_dir: Path) -> int:
        """Store a bundled release unless its label exists; it becomes current only if nothing newer is."""
        if indicator.releases.filter(label=release["label"]).exists():
            return 0
        retrieved_at = datetime.fromisoformat(release["retrieved_at"]).replace(tzinfo=UTC)
        rows = [row for selection in release["rows"] for row in read_rows(values_dir, selection)]
        if not rows:
            raise CommandError(f"No bundled rows for the release {release['label']!r} of {indicator.slug}.")
        newer = indicator.releases.filter(is_current=True, retrieved_at__gt=retrieved_at).exists()
        store_release(
            indicator,
            release["label"],
            rows,
            retrieved_at=retrieved_at,
            source=release["source"],
            make_current=release.get("current", True) and not newer,
        )
        return 1

    @staticmethod
    def one(queryset, what: str):
        found = list(queryset[:2])
        if len(found) != 1:
            raise CommandError(f"Expected exactly one {what} in the platform, found {len(found)}.")
        return found[0]


def read_rows(values_dir: Path, selection: dict) -> list[MeasurementRow]:
    """The rows of one bundled file that a release takes: by KPI, or by series and a part of the source."""
    with (values_dir / selection["file"]).open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    if "kpi" in selection:
        return [
            MeasurementRow(
                municipality=record["municipality"],
                period=int(record["period"]),
                gender=record["gender"],
                value=Decimal(record["value"]),
                source=record["source"],
            )
            for record in records
            if record["kpi"] == selection["kpi"]
        ]
    return [
        MeasurementRow(
            municipality=selection.get("municipality", settings.MUNICIPALITY_CODE),
            period=int(record["period"]),
            value=Decimal(record["value"]),
            source=record["source"],
        )
        for record in records
        if record["series"] == selection["series"] and selection["source_contains"] in record["source"]
    ]
