"""What can be followed, and who follows what a publication concerns."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from framsteg.following.models import Subscription
from framsteg.organisations.models import Organisation
from framsteg.steering.models import Area, Commitment, SteeringDocument

Followable = Commitment | Area | Organisation
PREFIXES = {"commitment": Commitment, "area": Area, "organisation": Organisation}


def target_key(target: Followable) -> str:
    """How the sign-up form names what is followed: "commitment-12", "area-3", "organisation-5"."""
    kind = {Commitment: "commitment", Area: "area", Organisation: "organisation"}[type(target)]
    return f"{kind}-{target.pk}"


def followable(key: str) -> Followable | None:
    """The commitment or area of an adopted plan, or the municipality's organisation, a key names."""
    kind, _, number = (key or "").partition("-")
    if kind not in PREFIXES or not number.isdigit():
        return None
    pk = int(number)
    adopted = SteeringDocument.Standing.ADOPTED
    if kind == "commitment":
        return Commitment.objects.reportable().select_related("area", "document").filter(pk=pk).first()
    if kind == "area":
        return (
            Area.objects.current()
            .filter(document__standing=adopted, pk=pk)
            .select_related("document")
            .first()
        )
    return Organisation.objects.exclude(kind=Organisation.Kind.PARTNER).filter(pk=pk).first()


def organisations() -> QuerySet[Organisation]:
    """Organisations whose commitments can be followed: the municipality's own that answer for some."""
    return (
        Organisation.objects.exclude(kind=Organisation.Kind.PARTNER)
        .filter(Q(responsibilities__isnull=False) | Q(children__responsibilities__isnull=False))
        .distinct()
        .order_by("name")
    )


def _with_ancestors(organisation_ids: set[int]) -> set[int]:
    parents = dict(Organisation.objects.values_list("pk", "parent_id"))
    found: set[int] = set()
    for pk in organisation_ids:
        while pk is not None and pk not in found:
            found.add(pk)
            pk = parents.get(pk)
    return found


def with_descendants(organisation: Organisation) -> set[int]:
    """The organisation and every organisation below it."""
    children: dict[int, list[int]] = {}
    for pk, parent in Organisation.objects.values_list("pk", "parent_id"):
        if parent is not None:
            children.setdefault(parent, []).append(pk)
    found, frontier = {organisation.pk}, [organisation.pk]
    while frontier:
        for child in children.get(frontier.pop(), []):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


def _area_and_ancestors(area: Area) -> set[int]:
    found: set[int] = set()
    while area is not None and area.pk not in found:
        found.add(area.pk)
        area = area.parent
    return found


def followers_of_commitment(commitment: Commitment) -> QuerySet[Subscription]:
    """Confirmed followers of the commitment, of its area (or a goal above it), or of an organisation that
    answers for it (or one above that organisation)."""
    owners = set(commitment.responsibilities.values_list("organisation_id", flat=True))
    return Subscription.objects.filter(confirmed_at__isnull=False).filter(
        Q(commitment=commitment)
        | Q(area__in=_area_and_ancestors(commitment.area))
        | Q(organisation__in=_with_ancestors(owners))
    )


def followers_of_area(area: Area) -> QuerySet[Subscription]:
    """Confirmed followers of the goal (or one above it) or of an organisation responsible for it."""
    owners = set(area.responsible.values_list("pk", flat=True))
    return Subscription.objects.filter(confirmed_at__isnull=False).filter(
        Q(area__in=_area_and_ancestors(area)) | Q(organisation__in=_with_ancestors(owners))
    )
