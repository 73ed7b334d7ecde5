"""The plan as anyone sees it: start page, areas, commitments and the page explaining the figures."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from framsteg.core import panels
from framsteg.core.ratelimits import parse_rate
from framsteg.steering.models import (
    GOAL_KINDS,
    Area,
    Commitment,
    DocumentLink,
    Evidence,
    FollowUpPeriod,
    Status,
    StatusUpdate,
    SteeringDocument,
)
from framsteg.steering.progress import rollup
from framsteg.steering.rollup import RollupRule
from framsteg.steering.selectors import active_statuses, current_platform, history, listed_commitments
from framsteg.steering.selectors import goals as goal_selectors


def point_url(
    document: SteeringDocument, *, area: Area | None = None, point: Commitment | None = None
) -> str:
    """Where a proposal's area or point is shown: where it is compared with the adopted plan."""
    url = reverse("public:comparison-proposal", args=[document.slug])
    if point is not None:
        return f"{url}#c-{point.pk}"
    return f"{url}#area-{area.pk}" if area is not None else url


def home(request: HttpRequest) -> HttpResponse:
    document = current_platform()
    if document is None:
        return render(request, "steering/public/home_empty.html", {"nav": "plan"})
    statuses = active_statuses()
    commitments = listed_commitments(Commitment.objects.reportable().filter(document=document))
    by_area = defaultdict(list)
    for commitment in commitments:
        by_area[commitment.area_id].append(commitment)
    areas = list(Area.objects.current().filter(document=document))
    for area in areas:
        area.rollup = rollup(by_area[area.pk], statuses)
    others = (
        SteeringDocument.objects.adopted()
        .exclude(Q(pk=document.pk) | Q(kind=SteeringDocument.Kind.OTHER))
        .annotate(commitment_count=Count("commitments", filter=Q(commitments__removed_in__isnull=True)))
        .filter(commitment_count__gt=0)
    )
    return render(
        request,
        "steering/public/home.html",
        {
            "nav": "plan",
            "document": document,
            "areas": areas,
            "total": rollup(commitments, statuses),
            "period": FollowUpPeriod.open_period(),
            "other_documents": others,
        },
    )


def area(request: HttpRequest, document_slug: str, area_slug: str) -> HttpResponse:
    area = get_object_or_404(
        Area.objects.select_related("document"), document__slug=document_slug, slug=area_slug
    )
    if area.document.is_proposal:  # a proposal's areas hold points, shown where they are compared
        return redirect(point_url(area.document, area=area))
    commitments = listed_commitments(Commitment.objects.current().filter(area=area))
    # Judgements are shown once one is published: until then a goal's page reads as before.
    period = goal_selectors.latest_judged_period() if area.kind in GOAL_KINDS else None
    goal = goal_selectors.find_node(goal_selectors.goal_tree(period), area) if period else None
    return render(
        request,
        "steering/public/area.html",
        {
            "goal": goal,
            "goal_period": period,
            "goal_rule": RollupRule.configured().statement,
            "judgements": goal_selectors.judgement_history(area) if period else [],
            "nav": "plan",
            "area": area,
            "document": area.document,
            "commitments": commitments,
            "rollup": rollup(commitments, active_statuses()),
            "targets": area.candidate_targets.select_related("commitment__area"),
            "children": Area.objects.current().filter(parent=area),
            "panels": panels.render("steering.area", request, area=area, commitments=commitments),
        },
    )


def commitment(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_object_or_404(
        Commitment.objects.select_related("area", "document", "source_version", "removed_in", "created_in"),
        pk=pk,
    )
    if commitment.document.is_proposal:  # a point of a proposal has no status: it is compared, not reported
        return redirect(point_url(commitment.document, point=commitment))
    updates = history(
        commitment,
        StatusUpdate.objects.select_related(
            "status", "period", "organisation", "corrects__status", "corrects__period"
        ).prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.select_related("document")), "corrections"
        ),
    )
    current_version = commitment.document.current_version
    return render(
        request,
        "steering/public/commitment.html",
        {
            "nav": "plan",
            "commitment": commitment,
            "area": commitment.area,
            "document": commitment.document,
            "latest": commitment.latest,
            "history": updates,
            "responsibilities": commitment.responsibilities.select_related("organisation").order_by(
                "organisation__name"
            ),
            "revisions": commitment.revisions.select_related("version"),
            "targets": commitment.candidate_targets.all(),
            "mentions": commitment.document_links.filter(state=DocumentLink.State.CONFIRMED)
            .select_related("document")
            .order_by("-document__adopted_on", "document__title"),
            "quote_is_marked": commitment.removed_in_id is None
            and current_version is not None
            and commitment.source_version_id == current_version.pk,
            "panels": panels.render("steering.commitment", request, commitment=commitment),
        },
    )


def about(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "steering/public/about.html",
        {
            "nav": "about",
            "statuses": Status.objects.filter(is_active=True),
            "documents": SteeringDocument.objects.all(),
            "update_count": StatusUpdate.objects.published().count(),
            "feed_url": reverse("public:feed"),
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement, after the model of the Agency for Digital Government (DIGG)."""
    return render(
        request,
        "steering/public/accessibility.html",
        {
            "nav": "about",
            "contact_email": settings.ACCESSIBILITY_EMAIL,
            "reviewed": date.fromisoformat(settings.ACCESSIBILITY_REVIEWED),
            "statement_date": date.fromisoformat(settings.ACCESSIBILITY_STATEMENT_DATE),
        },
    )


def privacy(request: HttpRequest) -> HttpResponse:
    """How residents' personal data is handled, with the retention times the site is configured with."""
    rate = parse_rate(settings.DIALOGUE_RATE_LIMIT)
    return render(
        request,
        "steering/public/privacy.html",
        {
            "nav": "about",
            "controller": settings.PRIVACY_CONTROLLER,
            "privacy_email": settings.PRIVACY_EMAIL,
            "dpo_email": settings.DPO_EMAIL,
            "retention_days": settings.DIALOGUE_RETENTION_DAYS,
            "audit_days": settings.AUDIT_RETENTION_DAYS,
            "following_hours": settings.FOLLOWING_UNCONFIRMED_HOURS,
            "rate_minutes": -(-rate.seconds // 60) if rate else None,
        },
    )
