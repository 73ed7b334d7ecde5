"""Changes staff make to a steering document's particulars: adopted or a proposal, by whom and when."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from framsteg.audit.services import audited, record
from framsteg.organisations.models import Organisation
from framsteg.steering.models import Area, Responsibility, SteeringDocument

FIELDS = ("standing", "adopted_by_body", "adopted_by", "adopted_on", "proposed_by")


def _state(document: SteeringDocument) -> dict:
    return {
        "standing": document.standing,
        "adopted_by_body": document.adopted_by_body,
        "adopted_by": document.adopted_by.slug if document.adopted_by else None,
        "adopted_on": document.adopted_on.isoformat() if document.adopted_on else None,
        "proposed_by": document.proposed_by,
    }


@audited("steering.set_standing")
@transaction.atomic
def set_standing(
    document: SteeringDocument,
    *,
    standing: str,
    adopted_by_body: str = "",
    adopted_by: Organisation | None = None,
    adopted_on: date | None = None,
    proposed_by: str = "",
    by,
) -> SteeringDocument:
    """Record whether a document is adopted (by which body, when) or a proposal (by whom).

    A document that becomes a proposal loses its owners: nobody reports on a proposal's points. Its status
    history, if any was reported while it was taken for adopted, stays (history is never deleted) but is no
    longer counted anywhere.
    """
    if standing not in SteeringDocument.Standing.values:
        raise ValidationError(_("Choose whether the document is adopted or a proposal."))
    if standing == SteeringDocument.Standing.PROPOSAL and not proposed_by.strip():
        raise ValidationError(_("Say which party or group made the proposal."))
    before = _state(document)
    document.standing = standing
    if standing == SteeringDocument.Standing.PROPOSAL:
        document.proposed_by = proposed_by.strip()
        document.adopted_by_body = ""
        document.adopted_by = None
    else:
        document.adopted_by_body = adopted_by_body
        document.adopted_by = adopted_by
        document.proposed_by = ""
    document.adopted_on = adopted_on
    document.save(update_fields=[*FIELDS, "updated_at"])
    removed_owners = 0
    if document.is_proposal:
        removed_owners, _counts = Responsibility.objects.filter(commitment__document=document).delete()
        for area in Area.objects.filter(document=document):
            area.responsible.clear()
    record(
        "steering.set_standing",
        target=document,
        actor=by,
        before=before,
        after=_state(document),
        details={"owners_removed": removed_owners} if removed_owners else None,
    )
    return document
