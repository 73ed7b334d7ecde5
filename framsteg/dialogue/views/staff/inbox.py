"""The staff inbox: the cases a user handles, filtered, counted per status and ordered by what is due next.

The filters are a GET form, so the page works without JavaScript and a filtered inbox can be bookmarked.
A filter that does not validate is left out and named above the results. A case the resident has written to
since staff last did anything in it is marked "New message from the resident", whatever its status. The
review queue is part of the inbox: "To review" lists the cases with a text, photo or public note waiting for
a case officer's approval before it can be published, whatever their status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from framsteg.core.decorators import staff_page
from framsteg.dialogue import rules
from framsteg.dialogue.forms.staff import InboxFilterForm, parse_reference
from framsteg.dialogue.models import Case, CaseEvent, Category
from framsteg.dialogue.rules import case_organisations, people_in, visible_cases
from framsteg.dialogue.selectors import publicity
from framsteg.dialogue.selectors.publicity import STATUS_TONES
from framsteg.dialogue.services import handling
from framsteg.dialogue.views.staff import case_url
from framsteg.dialogue.workdays import add_working_days
from framsteg.organisations.models import Organisation
from framsteg.places.models import District

PAGE_SIZE = 50
SOON_WORKING_DAYS = 2


def search_q(text: str) -> Q:
    """A case number finds that case; other words search the texts and the resident's name and address."""
    reference = parse_reference(text)
    if reference is not None:
        return Q(year=reference[0], number=reference[1])
    query = Q()
    for word in text.split():
        query &= (
            Q(description__icontains=word)
            | Q(published_text__icontains=word)
            | Q(place__icontains=word)
            | Q(contact_name__icontains=word)
            | Q(contact_email__icontains=word)
        )
    if text.strip().isdigit():
        query |= Q(number=int(text))
    return query


# Events the system writes by itself; they do not count as someone having dealt with the resident's message.
AUTOMATIC_EVENT_KINDS = (CaseEvent.Kind.EMAILED, CaseEvent.Kind.REMINDED)


def latest_event_kind() -> Subquery:
    """The kind of each case's latest event that is not an automatic notice, as a subquery (not per row)."""
    latest = (
        CaseEvent.objects.filter(case=OuterRef("pk"))
        .exclude(kind__in=AUTOMATIC_EVENT_KINDS)
        .order_by("-created_at", "-pk")
        .values("kind")[:1]
    )
    return Subquery(latest)


