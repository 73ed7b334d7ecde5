"""Writes for organisations: assigning and revoking roles. Every public function is `@audited`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from framsteg.audit.services import audited, record
from framsteg.core.access import Role
from framsteg.organisations.access import MUNICIPAL_ONLY_ROLES, grant_allowed
from framsteg.organisations.models import Membership, Organisation
from framsteg.organisations.names import display_name


def _describe(membership: Membership) -> dict:
    described = {
        "user": membership.user.get_username(),
        "organisation": membership.organisation.name,
        "role": membership.role,
    }
    if membership.role == Role.PARTNER:
        described["districts"] = [district.name for district in membership.districts.all()]
    return described


@audited("organisations.assign_role")
def assign_role(user, organisation: Organisation, role: str, *, districts=(), by=None) -> Membership:
    """Give `user` the role in `organisation` (and the organisations below it); a partner's role can be
    limited to some districts.

    Refuses, with a ValidationError that says why, what `grant_allowed` forbids: coordinator and
    administrator are never granted through a partner organisation, and partner only through one.
    """
    if role not in Role.values:
        raise ValidationError(_("Unknown role."), code="unknown_role")
    if not grant_allowed(role, organisation.kind):
        if role in MUNICIPAL_ONLY_ROLES:
            message = _(
                "%(role)s cannot be given through %(organisation)s: it is an external partner, and this role "
                "belongs to the municipality's own organisations."
            )
        else:
            message = _(
                "%(role)s can only be given through an external partner organisation or a municipal "
                "company, and %(organisation)s is neither."
            )
        raise ValidationError(
            message % {"role": Role(role).label, "organisation": organisation.name}, code="not_allowed"
        )
    districts = list(districts)
    if districts and role != Role.PARTNER:
        raise ValidationError(_("Only a partner's role is limited to districts."), code="districts")
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=organisation, role=role
        )
        if created and districts:
            membership.districts.set(districts)
    if not created:
        raise ValidationError(
            _("%(name)s already has this role in %(organisation)s.")
            % {"name": display_name(user), "organisation": organisation.name},
            code="exists",
        )
    record("organisations.assign_role", target=membership, actor=by, before=None, after=_describe(membership))
    return membership


@audited("organisations.revoke_role")
def revoke_role(membership: Membership, *, by=None) -> None:
    before = _describe(membership)
    label = str(membership)
    pk = membership.pk
    membership.delete()
    record(
        "organisations.revoke_role",
        actor=by,
        before=before,
        target_type="organisations.membership",
        target_id=str(pk),
        target_label=label,
    )
