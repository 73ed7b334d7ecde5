"""framsteg report --period PERIOD [--scope plan|area|organisation|long-term] [--area AREA]
[--organisation ORGANISATION] --format html|docx|pdf --output FILE: a report to the council, built from the
period's approved reports, as a file (nothing is frozen or stored)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from framsteg.core import documents
from framsteg.organisations.models import Organisation
from framsteg.reports.selectors.council import (
    AREA,
    ORGANISATION,
    SCOPES,
    Scope,
    find_period,
    period_choices,
    period_code,
)
from framsteg.reports.services.snapshots import build_document
from framsteg.steering.models import Area, SteeringDocument

FORMATS = ("html", "docx", "pdf")


def find_area(name: str) -> Area | None:
    areas = Area.objects.current().filter(document__standing=SteeringDocument.Standing.ADOPTED)
    name = name.strip()
    found = areas.filter(Q(slug=name) | Q(title__iexact=name))
    if name.isdigit():
        found = areas.filter(pk=int(name)) | found
    return found.order_by("document__title", "position").first()


def find_organisation(name: str) -> Organisation | None:
    name = name.strip()
    return Organisation.objects.filter(Q(slug=name) | Q(name__iexact=name)).first()


class Command(BaseCommand):
    help = (
        "A report to the council for a follow-up period, from the approved reports: the whole plan, one "
        "area, one organisation (nämnd) or the long-term goals, as HTML, Word (.docx) or a tagged PDF."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--period",
            required=True,
            help="The period's code (e.g. 2026-tertial, 2026-interim, 2026-annual) or latest.",
        )
        parser.add_argument("--scope", choices=SCOPES, default="plan")
        parser.add_argument("--area", default="", help="For --scope area: the area's slug, title or id.")
        parser.add_argument(
            "--organisation", default="", help="For --scope organisation: the organisation's slug or name."
        )
        parser.add_argument("--format", choices=FORMATS, required=True)
        parser.add_argument("--output", type=Path, required=True, metavar="FILE", help="Write to this file.")

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        period = find_period(options["period"])
        if period is None:
            known = ", ".join(period_code(p) for p in period_choices()) or _("none")
            raise CommandError(
                _("There is no follow-up period “%(period)s”. Periods: %(known)s, or latest.")
                % {"period": options["period"], "known": known}
            )
        scope = Scope(options["scope"])
        if scope.kind == AREA:
            scope.area = find_area(options["area"]) if options["area"] else None
            if scope.area is None:
                areas = Area.objects.current().filter(
                    document__standing=SteeringDocument.Standing.ADOPTED, commitments__isnull=False
                )
                known = ", ".join(sorted({area.slug for area in areas}))
                raise CommandError(
                    _("Name the area with --area (its slug, title or id).")
                    + " "
                    + _("Areas: %(list)s") % {"list": known}
                )
        if scope.kind == ORGANISATION:
            scope.organisation = (
                find_organisation(options["organisation"]) if options["organisation"] else None
            )
            if scope.organisation is None:
                known = ", ".join(
                    Organisation.objects.exclude(kind="partner")
                    .order_by("slug")
                    .values_list("slug", flat=True)
                )
                raise CommandError(
                    _("Name the organisation with --organisation (its slug or name).")
                    + " "
                    + _("Organisations: %(list)s") % {"list": known}
                )
        document = build_document(period, scope, built_by="framsteg report")
        kind = options["format"]
        output: Path = options["output"]
        if kind == "html":
            output.write_text(documents.render_html(document), encoding="utf-8")
        elif kind == "pdf":
            try:
                content = documents.render_document_pdf(document, base_url=settings.SITE_URL)
            except documents.DocumentRendererMissing as error:
                raise CommandError(str(error)) from None
            output.write_bytes(content)
        else:
            output.write_bytes(documents.render_docx(document, base_url=settings.SITE_URL))
        self.stderr.write(_("Written to %(path)s.") % {"path": output})
