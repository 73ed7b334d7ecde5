"""The weekly meeting and the actions: the list of meetings, the meeting page walking the cycle, each
partner's list of actions and the action page with its follow-up.

Coordinators run the meeting (every form on its page is theirs); the other members of the collaboration
read it. The owning partner's people record an action's status and outcome. A form that does not validate
is shown again with its errors and HTTP 400.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from framsteg.core.decorators import staff_page
from framsteg.situation import rules
from framsteg.situation.forms.meetings import (
    ActionFilterForm,
    ActionForm,
    MeetingDetailsForm,
    MinutesForm,
    OutcomeForm,
)
from framsteg.situation.models import Action, Meeting
from framsteg.situation.selectors import meetings as selectors
from framsteg.situation.selectors.followup import follow_up
from framsteg.situation.services import meetings as services

PAGE_SIZE = 50


def meeting_url(week: datetime.date) -> str:
    return reverse("situation:meeting", kwargs={"week": selectors.week_label(week)})


def _week_or_404(text: str) -> datetime.date:
    week = selectors.parse_week(text)
    if week is None:
        raise Http404("No such week")
    return week


def picture_url(week: datetime.date) -> str | None:
    """The full weekly picture of the week, when the site has it."""
    try:
        return reverse("situation:picture") + f"?vecka={selectors.week_label(week)}"
    except NoReverseMatch:
        return None


@staff_page(rules.may_see_picture)
def meeting_list(request: HttpRequest) -> HttpResponse:
    this_week = selectors.current_week()
    page = Paginator(selectors.meetings(), PAGE_SIZE).get_page(request.GET.get("page"))
    for meeting in page.object_list:
        meeting.url = meeting_url(meeting.week)
        meeting.label = selectors.week_label(meeting.week)
    return render(
        request,
        "situation/partner/meeting_list.html",
        {
            "page": page,
            "this_week_url": meeting_url(this_week),
            "this_week_label": selectors.week_label(this_week),
            "may_run": rules.may_run_meeting(request.user),
        },
    )


TONES = {"planned": "neutral", "ongoing": "active", "done": "good", "cancelled": "none"}


def _decorate(actions, today):
    for action in actions:
        action.tone = TONES.get(action.status, "neutral")
        action.due = selectors.due_state(action, today)
        action.url = reverse("situation:action", kwargs={"pk": action.pk})
    return actions


def _details_initial(meeting: Meeting | None) -> dict:
    if meeting is None:
        return {}
    return {
        "held_on": meeting.held_on,
        "participants": list(meeting.participants.all()),
        "priority_districts": list(meeting.priority_districts.all()),
        "priority_areas": list(meeting.priority_areas.all()),
        "priority_places": list(meeting.priority_places.all()),
    }


def _action_initial(week: datetime.date) -> dict:
    starts = week + datetime.timedelta(days=7)
    return {"starts_on": starts, "ends_on": starts + datetime.timedelta(days=6)}


def render_meeting(
    request, week: datetime.date, forms: dict | None = None, status: int = 200
) -> HttpResponse:
    today = timezone.localdate()
    meeting = Meeting.objects.filter(week=week).first()
    may_run = rules.may_run_meeting(request.user)
    followed = _decorate(selectors.actions_for_follow_up(week), today)
    for action in followed:
        action.followup = follow_up(action, today)
    new_actions = []
    if meeting is not None:
        new_actions = _decorate(
            list(
                meeting.actions.select_related(
                    "organisation", "responsible", "named_place", "district", "area"
                )
                .prefetch_related("categories")
                .order_by("pk")
            ),
            today,
        )
    forms = forms or {}
    context = {
        "week": week,
        "week_label": selectors.week_label(week),
        "meeting": meeting,
        "may_run": may_run,
        "followed": followed,
        "new_actions": new_actions,
        "summary": selectors.week_summary(week, rules.picture_district_ids(request.user)),
        "picture_url": picture_url(week),
        "previous_url": meeting_url(week - datetime.timedelta(days=7)),
        "next_url": meeting_url(week + datetime.timedelta(days=7)),
        "list_url": reverse("situation:meetings"),
        "is_closed": meeting is not None and meeting.closed_at is not None,
        "error_forms": [form for form in forms.values() if form.errors],
    }
    if meeting is not None:
        context["priorities"] = {
            "districts": list(meeting.priority_districts.all()),
            "areas": list(meeting.priority_areas.all()),
            "places": list(meeting.priority_places.all()),
            "participants": list(meeting.participants.all()),
        }
    if may_run:
        context["details_form"] = forms.get("details") or MeetingDetailsForm(
            initial=_details_initial(meeting)
        )
        context["minutes_form"] = forms.get("minutes") or MinutesForm(
            initial={"minutes": meeting.minutes if meeting else ""}
        )
        context["action_form"] = forms.get("action") or ActionForm(initial=_action_initial(week))
    return render(request, "situation/partner/meeting.html", context, status=status)


@staff_page(rules.may_see_picture)
def meeting_page(request: HttpRequest, week: str) -> HttpResponse:
    monday = _week_or_404(week)
    if request.method != "POST":
        return render_meeting(request, monday)
    if not rules.may_run_meeting(request.user):
        raise PermissionDenied
    name = request.POST.get("form", "")
    handlers = {"details": _save_details, "minutes": _save_minutes, "close": _close, "action": _add_action}
    if name not in handlers:
        return render_meeting(request, monday, status=400)
    meeting = services.open_meeting(monday, by=request.user)
    form, message = handlers[name](request, meeting)
    if form is not None:
        return render_meeting(request, monday, {form.prefix: form}, status=400)
    messages.success(request, message)
    return redirect(meeting_url(monday) + {"action": "#new-actions", "close": "#minutes"}.get(name, ""))


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def _save_details(request, meeting):
    form = MeetingDetailsForm(request.POST)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    services.set_meeting_details(
        meeting,
        held_on=data["held_on"],
        participants=data["participants"],
        priority_districts=data["priority_districts"],
        priority_areas=data["priority_areas"],
        priority_places=data["priority_places"],
        by=request.user,
    )
    return None, _("The participants and priorities were saved.")


def _save_minutes(request, meeting):
    form = MinutesForm(request.POST)
    if not form.is_valid():
        return form, None
    services.set_minutes(meeting, form.cleaned_data["minutes"], by=request.user)
    if meeting.closed_at:
        return None, _("The closed minutes were amended; the change is in the audit log.")
    return None, _("The minutes were saved.")


def _close(request, meeting):
    form = MinutesForm(request.POST)
    if not form.is_valid():
        return form, None
    try:
        services.set_minutes(meeting, form.cleaned_data["minutes"], by=request.user)
        services.close_minutes(meeting, by=request.user)
    except ValidationError as error:
        _apply_errors(form, error)
        return form, None
    return None, _("The minutes were closed.")


def _add_action(request, meeting):
    form = ActionForm(request.POST)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    try:
        action = services.record_action(
            services.ActionData(
                title=data["title"],
                description=data["description"],
                organisation=data["organisation"],
                responsible=data["responsible"],
                responsible_name=data["responsible_name"],
                named_place=data["named_place"],
                district=data["district"],
                area=data["area"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                due_on=data["due_on"],
                problem=data["problem"],
                new_problem_title=data["new_problem_title"],
                categories=list(data["categories"]),
                commitments=list(data["commitments"]),
            ),
            meeting=meeting,
            by=request.user,
        )
    except ValidationError as error:
        _apply_errors(form, error)
        return form, None
    return None, _("The action “%(title)s” was recorded.") % {"title": action.title}


# The actions ----------------------------------------------------------------------------------------------


@staff_page(rules.may_see_picture)
def action_list(request: HttpRequest) -> HttpResponse:
    organisation_ids = rules.action_organisation_ids(request.user)
    form = ActionFilterForm(request.GET or None, organisation_ids=organisation_ids)
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {
            "organisation": form.cleaned_data["organisation"].pk
            if form.cleaned_data["organisation"]
            else None,
            "status": form.cleaned_data["status"],
            "due": form.cleaned_data["due"],
        }
    page = Paginator(selectors.actions_list(organisation_ids, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    today = timezone.localdate()
    _decorate(page.object_list, today)
    for action in page.object_list:
        action.may_record = rules.may_record_outcome(request.user, action)
    return render(
        request,
        "situation/partner/actions.html",
        {
            "page": page,
            "form": form,
            "sees_all": organisation_ids is None,
            "is_filtered": bool(request.GET),
            "today": today,
        },
    )


def _visible_action_or_404(user, pk: int) -> Action:
    action = get_object_or_404(
        Action.objects.select_related(
            "organisation", "responsible", "named_place", "district", "area", "meeting", "problem"
        ),
        pk=pk,
    )
    return action


@staff_page(rules.may_see_picture)
def action_page(request: HttpRequest, pk: int) -> HttpResponse:
    action = _visible_action_or_404(request.user, pk)
    may_record = rules.may_record_outcome(request.user, action)
    form = None
    status = 200
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        form = OutcomeForm(request.POST)
        if form.is_valid():
            try:
                if form.cleaned_data["outcome"].strip():
                    services.record_outcome(
                        action,
                        form.cleaned_data["outcome"],
                        status=form.cleaned_data["status"],
                        by=request.user,
                    )
                else:
                    services.set_action_status(action, form.cleaned_data["status"], by=request.user)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("The action was updated."))
                return redirect("situation:action", pk=action.pk)
        status = 400
    if may_record and form is None:
        form = OutcomeForm(initial={"status": action.status, "outcome": action.outcome})
    today = timezone.localdate()
    _decorate([action], today)
    context = {
        "action": action,
        "followup": follow_up(action, today),
        "form": form,
        "error_forms": [form] if form is not None and form.errors else [],
        "may_record": may_record,
        "categories": list(action.categories.all()),
        "commitments": list(action.commitments.select_related("area")),
        "meeting_url": meeting_url(action.meeting.week) if action.meeting else None,
        "meeting_label": selectors.week_label(action.meeting.week) if action.meeting else None,
        "next_meeting_url": meeting_url(action.meeting.week + datetime.timedelta(days=7))
        if action.meeting
        else None,
    }
    return render(request, "situation/partner/action.html", context, status=status)
