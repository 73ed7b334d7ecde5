"""Import a steering document into the plan: plan first (no writes), then apply in one transaction.

Re-importing the same text changes nothing. A new text of a known document becomes a new version: each
commitment of the current version is matched to the new text — the same words (ignoring case, spacing and a
final full stop) keep everything; a close rewording keeps the commitment and its status history and records
a `CommitmentRevision`; what is left is added or marked removed (never deleted, so history stays).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from difflib import SequenceMatcher

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from framsteg.audit.services import audited, nothing_changed, record
from framsteg.organisations.models import Organisation
from framsteg.steering.importer.matching import suggest_links
from framsteg.steering.importer.parse import (
    ParsedArea,
    ParsedCommitment,
    ParsedDocument,
    Quantity,
    parse_document,
)
from framsteg.steering.importer.promise import MUNICIPALITY, POLICE, parse_promise
from framsteg.steering.importer.readers import DocumentReadError, read_document
from framsteg.steering.models import (
    Area,
    CandidateTarget,
    Commitment,
    CommitmentRevision,
    DocumentLink,
    DocumentVersion,
    Responsibility,
    SteeringDocument,
)
from framsteg.steering.services.comparison import suggest_matches

# Public functions here that only read or compute; every other public function is @audited.
READS = (
    "without_list_mark",
    "normalise",
    "parse_period",
    "plan_import",
    "promise_owners",
    "default_standing",
)


REWORDING_SIMILARITY = 0.6

AREA_KIND_FOR_DOCUMENT = {
    SteeringDocument.Kind.LONG_TERM: Area.Kind.LONG_TERM_GOAL,
    SteeringDocument.Kind.PLATFORM: Area.Kind.TERM_AREA,
    SteeringDocument.Kind.BUDGET: Area.Kind.COMMITTEE_GOAL,
    SteeringDocument.Kind.COMMITTEE_PLAN: Area.Kind.COMMITTEE_GOAL,
    SteeringDocument.Kind.PARTY_PROGRAMME: Area.Kind.PROGRAMME_AREA,
    SteeringDocument.Kind.CITIZEN_PROMISE: Area.Kind.PRIORITY,
    SteeringDocument.Kind.OTHER: Area.Kind.PROGRAMME_AREA,
}

# Kinds whose first year span in the text ("mandatperioden 2023–2026") is the document's own period; in other
# kinds such a span is more often something the document talks about.
PERIOD_FROM_TEXT = {
    SteeringDocument.Kind.PLATFORM,
    SteeringDocument.Kind.BUDGET,
    SteeringDocument.Kind.CITIZEN_PROMISE,
}

ORGANISATION_KIND_BY_SUFFIX = [
    ("nämnden", Organisation.Kind.COMMITTEE),
    ("styrelsen", Organisation.Kind.EXECUTIVE),
    ("förvaltningen", Organisation.Kind.ADMINISTRATION),
    ("fullmäktige", Organisation.Kind.COUNCIL),
]

__all__ = [
    "DocumentReadError",
    "ImportPlan",
    "ImportRequest",
    "ImportResult",
    "apply_import",
    "import_document",
    "plan_import",
]


class ImportRequestError(DocumentReadError):
    """The import was asked for with arguments that cannot work (unknown kind, bad period)."""


@dataclass
class ImportRequest:
    kind: str
    title: str = ""
    author: str = ""
    period: str = ""
    adopted_on: date | None = None
    source_url: str = ""
    source_note: str = ""
    slug: str = ""
    # "adopted" or "proposal"; empty: a party programme is a proposal, every other kind adopted (a new
    # version of an existing document keeps the document's standing).
    standing: str = ""
    proposed_by: str = ""
    adopted_by_body: str = ""
    # A citizen promise's parties (organisation slugs); empty: found as promise_owners() describes.
    municipality: str = ""
    police: str = ""
    # Long-term goals the document says it has but does not name ("sex mål som ska uppnås inom en
    # generation"): that many unnamed goal slots replace whatever the lists would give, for staff to name from
    # the adopted document. The lists stay in the kept text.
    unnamed_goals: int = 0


@dataclass
class CommitmentMatch:
    parsed: ParsedCommitment
    existing: Commitment | None
    reworded: bool = False


@dataclass
class AreaMatch:
    parsed: ParsedArea
    existing: Area | None
    commitments: list[CommitmentMatch] = field(default_factory=list)
    # An unnamed goal slot: its placeholder never replaces a name staff entered.
    is_slot: bool = False


@dataclass
class ImportPlan:
    request: ImportRequest
    filename: str
    text: str
    format: str
    sha256: str
    parsed: ParsedDocument
    document: SteeringDocument | None
    title: str
    slug: str
    period: tuple[int, int] | None
    is_unchanged: bool
    area_matches: list[AreaMatch]
    removed: list[Commitment]
    removed_areas: list[Area]
    suggested_links: list[tuple[Commitment, float]]
    owners: dict[str, Organisation | None] = field(default_factory=dict)

    @property
    def missing_owners(self) -> list[str]:
        """The parties of a citizen promise ("municipality", "police") no organisation was found for."""
        used = {owner for m in self.area_matches for c in m.commitments for owner in c.parsed.owners}
        return [owner for owner in (MUNICIPALITY, POLICE) if owner in used and self.owners.get(owner) is None]

    @property
    def kind(self) -> str:
        return self.request.kind

    @property
    def is_new(self) -> bool:
        return self.document is None

    @property
    def areas(self) -> list[tuple[str, bool, list[str]]]:
        return [
            (match.parsed.title, match.parsed.title_inferred, [c.parsed.text for c in match.commitments])
            for match in self.area_matches
        ]

    @property
    def added(self) -> list[str]:
        return [c.parsed.text for m in self.area_matches for c in m.commitments if c.existing is None]

    @property
    def reworded(self) -> list[tuple[Commitment, str]]:
        return [(c.existing, c.parsed.text) for m in self.area_matches for c in m.commitments if c.reworded]

    @property
    def unchanged_count(self) -> int:
        return sum(
            1 for m in self.area_matches for c in m.commitments if c.existing is not None and not c.reworded
        )

    @property
    def commitment_count(self) -> int:
        return sum(len(m.commitments) for m in self.area_matches)

    @property
    def quantities(self) -> list[Quantity]:
        return self.parsed.quantities


@dataclass
class ImportResult:
    document: SteeringDocument
    version: DocumentVersion | None
    plan: ImportPlan

    @property
    def unchanged(self) -> bool:
        return self.version is None

    @property
    def summary(self) -> str:
        plan = self.plan
        if self.unchanged:
            message = _("“%(title)s” is already imported with exactly this text; nothing was changed.")
            return message % {"title": self.document.title}
        if plan.is_new:
            return _(
                "Imported “%(title)s”: %(areas)d areas, %(commitments)d commitments and "
                "%(targets)d candidate targets."
            ) % {
                "title": self.document.title,
                "areas": len(plan.area_matches),
                "commitments": plan.commitment_count,
                "targets": len(plan.quantities),
            }
        return _(
            "Imported version %(number)d of “%(title)s”: %(added)d commitments added, %(removed)d removed, "
            "%(reworded)d reworded and %(unchanged)d unchanged."
        ) % {
            "number": self.version.number,
            "title": self.document.title,
            "added": len(plan.added),
            "removed": len(plan.removed),
            "reworded": len(plan.reworded),
            "unchanged": plan.unchanged_count,
        }


LIST_MARK = re.compile(r"\s*(?:[•▪◦*–-]|\d{1,3}[.)]|[a-zåäö][.)])\s+")


def without_list_mark(text: str, start: int, end: int) -> int:
    """Where an item's words begin: its span in the text starts at the bullet or number."""
    found = LIST_MARK.match(text, start, end)
    return found.end() if found else start


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(".").casefold()