def with_new_message(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The cases whose latest event is a message from the resident."""
    return cases.alias(latest_kind=latest_event_kind()).filter(latest_kind=CaseEvent.Kind.RESIDENT)


def filter_cases(cases: QuerySet[Case], filters: dict, user, today: date) -> QuerySet[Case]:
    """Apply every inbox filter except the status, which the status counts leave out."""
    if filters.get("q"):
        cases = cases.filter(search_q(filters["q"]))
    if filters.get("message") == "new":
        cases = with_new_message(cases)
    if filters.get("review") == "pending":
        cases = publicity.cases_to_review(cases)
    if filters.get("kind"):
        cases = cases.filter(kind=filters["kind"])
    if filters.get("category"):
        cases = cases.filter(category=filters["category"])
    if filters.get("district"):
        cases = cases.filter(district=filters["district"])
    organisation = filters.get("organisation")
    if organisation == "none":
        cases = cases.filter(organisation__isnull=True)
    elif organisation:
        cases = cases.filter(organisation_id=int(organisation))
    assignee = filters.get("assignee")
    if assignee == "mine":
        cases = cases.filter(assignee=user)
    elif assignee == "none":
        cases = cases.filter(assignee__isnull=True)
    elif assignee:
        cases = cases.filter(assignee_id=int(assignee))
    if filters.get("due") == "overdue":
        cases = cases.filter(handling.overdue_q(today))
    elif filters.get("due") == "soon":
        cases = cases.filter(handling.due_soon_q(today, SOON_WORKING_DAYS))
    return cases


def filter_status(cases: QuerySet[Case], status: str) -> QuerySet[Case]:
    if status == InboxFilterForm.STATUS_ALL:
        return cases
    if status:
        return cases.filter(status=status)
    return cases.filter(status__in=handling.ACTIVE_STATUSES)


def order_cases(cases: QuerySet[Case], sort: str) -> QuerySet[Case]:
    if sort == "newest":
        return cases.order_by("-created_at", "-pk")
    if sort == "oldest":
        return cases.order_by("created_at", "pk")
    return cases.order_by(F("next_due").asc(nulls_last=True), "created_at", "pk")


@dataclass
class StatusCount:
    value: str
    label: str
    count: int
    url: str
    is_current: bool


def status_counts(cases: QuerySet[Case], query: QueryDict, current: str) -> list[StatusCount]:
    """How many of the filtered cases have each status, each linking to the inbox with that status."""
    counts = dict(cases.order_by().values_list("status").annotate(count=Count("pk")))
    rows = [(InboxFilterForm.STATUS_ACTIVE, _("Still being handled"))]
    rows += [(value, label) for value, label in Case.Status.choices]
    rows.append((InboxFilterForm.STATUS_ALL, _("All statuses")))
    result = []
    for value, label in rows:
        if value == InboxFilterForm.STATUS_ACTIVE:
            count = sum(counts.get(status, 0) for status in handling.ACTIVE_STATUSES)
        elif value == InboxFilterForm.STATUS_ALL:
            count = sum(counts.values())
        else:
            count = counts.get(value, 0)
        linked = query.copy()
        linked.pop("page", None)
        linked["status"] = value
        if not value:
            linked.pop("status")
        result.append(StatusCount(value, label, count, "?" + linked.urlencode(), value == current))
    return result


def mark_deadlines(case: Case, today: date, soon: date) -> None:
    """Set what the inbox row says about the case's next deadline."""
    case.url = case_url(case)
    case.is_overdue = handling.is_overdue(case, today)
    case.is_due_soon = not case.is_overdue and case.next_due is not None and today <= case.next_due <= soon
    case.deadline_kind = (
        "confirm" if case.status == Case.Status.RECEIVED and case.confirmed_at is None else "answer"
    )
    case.status_tone = STATUS_TONES.get(case.status, "neutral")
    case.has_new_message = case.last_event_kind == CaseEvent.Kind.RESIDENT


def mark_reviews(cases: list[Case]) -> None:
    """Mark the rows with something waiting for review (one query for the page)."""
    waiting = set(
        publicity.cases_to_review(Case.objects.filter(pk__in=[case.pk for case in cases])).values_list(
            "pk", flat=True
        )
    )
    for case in cases:
        case.to_review = case.pk in waiting


@staff_page(rules.may_handle_cases)
def inbox(request: HttpRequest) -> HttpResponse:
    user = request.user
    organisations = case_organisations(user)
    organisation_ids = None if organisations is None else frozenset(o.pk for o in organisations)
    sees_all = organisations is None
    choosable = list(Organisation.objects.all()) if sees_all else sorted(organisations, key=lambda o: o.name)
    form = InboxFilterForm(
        request.GET or None,
        categories=Category.objects.all(),
        districts=District.objects.all(),
        organisations=choosable,
        people=list(people_in(organisation_ids)),
        sees_all=sees_all,
    )
    filters: dict = {}
    if form.is_bound:
        # A filter that does not validate is left out of cleaned_data and named above the results.
        form.is_valid()
        filters = form.cleaned_data
    today = handling.today_in_stockholm()
    soon = add_working_days(today, SOON_WORKING_DAYS)

    cases = filter_cases(visible_cases(user), filters, user, today)
    counts = status_counts(cases, request.GET, filters.get("status", ""))
    overdue_count = filter_status(cases, "").filter(handling.overdue_q(today)).count()
    # Counted over every status: a message to a closed case must not go unseen.
    new_message_count = with_new_message(cases).count() if filters.get("message") != "new" else None
    # Counted over every status, like messages: a text waits for review whatever the case's status.
    review_count = publicity.cases_to_review(cases).count() if filters.get("review") != "pending" else None
    cases = filter_status(cases, filters.get("status", ""))
    cases = order_cases(
        cases.annotate(
            next_due=handling.next_due_expression(), last_event_kind=latest_event_kind()
        ).select_related("category", "district", "organisation", "assignee"),
        filters.get("sort", ""),
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    for case in page:
        mark_deadlines(case, today, soon)
    mark_reviews(list(page))
    return render(
        request,
        "dialogue/staff/inbox.html",
        {
            "nav": "staff",
            "form": form,
            "page": page,
            "counts": counts,
            "overdue_count": overdue_count,
            "new_message_count": new_message_count,
            "review_count": review_count,
            "today": today,
            "sees_all": sees_all,
            "is_filtered": bool(request.GET.dict().keys() - {"page"}),
        },
    )
