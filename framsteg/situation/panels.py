"""What the situation picture adds to lower apps' pages (`framsteg.core.panels`)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse

from framsteg.situation import rules
from framsteg.situation.models import Incident


def case_panel(request, case, **_context):
    """On a safety report's staff page: whether it is in the joint picture, or the way to put it there."""
    if not rules.may_include_case(request.user, case):
        return None
    incident = Incident.objects.filter(case=case).first()
    return render_to_string(
        "situation/partner/intake_case_panel.html",
        {
            "case": case,
            "incident": incident,
            "incident_visible": incident is not None
            and rules.visible_incidents(request.user).filter(pk=incident.pk).exists(),
            "include_url": reverse("situation:incident-from-case", args=[case.year, f"{case.number:05d}"]),
        },
        request=request,
    )