def parse_period(period: str) -> tuple[int, int] | None:
    """Read "2023–2026", "2023-2026" or "2025" into a (start, end) pair of years."""
    if not period.strip():
        return None
    found = re.fullmatch(r"\s*(\d{4})\s*(?:[–—-]\s*(\d{4}))?\s*", period)
    if not found:
        raise ImportRequestError(
            _("The period “%(period)s” is not understood. Write it as a year or two years, e.g. 2023–2026.")
            % {"period": period}
        )
    start = int(found.group(1))
    end = int(found.group(2) or start)
    if end < start:
        raise ImportRequestError(_("The period ends before it starts: %(period)s.") % {"period": period})
    return start, end


def default_standing(kind: str) -> str:
    """A party programme is a proposal; every other kind of document is taken to be adopted."""
    if kind == SteeringDocument.Kind.PARTY_PROGRAMME:
        return SteeringDocument.Standing.PROPOSAL
    return SteeringDocument.Standing.ADOPTED


def plan_import(data: bytes, filename: str, request: ImportRequest) -> ImportPlan:
    """Read and parse a file and work out what importing it would change. Writes nothing."""
    if request.kind not in SteeringDocument.Kind.values:
        raise ImportRequestError(
            _("Unknown document kind “%(kind)s”. Choose one of: %(kinds)s.")
            % {"kind": request.kind, "kinds": ", ".join(SteeringDocument.Kind.values)}
        )
    if request.standing and request.standing not in SteeringDocument.Standing.values:
        raise ImportRequestError(
            _("Unknown standing “%(standing)s”. Choose one of: %(choices)s.")
            % {"standing": request.standing, "choices": ", ".join(SteeringDocument.Standing.values)}
        )
    period = parse_period(request.period)
    owners = promise_owners(request) if request.kind == SteeringDocument.Kind.CITIZEN_PROMISE else {}
    text, text_format = read_document(data, filename)
    if request.kind == SteeringDocument.Kind.CITIZEN_PROMISE:
        parsed = parse_promise(text, text_format)
    else:
        parsed = parse_document(
            text, text_format, expect_commitments=request.kind != SteeringDocument.Kind.OTHER
        )
    if request.unnamed_goals:
        parsed = _unnamed_goal_slots(parsed, request)
    title = request.title.strip() or parsed.title.strip() or filename
    slug = request.slug or slugify(title)[:200] or "dokument"
    if period is None and request.kind in PERIOD_FROM_TEXT and parsed.periods:
        period = parsed.periods[0]
    document = SteeringDocument.objects.filter(slug=slug).first()
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    current = document.current_version if document else None
    is_unchanged = current is not None and current.sha256 == sha256

    old_commitments = (
        list(document.commitments.current().select_related("area")) if document and not is_unchanged else []
    )
    old_areas = list(document.areas.current()) if document and not is_unchanged else []
    area_matches = [
        AreaMatch(parsed=area, existing=None, is_slot=bool(request.unnamed_goals)) for area in parsed.areas
    ]
    removed = _match_commitments(area_matches, old_commitments)
    if request.unnamed_goals:  # slots keep their identity (and the names staff gave them) by position
        for match, area in zip(area_matches, sorted(old_areas, key=lambda area: area.position), strict=False):
            match.existing = area
    else:
        _match_areas(area_matches, old_areas)
    kept_areas = {match.existing.pk for match in area_matches if match.existing}
    removed_areas = [area for area in old_areas if area.pk not in kept_areas]

    suggested: list[tuple[Commitment, float]] = []
    if request.kind == SteeringDocument.Kind.OTHER and not is_unchanged:
        candidates = {
            c.pk: c
            for c in Commitment.objects.reportable()
            .exclude(document__kind=SteeringDocument.Kind.OTHER)
            .select_related("area", "document")
        }
        ranked = suggest_links(text, [(pk, c.text) for pk, c in candidates.items()])
        suggested = [(candidates[pk], score) for pk, score in ranked]

    return ImportPlan(
        request=request,
        filename=filename,
        text=text,
        format=text_format,
        sha256=sha256,
        parsed=parsed,
        document=document,
        title=title,
        slug=slug,
        period=period,
        is_unchanged=is_unchanged,
        area_matches=area_matches,
        removed=removed,
        removed_areas=removed_areas,
        suggested_links=suggested,
        owners=owners,
    )


