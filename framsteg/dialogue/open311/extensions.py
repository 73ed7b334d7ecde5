"""The `extensions=true` extension: more of each service request's public facts, in `extended_attributes`.

Several Open311 servers (Chicago's among them) add `extended_attributes` to each request when a client asks
with `extensions=true`. Here it holds what the public pages show beyond the spec's fields: the district
(kommundel), the kind of report, the detailed status behind `open`/`closed`, the request it was merged
into, and the plan commitments it is linked to. Nothing in it is more than a public page shows.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import prefetch_related_objects
from django.http import QueryDict

from framsteg.dialogue.models import Case
from framsteg.dialogue.open311 import params

PARAMETER = "extensions"


def wanted(data: QueryDict) -> bool:
    """Whether the client asked for the extension; empty or "false" is the same as not asking."""
    return params.flag(data, PARAMETER)


def extended_attributes(case: Case) -> dict:
    """The public facts of a case that the spec's fields leave out; a missing one is null (empty in XML).

    `status_detail` is the case's status (received, in_progress, fixed, answered, closed, duplicate,
    not_ours), `duplicate_of` the reference of the request it was merged into, and `commitments` the ids of
    the linked commitments, as in the public pages' addresses (/atagande/<id>/).
    """
    return {
        "district": case.district.name if case.district else None,
        "kind": case.kind,
        "status_detail": case.status,
        "duplicate_of": case.duplicate_of.reference if case.duplicate_of else None,
        "commitments": sorted(commitment.pk for commitment in case.commitments.all()),
    }


def extend(requests: list[dict], cases: Sequence[Case]) -> list[dict]:
    """Add `extended_attributes` to each service request of `cases` (in the same order), in a few queries."""
    prefetch_related_objects(list(cases), "district", "duplicate_of", "commitments")
    for service_request, case in zip(requests, cases, strict=True):
        service_request["extended_attributes"] = extended_attributes(case)
    return requests
