"""Decisions on the links the importer suggests between documents and commitments."""

from __future__ import annotations

from django.utils import timezone

from framsteg.audit.services import audited, record
from framsteg.steering.models import DocumentLink


@audited("steering.decide_link")
def decide_link(link: DocumentLink, state: str, *, by) -> DocumentLink:
    """Confirm or reject a link (`state`), recording who decided it and when."""
    if state not in (DocumentLink.State.CONFIRMED, DocumentLink.State.REJECTED):
        raise ValueError(f"A link is confirmed or rejected, not {state!r}.")
    before = link.state
    link.state = state
    link.decided_by = by
    link.decided_at = timezone.now()
    link.save(update_fields=["state", "decided_by", "decided_at"])
    record(
        "steering.decide_link",
        target=link,
        actor=by,
        before={"state": before},
        after={"state": state, "document": link.document_id, "commitment": link.commitment_id},
    )
    return link
