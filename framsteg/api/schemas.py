"""Typed mirrors of the shapes in `framsteg.steering.exports`, so the OpenAPI schema describes them.

Field order here is the key order of the export; a test keeps the API and the export identical.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema


class OrganisationRef(Schema):
    id: int
    slug: str
    name: str


class Responsible(OrganisationRef):
    basis: str = Field(description="named (in the document), assigned (by staff) or suggested (at import).")


class OrganisationOut(Schema):
    id: int
    slug: str
    name: str
    kind: str
    parent: str | None = Field(description="The parent organisation's slug.")
    website: str


class PeriodRef(Schema):
    id: int
    kind: str = Field(description="tertial, interim or annual.")
    year: int
    label: str


class PeriodOut(PeriodRef):
    starts_on: date
    ends_on: date
    report_due: date | None
    is_open: bool = Field(description="Whether owners may report for this period now.")


class StatusOut(Schema):
    code: str = Field(description="Stable identifier; use it rather than the label.")
    label: str = Field(description="The name in the language of the request (Accept-Language).")
    name: str
    name_en: str
    name_fi: str
    description: str
    default_progress: int | None
    requires_reason: bool
    is_done: bool
    asks_progress: bool = Field(description="False for statuses reported without a percentage.")
    tone: str
    colour: str = Field(description="#rrggbb, each status its own.")
    pattern: str = Field(description="The pattern drawn with the colour, so that colour is never alone.")
    symbol: str = Field(description="The symbol shown before the name.")
    position: int
    is_active: bool


class DocumentPeriod(Schema):
    start: int | None
    end: int | None


class VersionOut(Schema):
    number: int
    imported_at: datetime
    format: str
    filename: str
    sha256: str = Field(description="SHA-256 of the imported text.")
    changes: dict[str, Any] = Field(description="What changed from the previous version, per the importer.")


class DocumentOut(Schema):
    id: int
    slug: str
    kind: str
    title: str
    period: DocumentPeriod
    adopted_on: date | None
    author: str
    standing: str = Field(
        description=(
            "adopted: its commitments are followed up; proposal: a proposal or party programme, whose points "
            "are compared with what was adopted and never reported on (they are not among /commitments)."
        )
    )
    adopted_by_body: str = Field(description="council, committee, company_board, agreement, other or empty.")
    adopted_by: str | None = Field(description="Slug of the body that adopted the document, if recorded.")
    proposed_by: str = Field(description="The party or group behind a proposal.")
    organisation: str | None = Field(description="Slug of the body the document steers, if one.")
    source_url: str
    source_note: str
    current_version: int | None
    versions: list[VersionOut]


class Rollup(Schema):
    total: int = Field(description="Current commitments.")
    reported: int
    mean_progress: float = Field(
        description="Mean progress in %, unreported commitments counting as 0 and those whose status asks "
        "for no percentage left out."
    )
    last_updated: datetime | None
    counts: dict[str, int] = Field(
        description="Commitments per latest status code, in vocabulary order, then not_reported."
    )


class AreaOut(Schema):
    id: int
    document: str = Field(description="The document's slug.")
    kind: str
    title: str
    title_inferred: bool = Field(description="The document had no heading here; the title was derived.")
    slug: str
    position: int
    parent: int | None
    narrative: str
    lead_in: str
    responsible: list[OrganisationRef]
    removed: bool
    rollup: Rollup


class AreaRef(Schema):
    id: int
    title: str


class Source(Schema):
    version: int = Field(description="The document version the offsets point into.")
    start: int
    end: int
    quote: str = Field(description="The exact text of the document between start and end.")


class LatestStatus(Schema):
    id: int
    status: str
    label: str
    progress: int | None = Field(description="Per cent; null for a status that asks for no percentage.")
    period: PeriodRef
    reported_at: datetime
    comment: str


class EvidenceOut(Schema):
    title: str
    url: str
    document: str | None


class UpdateOut(LatestStatus):
    reason: str
    organisation: OrganisationRef | None
    evidence: list[EvidenceOut]
    corrects: int | None = Field(description="The id of the update this one corrects.")
    correction_note: str


class Rewording(Schema):
    version: int
    previous_text: str
    new_text: str
    reworded_at: datetime


class CommitmentOut(Schema):
    id: int
    reference: str = Field(description="The area's position, then the commitment's: 3.1.")
    text: str
    document: str
    area: AreaRef
    responsible: list[Responsible]
    budget_sek: str | None = Field(description="A decimal number written as a string.")
    source: Source
    removed: bool = Field(description="No longer in the current version of its document.")
    removed_in_version: int | None
    latest: LatestStatus | None = Field(description="The latest update; null when never reported.")
    history: list[UpdateOut] = Field(description="Every update, oldest first. Updates are never changed.")
    rewordings: list[Rewording]


class TargetSource(Schema):
    version: int
    start: int
    end: int


class CandidateTargetOut(Schema):
    id: int
    document: str
    area: int | None
    commitment: int | None
    text: str
    value: str = Field(description="A decimal number written as a string.")
    unit: str
    qualifier: str
    year: int | None
    context: str
    source: TargetSource


class IndicatorSource(Schema):
    kind: str = Field(description="kolada, open (another open source) or own (the municipality's own).")
    name: str
    url: str
    note: str
    kolada_kpi: str
    kolada_title: str = Field(description="The title Kolada gives the KPI, as stored from its API.")
    kolada_description: str


class Baseline(Schema):
    value: str | None = Field(description="A decimal number written as a string.")
    period: int | None


class IndicatorTarget(Schema):
    kind: str = Field(description="level, yearly_amount or yearly_rate (percent a year, e.g. -14).")
    value: str = Field(description="A decimal number written as a string.")
    year: int
    note: str = Field(description="Where the target comes from.")
    candidate: int | None = Field(description="The candidate target in a document it was made from.")
    verdict: str = Field(description="on_track, at_risk, off_track or not_enough_data.")


class ReleaseOut(Schema):
    id: int
    label: str
    source: str
    retrieved_at: datetime
    is_current: bool


class LatestValue(Schema):
    period: int
    value: float


class IndicatorJudgement(Schema):
    verdict: str = Field(description="on_track, at_risk, off_track or not_enough_data.")
    target_value: float = Field(description="For a yearly rate: a fraction a year, -0.14 for -14 %.")
    target_year: int
    projected: float | None
    low: float | None = Field(description="Lower end of the 80 % band.")
    high: float | None = Field(description="Upper end of the 80 % band.")


class IndicatorOut(Schema):
    slug: str
    name: str
    description: str
    unit: str
    direction: str = Field(description="higher or lower: which way is better.")
    source: IndicatorSource
    baseline: Baseline
    areas: list[int]
    commitments: list[int]
    targets: list[IndicatorTarget]
    current_release: ReleaseOut | None
    latest: LatestValue | None = Field(
        description="The municipality's latest total (gender T, no district) in the current release."
    )
    judgement: IndicatorJudgement | None = Field(description="Against the target with the latest year.")


class IndicatorDetail(IndicatorOut):
    releases: list[ReleaseOut] = Field(description="Every complete release, newest first.")


class MeasurementOut(Schema):
    release: int
    municipality: str = Field(description="A municipality code, 0000 for Riket, or a group id (G…).")
    district: str
    period: int
    gender: str = Field(description="T (total), K (women) or M (men).")
    value: str | None = Field(description="A decimal number written as a string; null when missing.")
    source: str


class CarbonBudgetStatus(Schema):
    budget_tonnes: float
    start_year: int
    emitted_since_start: float
    remaining: float
    last_year: int
    last_emissions: float
    depletion_year: float | None = Field(description="When the budget runs out at the observed pace.")
    required_rate: float | None = Field(description="The yearly cut needed from now, as a fraction.")
    observed_rate: float | None = Field(description="The yearly cut over the last five years, as a fraction.")


class CarbonBudgetOut(Schema):
    id: int
    name: str
    start_year: int
    budget_tonnes: str
    required_rate: str | None = Field(description="The adopted yearly reduction in percent.")
    emissions: str = Field(description="The emissions indicator's slug.")
    source_note: str
    release: ReleaseOut | None = Field(description="The emissions release counted: always the current one.")
    status: CarbonBudgetStatus | None


class Message(Schema):
    detail: str = Field(description="What went wrong, in English.")


class ValidationProblem(Schema):
    type: str = Field(description="The kind of problem, e.g. int_parsing or greater_than_equal.")
    loc: list[str | int] = Field(description="Where: the parameter's location, then its name.")
    msg: str
    ctx: dict[str, Any] | None = Field(None, description="The limit that was not met, when there is one.")


class ValidationErrors(Schema):
    detail: list[ValidationProblem] = Field(description="One entry for each parameter that was refused.")
