"""The incident pages' part of the access matrix's world: a partner's included report with a photo, and a
resident's safety report categorised into the picture (whose page partners see without the resident's data).
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils import timezone

from framsteg.situation.models import IncidentPhoto
from framsteg.situation.services.incidents import IncidentData
from framsteg.situation.services.residents import include_case
from tests.dialogue.factories import jpeg_bytes
from tests.situation import factories


def intake_args(people: dict, safety, police) -> dict:
    category = factories.make_category("Samling i trapphus", nature="insecurity", code="matris-samling")
    report = factories.make_incident(category, police, status="included")
    photo = IncidentPhoto(incident=report)
    photo.image.save("matrix.jpg", ContentFile(jpeg_bytes()), save=False)
    photo.save()
    resident = include_case(
        safety,
        IncidentData(
            category=category,
            occurred_at=timezone.now(),
            place_text="Fittja",
            description="Ett gäng samlas i trapphuset på kvällarna.",
        ),
        by=people["coordinator"],
    )
    reference = {"year": safety.year, "number": f"{safety.number:05d}"}
    return {
        "situation:incident": {"pk": resident.pk},
        "situation:incident-edit": {"pk": report.pk},
        "situation:incident-photo": {"pk": report.pk, "photo": photo.pk},
        "situation:incident-review-one": {"pk": report.pk},
        "situation:incident-from-case": reference,
    }
