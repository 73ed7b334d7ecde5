"""`{% case_outcome case %}`: what happened to a case, in one sentence for the public case page.

A closed case says how it ended (fixed, or the resident answered), a case opened again says so; other
statuses need no sentence there (the page names the case a duplicate was merged into and whom a case was
forwarded to). Worded from the status history, never as a hedge.
"""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from framsteg.dialogue.models import Case, CaseEvent
from framsteg.dialogue.services.notifications import status_outcome

register = template.Library()


@register.simple_tag
def case_outcome(case: Case) -> str:
    if case.status == Case.Status.CLOSED:
        outcome = status_outcome(case, case.status)
    elif case.status == Case.Status.IN_PROGRESS:
        last = case.events.filter(kind=CaseEvent.Kind.STATUS).order_by("-created_at", "-pk").first()
        outcome = status_outcome(case, case.status, last.data.get("before", "") if last else "")
    else:
        return ""
    return {
        "closed_fixed": _("Closed: what was reported has been fixed."),
        "closed_answered": _("Closed: the municipality has answered the resident."),
        "reopened": _("Opened again: the municipality is working on it."),
    }.get(outcome, "")
