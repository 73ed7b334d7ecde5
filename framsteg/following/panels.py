"""The "follow" box on the plan's commitment and area pages: by e-mail or by Atom feed."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse


def commitment_panel(request, commitment) -> str:
    if not commitment.document.carries_commitments or commitment.removed_in_id:
        return ""
    context = {
        "email_url": reverse("following:follow") + f"?atagande={commitment.pk}",
        "feed_url": reverse("following:commitment-feed", args=[commitment.pk]),
    }
    return render_to_string("following/public/panel.html", context, request=request)


def area_panel(request, area, commitments) -> str:
    if not area.document.carries_commitments:
        return ""
    context = {
        "email_url": reverse("following:follow") + f"?omrade={area.pk}",
        "feed_url": reverse("public:area-feed", args=[area.document.slug, area.slug]),
    }
    return render_to_string("following/public/panel.html", context, request=request)
