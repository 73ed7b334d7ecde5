"""Atom feeds of status updates, for the whole plan and for one area, so anyone can follow changes."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from framsteg.steering.models import Area, StatusUpdate, SteeringDocument
from framsteg.steering.selectors import newest_first

FEED_LENGTH = 50


def recent_updates() -> QuerySet[StatusUpdate]:
    related = ("status", "period", "organisation", "commitment__area", "corrects")
    adopted = StatusUpdate.objects.filter(commitment__document__standing=SteeringDocument.Standing.ADOPTED)
    return newest_first(adopted.select_related(*related))


class PlanUpdatesFeed(Feed):
    feed_type = Atom1Feed

    def title(self) -> str:
        return _("Status updates in the plan")

    def subtitle(self) -> str:
        return _("Every status reported on the plan's commitments, newest first.")

    def link(self) -> str:
        return reverse("public:home")

    def items(self) -> QuerySet[StatusUpdate]:
        return recent_updates()[:FEED_LENGTH]

    def item_title(self, update: StatusUpdate) -> str:
        values = {
            "reference": update.commitment.reference,
            "commitment": update.commitment,
            "status": update.status.label,
            "progress": update.progress,
        }
        if update.progress is None:
            title = _("%(reference)s %(commitment)s: %(status)s") % values
        else:
            title = _("%(reference)s %(commitment)s: %(status)s %(progress)s %%") % values
        return _("Correction: %(title)s") % {"title": title} if update.corrects_id else title

    def item_description(self, update: StatusUpdate) -> str:
        parts = [update.period.short_label]
        if update.comment:
            parts.append(update.comment)
        if update.reason:
            parts.append(_("Reason: %(reason)s") % {"reason": update.reason})
        if update.corrects_id:
            parts.append(_("Corrects: %(note)s") % {"note": update.correction_note})
        # Atom readers show the summary as HTML: what staff wrote is text, so it is escaped, a paragraph each.
        return "".join(f"<p>{escape(part)}</p>" for part in parts)

    def item_link(self, update: StatusUpdate) -> str:
        return f"{update.commitment.get_absolute_url()}#update-{update.pk}"

    def item_pubdate(self, update: StatusUpdate):
        return update.created_at

    def item_updateddate(self, update: StatusUpdate):
        return update.created_at

    def item_author_name(self, update: StatusUpdate) -> str:
        if update.organisation and update.organisation.name != update.author_name:
            return f"{update.author_name}, {update.organisation.name}"
        return update.author_name


class AreaUpdatesFeed(PlanUpdatesFeed):
    def get_object(self, request: HttpRequest, document_slug: str, area_slug: str) -> Area:
        return get_object_or_404(
            Area.objects.select_related("document"), document__slug=document_slug, slug=area_slug
        )

    def title(self, area: Area) -> str:
        return _("Status updates: %(area)s") % {"area": area.title}

    def subtitle(self, area: Area) -> str:
        return _("Every status reported on the commitments of %(area)s in %(document)s, newest first.") % {
            "area": area.title,
            "document": area.document.title,
        }

    def link(self, area: Area) -> str:
        return area.get_absolute_url()

    def items(self, area: Area) -> QuerySet[StatusUpdate]:
        return recent_updates().filter(commitment__area=area)[:FEED_LENGTH]