UNNAMED_GOAL_TITLE = "Långsiktigt mål %(number)d – ännu inte namngivet"


def _unnamed_goal_slots(parsed: ParsedDocument, request: ImportRequest) -> ParsedDocument:
    if request.kind != SteeringDocument.Kind.LONG_TERM:
        raise ImportRequestError(_("Unnamed goals can only be given for a document of long-term goals."))
    if not 1 <= request.unnamed_goals <= 50:
        raise ImportRequestError(_("Give the number of unnamed goals as a whole number from 1 to 50."))
    slots = [
        ParsedArea(
            title=UNNAMED_GOAL_TITLE % {"number": number},
            title_inferred=False,
            narrative="",
            lead_in="",
            start=None,
            end=None,
            commitments=[],
            quantities=[],
            organisations=[],
        )
        for number in range(1, request.unnamed_goals + 1)
    ]
    return replace(parsed, areas=slots)


def promise_owners(request: ImportRequest) -> dict[str, Organisation | None]:
    """The organisations that own a citizen promise's activities.

    The municipality's: the organisation given by slug, else the municipal executive board (kommunstyrelsen);
    an activity that names a municipal body ("Socialförvaltningen ska …") belongs to that body instead. The
    police's: the organisation given by slug, else the external partner called "Polisen" (or whose name
    begins "Polis…" or "Lokalpolisområde…"), else the external partner with the keyword "polis".
    """
    found: dict[str, Organisation | None] = {}
    for owner, slug in ((MUNICIPALITY, request.municipality), (POLICE, request.police)):
        if slug:
            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation is None:
                raise ImportRequestError(_("There is no organisation “%(slug)s”.") % {"slug": slug})
            found[owner] = organisation
    if MUNICIPALITY not in found:
        found[MUNICIPALITY] = (
            Organisation.objects.filter(kind=Organisation.Kind.EXECUTIVE).order_by("pk").first()
        )
    if POLICE not in found:
        partners = list(Organisation.objects.filter(kind=Organisation.Kind.PARTNER).order_by("pk"))
        found[POLICE] = next(
            (p for p in partners if p.name.casefold() == "polisen"),
            next(
                (p for p in partners if p.name.casefold().startswith(("polis", "lokalpolisområde"))),
                next((p for p in partners if any(k.startswith("polis") for k in p.keyword_list())), None),
            ),
        )
    return found


