"""A plan the size of Botkyrka's platform, with the kinds of history that cost queries when shown."""

from __future__ import annotations

from framsteg.steering.models import CandidateTarget, CommitmentRevision, Evidence
from tests import factories


def build_plan(areas: int = 10, per_area: int = 10) -> dict:
    """`areas` × `per_area` commitments; every other one reported, with evidence and a correction."""
    owner = factories.make_organisation("Kultur- och fritidsnämnden", slug="kultur")
    document = factories.make_document("Stor plattform", slug="stor-plattform")
    version = document.current_version
    period = factories.make_period("tertial", 2026, is_open=True)
    commitments = []
    for area_number in range(1, areas + 1):
        area = factories.make_area(document, f"Område {area_number}", slug=f"omrade-{area_number}")
        area.responsible.add(owner)
        for number in range(1, per_area + 1):
            commitment = factories.make_commitment(area, f"Åtagande {area_number}.{number}", [owner])
            commitments.append(commitment)
            if number % 2:
                first = factories.report(commitment, period, "in_progress", 30, organisation=owner)
                Evidence.objects.create(
                    status_update=first, title="Protokoll", url="https://example.org/p.pdf"
                )
                factories.report(commitment, period, "done", 100, corrects=first, correction_note="Klart")
            CommitmentRevision.objects.create(
                commitment=commitment, version=version, previous_text="Förr", new_text=commitment.text
            )
            CandidateTarget.objects.create(
                document=document,
                version=version,
                area=area,
                commitment=commitment,
                text="500 bostäder",
                value="500",
                unit="bostäder",
                context=commitment.text,
                source_start=0,
                source_end=5,
            )
    return {"document": document, "commitments": commitments, "owner": owner, "period": period}
