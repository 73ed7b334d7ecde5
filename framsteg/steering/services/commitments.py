"""Staff edits of a commitment's follow-up set-up: who answers for it. Every change is recorded."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from framsteg.audit.services import audited, nothing_changed, record
from framsteg.organisations.models import Organisation
from framsteg.steering.models import Commitment, Responsibility


def _owners(commitment: Commitment) -> list[dict]:
    return [
        {"organisation": row.organisation.name, "basis": row.basis}
        for row in commitment.responsibilities.select_related("organisation").order_by("organisation__name")
    ]


@audited("steering.set_owners")
@transaction.atomic
def set_owners(commitment: Commitment, organisations: Iterable[Organisation], *, by) -> list[Responsibility]:
    """Make `organisations` the commitment's owners: new ones are assigned by staff, others are removed.

    An owner kept keeps its basis (named in the document, suggested at import). Removing an owner never
    touches the reports it made: they stay in the history under its name.
    """
    chosen = {organisation.pk: organisation for organisation in organisations}
    before = _owners(commitment)
    current = {row.organisation_id: row for row in commitment.responsibilities.all()}
    removed = [pk for pk in current if pk not in chosen]
    added = [organisation for pk, organisation in chosen.items() if pk not in current]
    if not removed and not added:
        nothing_changed()
        return list(current.values())
    Responsibility.objects.filter(commitment=commitment, organisation_id__in=removed).delete()
    for organisation in added:
        Responsibility.objects.create(
            commitment=commitment, organisation=organisation, basis=Responsibility.Basis.ASSIGNED
        )
    record(
        "steering.set_owners",
        target=commitment,
        actor=by,
        before={"owners": before},
        after={"owners": _owners(commitment)},
    )
    return list(commitment.responsibilities.all())