def _match_commitments(area_matches: list[AreaMatch], old: list[Commitment]) -> list[Commitment]:
    """Pair new items with current commitments; return the old ones that found no partner."""
    for match in area_matches:
        match.commitments = [CommitmentMatch(parsed=item, existing=None) for item in match.parsed.commitments]
    new_items = [item for match in area_matches for item in match.commitments]
    by_text: dict[str, list[Commitment]] = {}
    for commitment in old:
        by_text.setdefault(normalise(commitment.text), []).append(commitment)
    for item in new_items:
        same = by_text.get(normalise(item.parsed.text))
        if same:
            item.existing = same.pop(0)
    left = [c for c in old if not any(item.existing is c for item in new_items)]
    pairs = sorted(
        (
            (SequenceMatcher(None, normalise(item.parsed.text), normalise(commitment.text)).ratio(), i, j)
            for i, item in enumerate(new_items)
            if item.existing is None
            for j, commitment in enumerate(left)
        ),
        reverse=True,
    )
    taken: set[int] = set()
    for ratio, i, j in pairs:
        if ratio < REWORDING_SIMILARITY:
            break
        if new_items[i].existing is None and j not in taken:
            new_items[i].existing = left[j]
            new_items[i].reworded = True
            taken.add(j)
    return [commitment for j, commitment in enumerate(left) if j not in taken]


def _match_areas(area_matches: list[AreaMatch], old_areas: list[Area]) -> None:
    """An area keeps its identity when most of its commitments stayed in it, or when its title is the same."""
    free = {area.pk: area for area in old_areas}
    for match in area_matches:
        votes = Counter(c.existing.area_id for c in match.commitments if c.existing is not None)
        for area_id, _count in votes.most_common():
            if area_id in free:
                match.existing = free.pop(area_id)
                break
    by_title = {normalise(area.title): area for area in free.values()}
    for match in area_matches:
        if match.existing is None:
            found = by_title.pop(normalise(match.parsed.title), None)
            if found is not None:
                match.existing = free.pop(found.pk)


@audited("steering.import_document")
def import_document(data: bytes, filename: str, request: ImportRequest, user=None) -> ImportResult:
    return apply_import(plan_import(data, filename, request), user=user)


