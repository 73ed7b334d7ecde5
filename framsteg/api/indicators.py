"""Read-only endpoints for indicators, their measurements and carbon budgets."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Path, Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from framsteg.api import schemas
from framsteg.api.pagination import ShapedPagination
from framsteg.api.parameters import ID, SLUG, TEXT_PATTERN
from framsteg.indicators import carbon
from framsteg.indicators.assessment import Assessment, assess_indicators, total_series
from framsteg.indicators.models import CarbonBudget, Indicator, Measurement, Release

router = Router(tags=["indicators"])

NOT_FOUND = {404: schemas.Message}
GENDER_FILTER = Query(None, description="T (total), K (women) or M (men).")


def decimal(value: Any) -> str | None:
    return None if value is None else str(value)


def release_shape(release: Release | None) -> dict[str, Any] | None:
    if release is None:
        return None
    return {
        "id": release.pk,
        "label": release.label,
        "source": release.source,
        "retrieved_at": release.retrieved_at,
        "is_current": release.is_current,
    }


def indicator_shape(assessment: Assessment) -> dict[str, Any]:
    indicator = assessment.indicator
    headline = assessment.headline
    latest = assessment.latest
    return {
        "slug": indicator.slug,
        "name": indicator.name,
        "description": indicator.description,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "source": {
            "kind": indicator.source_kind,
            "name": indicator.source_name,
            "url": indicator.source_url,
            "note": indicator.source_note,
            "kolada_kpi": indicator.kolada_kpi,
            "kolada_title": indicator.kolada_title,
            "kolada_description": indicator.kolada_description,
        },
        "baseline": {"value": decimal(indicator.baseline_value), "period": indicator.baseline_period},
        "areas": [area.pk for area in indicator.areas.all()],
        "commitments": [commitment.pk for commitment in indicator.commitments.all()],
        "targets": [
            {
                "kind": item.target.kind,
                "value": decimal(item.target.value),
                "year": item.target.year,
                "note": item.target.note,
                "candidate": item.target.candidate_id,
                "verdict": item.verdict.value,
            }
            for item in assessment.judgements
        ],
        "current_release": release_shape(assessment.release),
        "latest": {"period": latest[0], "value": latest[1]} if latest else None,
        "judgement": {
            "verdict": headline.verdict.value,
            "target_value": headline.judgement.target_value,
            "target_year": headline.judgement.target_year,
            "projected": headline.judgement.projected,
            "low": headline.judgement.low,
            "high": headline.judgement.high,
        }
        if headline
        else None,
    }


def indicators_shape(indicators: QuerySet[Indicator]) -> list[dict[str, Any]]:
    found = list(indicators.prefetch_related("areas", "commitments"))
    assessments = assess_indicators(found)
    return [indicator_shape(assessments[indicator.pk]) for indicator in found]


@router.get("indicators", response=list[schemas.IndicatorOut])
@paginate(ShapedPagination, shape=indicators_shape)
def indicators(request: HttpRequest) -> QuerySet[Indicator]:
    """Indicators with their targets, current release, latest value and judgement (see the judgement rule)."""
    return Indicator.objects.order_by("name", "pk")


@router.get("indicators/{slug}", response={200: schemas.IndicatorDetail, **NOT_FOUND})
def indicator(request: HttpRequest, slug: str = Path(..., **SLUG)) -> dict[str, Any]:
    found = indicators_shape(Indicator.objects.filter(slug=slug))
    if not found:
        raise HttpError(404, f"No indicator with the slug “{slug}”.")
    releases = Release.objects.filter(indicator__slug=slug, is_complete=True)
    return {**found[0], "releases": [release_shape(release) for release in releases]}


def measurements_shape(measurements: QuerySet[Measurement]) -> list[dict[str, Any]]:
    return [
        {
            "release": row.release_id,
            "municipality": row.municipality,
            "district": row.district,
            "period": row.period,
            "gender": row.gender,
            "value": decimal(row.value),
            "source": row.source,
        }
        for row in measurements
    ]


@router.get("indicators/{slug}/measurements", response={200: list[schemas.MeasurementOut], **NOT_FOUND})
@paginate(ShapedPagination, shape=measurements_shape)
def measurements(
    request: HttpRequest,
    slug: str = Path(..., **SLUG),
    municipality: str | None = Query(
        None, description="Only this municipality, Riket (0000) or group (G…).", pattern=TEXT_PATTERN
    ),
    gender: Measurement.Gender | None = GENDER_FILTER,
    release: int | None = Query(None, description="A release's id; the current release when left out.", **ID),
) -> QuerySet[Measurement]:
    """The measurements of one release (the current one unless asked), never mixed across releases."""
    indicator = Indicator.objects.filter(slug=slug).first()
    if indicator is None:
        raise HttpError(404, f"No indicator with the slug “{slug}”.")
    releases = indicator.releases.filter(is_complete=True)
    chosen = (
        releases.filter(pk=release).first()
        if release is not None
        else releases.filter(is_current=True).first()
    )
    if release is not None and chosen is None:
        raise HttpError(404, f"The indicator “{slug}” has no release with the id {release}.")
    found = Measurement.objects.filter(release=chosen).order_by(
        "municipality", "district", "period", "gender", "pk"
    )
    if municipality:
        found = found.filter(municipality=municipality)
    if gender:
        found = found.filter(gender=gender)
    return found


def budget_shape(budgets: QuerySet[CarbonBudget]) -> list[dict[str, Any]]:
    shaped = []
    for budget in budgets.select_related("emissions"):
        release = budget.emissions.current_release()
        emissions = dict(total_series(release.measurements.all())) if release else {}
        status = None
        if emissions:
            try:
                status = carbon.budget_status(float(budget.budget_tonnes), budget.start_year, emissions)
            except ValueError:
                status = None
        shaped.append(
            {
                "id": budget.pk,
                "name": budget.name,
                "start_year": budget.start_year,
                "budget_tonnes": decimal(budget.budget_tonnes),
                "required_rate": decimal(budget.required_rate),
                "emissions": budget.emissions.slug,
                "source_note": budget.source_note,
                "release": release_shape(release),
                "status": status.__dict__ if status else None,
            }
        )
    return shaped


@router.get("carbon-budgets", response=list[schemas.CarbonBudgetOut])
@paginate(ShapedPagination, shape=budget_shape)
def carbon_budgets(request: HttpRequest) -> QuerySet[CarbonBudget]:
    """Carbon budgets, each counted against its emissions indicator's current release."""
    return CarbonBudget.objects.order_by("pk")
