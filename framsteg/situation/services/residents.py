"""Residents' safety reports into the joint picture: an officer who handles the case categorises it, and an
incident is made from what may be shared.

The incident carries none of the resident's personal data: no name, e-mail address or telephone number, not
the resident's own words (only the text the officer shares, with what the automatic check finds removed and
refused), no photos (they may show people), and no reporter. Partners see the incident, never the case.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from framsteg.audit.services import audited, record
from framsteg.core.access import Role, access_for
from framsteg.dialogue.models import SHOWN_REVIEWS, Case, CaseKind
from framsteg.dialogue.redaction import find_personal_data, kind_label, redact, remove_bidi_controls
from framsteg.organisations.models import Organisation
from framsteg.situation import rules, summaries
from framsteg.situation.models import Incident
from framsteg.situation.services.incidents import IncidentData, _apply, check, resolve_location

READS = ("proposed_text", "proposed_place", "shared_text_findings", "handling_organisation")

# What the audit entry holds of an incident made from a case: never its texts.
AUDITED_FIELDS = ("category_id", "organisation_id", "district_id", "area_id", "occurred_at", "status")


def proposed_text(case: Case) -> str:
    """The text to start from: the published text where a case officer approved one, else the resident's
    text with everything the automatic check finds removed (street addresses too)."""
    if case.text_review in SHOWN_REVIEWS and case.published_text.strip():
        return case.published_text.strip()
    names = [case.contact_name] if case.contact_name else []
    return redact(case.description, names, keep=()).strip()


def proposed_place(case: Case) -> str:
    """A place name that points at no home: the approved published place, else the district's name."""
    if case.text_review in SHOWN_REVIEWS and case.published_place.strip():
        return case.published_place.strip()
    return case.district.name if case.district_id else ""


def shared_text_findings(case: Case, text: str) -> list[tuple[str, str]]:
    """(kind, text) of the personal data found in a text meant for the picture, the case's contact
    details wherever they appear included."""
    names = [case.contact_name] if case.contact_name else []
    found = [(kind_label(f.kind), text[f.start : f.end]) for f in find_personal_data(text, names)]
    folded = text.casefold()
    for value in (case.contact_email, case.contact_phone):
        if value and value.casefold() in folded:
            found.append((kind_label("email" if "@" in value else "phone"), value))
    digits = "".join(ch for ch in text if ch.isdigit())
    phone_digits = "".join(ch for ch in case.contact_phone if ch.isdigit())
    if (
        len(phone_digits) >= 6
        and phone_digits in digits
        and not any(v == case.contact_phone for _k, v in found)
    ):
        found.append((kind_label("phone"), case.contact_phone))
    return found


def handling_organisation(case: Case, by) -> Organisation:
    """The municipality's organisation that handles the case, or else the coordinator's own."""
    if case.organisation_id is not None:
        return case.organisation
    access = access_for(by)
    ids = access.organisation_ids(Role.COORDINATOR) or access.organisation_ids(Role.CASE_OFFICER)
    organisation = Organisation.objects.filter(pk__in=ids).order_by("parent_id", "name").first()
    if organisation is None:
        raise ValidationError(
            _("Route the case to an organisation first: the picture names who reported each event.")
        )
    return organisation


def _state(incident: Incident) -> dict:
    return {
        name: value.isoformat() if hasattr(value, "isoformat") else value
        for name in AUDITED_FIELDS
        for value in [getattr(incident, name)]
    } | {"source": incident.source, "case_id": incident.case_id}


@audited("situation.include_case")
def include_case(case: Case, data: IncidentData, *, by) -> Incident:
    """Make the case's incident in the picture from `data` (the officer's categorisation).

    Coordinators' categorisations are included at once (they are the review); a case officer's waits in the
    coordinators' review queue like any report.
    """
    if case.kind != CaseKind.SAFETY:
        raise ValidationError(_("Only safety reports are categorised into the picture."))
    if Incident.objects.filter(case=case).exists():
        raise ValidationError(_("This report is already in the picture."))
    data.description = remove_bidi_controls(data.description.strip())
    data.place_text = remove_bidi_controls(data.place_text.strip())
    data.assessment, data.external_id, data.photos = "", "", []
    errors: dict[str, list[str]] = {}
    for name in ("description", "place_text"):
        findings = shared_text_findings(case, getattr(data, name))
        if findings:
            errors[name] = [
                _("Remove the personal data the check finds: %(found)s.")
                % {"found": ", ".join(f"“{text}” ({kind})" for kind, text in findings)}
            ]
    try:
        check(data)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    location = resolve_location(data)
    organisation = handling_organisation(case, by)
    try:
        with transaction.atomic():
            incident = Incident(
                organisation=organisation, reporter=None, source=Incident.Source.RESIDENT, case=case
            )
            _apply(incident, data, location)
            if rules.may_review_incidents(by):
                incident.status = Incident.Status.INCLUDED
                incident.reviewed_by, incident.reviewed_at = by, timezone.now()
            incident.save()
            summaries.changed(summaries.footprint(incident))
            record("situation.include_case", target=incident, actor=by, after=_state(incident))
    except IntegrityError:
        raise ValidationError(_("This report is already in the picture.")) from None
    return incident