@audited("steering.apply_import")
@transaction.atomic
def apply_import(plan: ImportPlan, user=None) -> ImportResult:
    """Write a plan to the database in one transaction; an error leaves the database as it was."""
    if plan.is_unchanged:
        nothing_changed()
        return ImportResult(document=plan.document, version=None, plan=plan)
    document = plan.document or SteeringDocument(slug=plan.slug, kind=plan.kind)
    document.title = plan.title
    document.kind = plan.kind
    request = plan.request
    for name in ("author", "source_url", "source_note", "adopted_on", "proposed_by", "adopted_by_body"):
        value = getattr(request, name)
        if value:
            setattr(document, name, value)
    if request.standing:
        document.standing = request.standing
    elif document.pk is None:
        document.standing = default_standing(plan.kind)
    if document.is_proposal and not document.proposed_by:
        document.proposed_by = document.author
    if plan.period:
        document.period_start, document.period_end = plan.period
    document.save()

    number = (document.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = DocumentVersion.objects.create(
        document=document,
        number=number,
        text=plan.text,
        format=plan.format,
        filename=plan.filename[:255],
        sha256=plan.sha256,
        imported_by=user if user is not None and user.is_authenticated else None,
        changes={
            "added": plan.added,
            "removed": [c.text for c in plan.removed],
            "reworded": [{"from": c.text, "to": text} for c, text in plan.reworded],
            "unchanged": plan.unchanged_count,
        }
        if number > 1
        else {"added": plan.added},
    )

    for commitment in plan.removed:
        commitment.removed_in = version
        commitment.save(update_fields=["removed_in"])
    organisations = OrganisationResolver()
    used_slugs = set(document.areas.values_list("slug", flat=True)) if plan.document else set()
    for position, match in enumerate(plan.area_matches, start=1):
        area = _save_area(document, version, match, position, used_slugs, organisations)
        for item_position, item in enumerate(match.commitments, start=1):
            _save_commitment(
                plan.text, document, version, area, item, item_position, organisations, plan.owners
            )
    for area in plan.removed_areas:
        area.removed_in = version
        area.position = len(plan.area_matches) + area.position
        area.save(update_fields=["removed_in", "position"])

    _save_candidate_targets(document, version, plan.parsed.quantities)
    for commitment, score in plan.suggested_links:
        DocumentLink.objects.get_or_create(
            document=document, commitment=commitment, defaults={"score": score}
        )
    # A proposal's points are compared with the adopted plan; an adopted plan's new commitments with every
    # proposal. Staff confirm or reject each suggestion.
    if document.is_proposal:
        suggest_matches(document, by=user)
    elif document.carries_commitments:
        for proposal in SteeringDocument.objects.proposals():
            suggest_matches(proposal, by=user)
    record(
        "steering.apply_import",
        target=document,
        actor=user,
        before={"version": number - 1} if number > 1 else None,
        after={"version": number, "sha256": plan.sha256},
        details={
            "filename": plan.filename[:255],
            "added": len(plan.added),
            "removed": len(plan.removed),
            "reworded": len(plan.reworded),
            "unchanged": plan.unchanged_count,
        },
    )
    return ImportResult(document=document, version=version, plan=plan)


def _save_area(
    document: SteeringDocument,
    version: DocumentVersion,
    match: AreaMatch,
    position: int,
    used_slugs: set[str],
    organisations: OrganisationResolver,
) -> Area:
    parsed = match.parsed
    area = match.existing
    if area is None:
        slug = base = (
            f"langsiktigt-mal-{position}"
            if match.is_slot
            else slugify(parsed.title)[:190] or f"omrade-{position}"
        )
        suffix = 2
        while slug in used_slugs:
            slug = f"{base}-{suffix}"
            suffix += 1
        used_slugs.add(slug)
        area = Area(
            document=document,
            slug=slug,
            created_in=version,
            kind=Area.Kind.PROGRAMME_AREA if document.is_proposal else AREA_KIND_FOR_DOCUMENT[document.kind],
        )
    if match.is_slot:
        area.awaiting_name = area.pk is None or area.awaiting_name
    if not (match.is_slot and not area.awaiting_name):
        area.title = parsed.title[:300]
        area.title_inferred = parsed.title_inferred
        area.narrative = parsed.narrative
    area.lead_in = parsed.lead_in[:300]
    area.position = position
    area.source_start, area.source_end = parsed.start, parsed.end
    area.removed_in = None
    area.save()
    if not document.is_proposal:  # a proposal's points have no owners: nobody reports on them
        named = [organisations.named(name) for name in parsed.organisations]
        area.responsible.add(*[organisation for organisation in named if organisation])
    return area


def _save_commitment(
    plan_text: str,
    document: SteeringDocument,
    version: DocumentVersion,
    area: Area,
    item: CommitmentMatch,
    position: int,
    organisations: OrganisationResolver,
    owners: dict[str, Organisation | None],
) -> None:
    parsed = item.parsed
    commitment = item.existing
    if commitment is None:
        commitment = Commitment(document=document, created_in=version)
    elif item.reworded:
        CommitmentRevision.objects.create(
            commitment=commitment, version=version, previous_text=commitment.text, new_text=parsed.text
        )
    is_new = commitment.pk is None
    commitment.area = area
    commitment.text = parsed.text
    commitment.position = position
    commitment.source_version = version
    commitment.source_start = without_list_mark(plan_text, parsed.start, parsed.end)
    commitment.source_end = parsed.end
    budgets = [q.value for q in parsed.quantities if q.unit == "SEK"]
    if budgets and commitment.budget_sek is None:
        commitment.budget_sek = budgets[0]
    commitment.save()
    if document.is_proposal:
        return
    if is_new and parsed.owners:
        _assign_promise_owners(commitment, parsed, organisations, owners)
    elif is_new:
        _assign_owners(commitment, area, item.parsed, organisations)


def _assign_promise_owners(
    commitment: Commitment,
    parsed: ParsedCommitment,
    organisations: OrganisationResolver,
    owners: dict[str, Organisation | None],
) -> None:
    """A citizen promise's activity belongs to the party that promised it ("Kommunen ska", "Polisen ska");
    a municipal body named in the activity itself takes the municipality's place."""
    chosen: list[Organisation] = []
    for owner in parsed.owners:
        if owner == MUNICIPALITY:
            named = [organisations.named(name) for name in parsed.organisations]
            named = [o for o in named if o is not None and o.kind != Organisation.Kind.PARTNER]
            chosen += named or [o for o in (owners.get(MUNICIPALITY),) if o is not None]
        elif owners.get(owner) is not None:
            chosen.append(owners[owner])
    for organisation in chosen:
        Responsibility.objects.get_or_create(
            commitment=commitment, organisation=organisation, defaults={"basis": Responsibility.Basis.NAMED}
        )


def _assign_owners(
    commitment: Commitment, area: Area, parsed: ParsedCommitment, organisations: OrganisationResolver
) -> None:
    """Owners named in the item or its area come first; otherwise one is suggested from keywords."""
    named = [organisations.named(name) for name in parsed.organisations]
    named = [organisation for organisation in named if organisation] or list(area.responsible.all())
    if named:
        for organisation in named:
            Responsibility.objects.get_or_create(
                commitment=commitment,
                organisation=organisation,
                defaults={"basis": Responsibility.Basis.NAMED},
            )
        return
    suggestion = organisations.by_keywords(commitment.text, area.title + " " + area.narrative)
    if suggestion is not None:
        Responsibility.objects.create(
            commitment=commitment, organisation=suggestion, basis=Responsibility.Basis.SUGGESTED
        )


class OrganisationResolver:
    """Finds organisations named in a document (creating committees the database does not know yet)."""

    def __init__(self) -> None:
        self.organisations = list(Organisation.objects.all())

    def named(self, name: str) -> Organisation | None:
        for organisation in self.organisations:
            if organisation.name.casefold() == name.casefold():
                return organisation
        for suffix, kind in ORGANISATION_KIND_BY_SUFFIX:
            if name.casefold().endswith(suffix):
                base = slugify(name) or "organisation"
                slug, n = base, 2
                while Organisation.objects.filter(slug=slug).exists():
                    slug, n = f"{base}-{n}", n + 1
                organisation = Organisation.objects.create(name=name, slug=slug, kind=kind)
                self.organisations.append(organisation)
                return organisation
        return None

    def by_keywords(self, text: str, area_text: str) -> Organisation | None:
        """The organisation whose keywords occur most often: twice as much weight on the item's own words."""
        words = re.findall(r"\w+", text.casefold())
        area_words = re.findall(r"\w+", area_text.casefold())
        best, best_score = None, 0
        for organisation in self.organisations:
            if organisation.kind == Organisation.Kind.PARTNER:
                continue
            score = 0
            for keyword in organisation.keyword_list():
                score += 2 * sum(1 for word in words if word.startswith(keyword))
                score += sum(1 for word in area_words if word.startswith(keyword))
            if score > best_score:
                best, best_score = organisation, score
        return best


def _save_candidate_targets(
    document: SteeringDocument, version: DocumentVersion, quantities: list[Quantity]
) -> None:
    """Candidate targets are derived from the current version: rebuild them from its quantities."""
    document.candidate_targets.all().delete()
    areas = list(document.areas.current().filter(source_start__isnull=False))
    commitments = list(document.commitments.current().filter(source_version=version).select_related("area"))
    targets = []
    for quantity in quantities:
        commitment = next((c for c in commitments if c.source_start <= quantity.start < c.source_end), None)
        area = (
            commitment.area
            if commitment
            else next((a for a in areas if a.source_start <= quantity.start < a.source_end), None)
        )
        targets.append(
            CandidateTarget(
                document=document,
                version=version,
                area=area,
                commitment=commitment,
                text=quantity.text[:200],
                value=quantity.value,
                unit=quantity.unit[:60],
                qualifier=quantity.qualifier[:20],
                year=quantity.year,
                context=quantity.context,
                source_start=quantity.start,
                source_end=quantity.end,
            )
        )
    CandidateTarget.objects.bulk_create(targets)
