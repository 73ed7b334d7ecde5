"""framsteg lagesbild --week YYYY-Www [--area NAME] --format json|html|pdf|docx [--output FILE]: the weekly
picture of an area, for the whole municipality's included events, as figures or as a document."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from framsteg.core import documents
from framsteg.places.models import Area, District
from framsteg.situation.models import NamedPlace
from framsteg.situation.selectors.geo import parse_week
from framsteg.situation.selectors.picture import find_scope, weekly_picture
from framsteg.situation.selectors.picture_documents import picture_document, picture_json

FORMATS = ("json", "html", "pdf", "docx")


def accepted_areas() -> str:
    """What --area accepts, listed for the error message."""
    districts = ", ".join(f"{d.name} ({d.slug})" for d in District.objects.order_by("name"))
    areas = ", ".join(f"{a.code} {a.name}" for a in Area.objects.order_by("code"))
    places = ", ".join(
        f"{p.name} ({p.slug})" for p in NamedPlace.objects.filter(is_active=True).order_by("name")
    )
    none = _("none")
    return "\n".join(
        [
            _("--area accepts, besides nothing for the whole municipality:"),
            _("  a kommundel's name or slug: %(list)s") % {"list": districts or none},
            _("  a RegSO area's code or name: %(list)s") % {"list": areas or none},
            _("  a named place's name or slug: %(list)s") % {"list": places or none},
        ]
    )


class Command(BaseCommand):
    help = (
        "The weekly situation picture of an ISO week and an area, from the events included in the joint "
        "picture: per event type the week's count compared with the previous 4 weeks, the previous 12 weeks "
        "and the same weeks a year earlier, the totals and the weekday × hour grid, as JSON or as an HTML, "
        "PDF or Word document. Written to standard output unless --output names a file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--week", required=True, metavar="YYYY-Www", help="The ISO week, e.g. 2026-W48.")
        parser.add_argument(
            "--area",
            default="",
            metavar="NAME",
            help="A kommundel (name or slug), a RegSO area (code or name) or a named place (name or slug); "
            "the whole municipality when left out.",
        )
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("--output", type=Path, metavar="FILE", help="Write to this file.")

    def handle(self, *args, **options) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        week = parse_week(options["week"])
        if week is None:
            raise CommandError(
                _("“%(week)s” is not an ISO week; write it as 2026-W48.") % {"week": options["week"]}
            )
        scope = find_scope(options["area"])
        if scope is None:
            raise CommandError(
                _("There is no area “%(area)s”.") % {"area": options["area"]} + "\n" + accepted_areas()
            )
        picture = weekly_picture(week, scope)
        content = self.render(picture, options["format"])
        output: Path | None = options["output"]
        if output is not None:
            if isinstance(content, str):
                output.write_text(content, encoding="utf-8")
            else:
                output.write_bytes(content)
            self.stderr.write(_("Written to %(path)s.") % {"path": output})
            return
        if isinstance(content, str):
            self.stdout.write(content, ending="" if content.endswith("\n") else "\n")
        else:
            stream = getattr(self.stdout, "_out", sys.stdout)
            buffer = getattr(stream, "buffer", None)
            if buffer is None:
                raise CommandError(_("Standard output takes no binary data here; use --output FILE."))
            stream.flush()
            buffer.write(content)
            buffer.flush()

    def render(self, picture, kind: str) -> str | bytes:
        if kind == "json":
            return json.dumps(picture_json(picture), ensure_ascii=False, indent=2) + "\n"
        document = picture_document(picture)
        if kind == "html":
            return documents.render_html(document)
        if kind == "pdf":
            try:
                return documents.render_pdf(
                    documents.render_html(document),
                    base_url=settings.SITE_URL,
                    title=document.title,
                    language=document.language,
                )
            except documents.DocumentRendererMissing as error:
                raise CommandError(str(error)) from None
        return documents.render_docx(document, base_url=settings.SITE_URL)
