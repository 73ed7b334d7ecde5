"""Categorising a resident's safety report into the picture: the event type, the place (the case's position
or district, or a named place), the time and the text that will be shared, with no personal data."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from framsteg.dialogue.models import Case
from framsteg.situation.forms.incidents import IncidentForm
from framsteg.situation.services.incidents import IncidentData
from framsteg.situation.services.residents import proposed_place, proposed_text, shared_text_findings

LEFT_OUT = ("photos", "organisation", "assessment", "confirm_personal_data", "police_reported")


class CaseIncidentForm(IncidentForm):
    use_position = forms.BooleanField(
        label=_("Place it at the position the resident gave"),
        required=False,
        help_text=_("Partners see it at block level at most."),
    )

    def __init__(self, *args, case: Case, **kwargs) -> None:
        self.case = case
        happened = timezone.localtime(case.happened_at or case.created_at)
        initial = {
            "occurred_on": happened.date(),
            "occurred_time": happened.time().replace(second=0, microsecond=0) if case.happened_at else None,
            "time_unknown": case.happened_at is None,
            "description": proposed_text(case),
            "place_text": proposed_place(case),
            "use_position": case.latitude is not None,
            "events": 1,
        }
        super().__init__(*args, initial=initial, **kwargs)
        for name in LEFT_OUT:
            del self.fields[name]
        if case.latitude is None or case.longitude is None:
            del self.fields["use_position"]
        self.fields["description"].label = _("Text shared in the picture")
        self.fields["description"].help_text = _(
            "Proposed from the text approved for publication, or the resident's text with what the automatic "
            "check found removed. Describe the place and the situation, never a person."
        )
        self.fields["place_text"].help_text = _("A place name that points at no home, e.g. the district.")

    @property
    def has_position(self) -> bool:
        return "use_position" in self.fields

    def _clean_position(self, cleaned: dict) -> None:
        if cleaned.get("use_position") and self.has_position:
            cleaned["latitude"], cleaned["longitude"] = self.case.latitude, self.case.longitude
            return
        cleaned["latitude"] = cleaned["longitude"] = None
        if cleaned.get("named_place") is None and not cleaned.get("place_text", "").strip():
            self.add_error(
                "place_text", _("Say where it happened: the position, a named place or a place name.")
            )

    def check_personal_data(self, cleaned: dict) -> None:
        """Refused, not warned: the resident's personal data never reaches the partners."""
        for name in ("description", "place_text"):
            findings = shared_text_findings(self.case, cleaned.get(name, ""))
            if findings:
                self.add_error(
                    name,
                    ValidationError(
                        _("Remove the personal data the check finds: %(found)s."),
                        params={"found": ", ".join(f"“{text}” ({kind})" for kind, text in findings)},
                    ),
                )

    def incident_data(self) -> IncidentData:
        data = self.cleaned_data
        return IncidentData(
            category=data["category"],
            occurred_at=data["occurred_at"],
            ended_at=data.get("ended_at"),
            time_known=not data.get("time_unknown"),
            events=data["events"],
            named_place=data.get("named_place"),
            place_text=data.get("place_text", ""),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            setting=data["setting"],
            description=data.get("description", ""),
        )
