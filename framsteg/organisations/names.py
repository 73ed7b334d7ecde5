"""How a member of staff is named wherever others read it: never by their user name.

A user name is a log-in credential's first half and often a person's e-mail-like handle ("kalle.admin"); it
is shown only where accounts are managed (people and roles, the audit log, one's own account). Everywhere
else a person is their full name, or, when none is set, the organisation they act for: the one given (the
organisation a status was reported for), else the organisation of their roles, else the municipality.
"""

from __future__ import annotations

from django.conf import settings

from framsteg.organisations.models import Membership, Organisation


def display_name(user, organisation: Organisation | None = None) -> str:
    if user is None:
        return ""
    full_name = " ".join(part for part in (user.first_name.strip(), user.last_name.strip()) if part)
    if full_name:
        return full_name
    if organisation is not None:
        return organisation.name
    membership = (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
        .first()
        if user.pk
        else None
    )
    return membership.organisation.name if membership else settings.MUNICIPALITY_NAME
