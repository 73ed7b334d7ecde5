"""The actions on a case, each a POST to its own URL with its own small form.

On success the officer goes back to the case with a message (to the inbox if the case left their
organisations); on invalid input, or when the rules refuse the action, the case page is shown again with
the form's errors and what was typed, with HTTP 400.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from framsteg.core.decorators import staff_page
from framsteg.dialogue import rules
from framsteg.dialogue.forms.staff import APPROVE, person_label
from framsteg.dialogue.models import Case, CaseEvent
from framsteg.dialogue.redaction import remove_bidi_controls
from framsteg.dialogue.rules import can_handle, get_case_or_404
from framsteg.dialogue.services import handling
from framsteg.dialogue.services.handling import HandlingError, PersonalDataFound
from framsteg.dialogue.views.staff import case_url
from framsteg.dialogue.views.staff.case_page import build_form, describe_findings, render_detail

# The field of each form whose text the automatic check looked at, for showing what it found.
CHECKED_FIELDS = {"review": ("published_text", "published_place"), "note_review": ("text", None)}

Perform = Callable[[HttpRequest, Case, forms.Form], str | None]


def act(request: HttpRequest, year: int, number: int, name: str, perform: Perform) -> HttpResponse:
    """Validate the action's form and perform it; back to the case on success, the errors with 400 if not."""
    case = get_case_or_404(request.user, year, number)
    form = build_form(name, request, case, request.POST)
    extra: dict = {}
    if form.is_valid():
        try:
            message = perform(request, case, form)
        except PersonalDataFound as found:
            form.add_error(None, found.message)
            text_field, place_field = CHECKED_FIELDS[name]
            findings = describe_findings(found.findings, found_text(form, text_field))
            if place_field:
                findings += describe_findings(found.place_findings, found_text(form, place_field))
            extra = {"ask_confirmation": name, "findings": findings}
        except HandlingError as error:
            form.add_error(None, error.message)
        else:
            if message:
                messages.success(request, message)
            if can_handle(request.user, case):
                return redirect(case_url(case))
            messages.info(
                request, _("You no longer see %(reference)s in your inbox.") % {"reference": case.reference}
            )
            return redirect("cases:inbox")
    return render_detail(request, case, {name: form}, extra, status=400)


def found_text(form: forms.Form, field: str) -> str:
    """The text as the service checked it (stripped, without bidirectional controls)."""
    return remove_bidi_controls((form.cleaned_data.get(field) or "").strip())


def _may_review(request: HttpRequest, case: Case) -> None:
    if not rules.may_review(request.user, case):
        raise PermissionDenied


def perform_route(request, case, form) -> str:
    organisation = form.cleaned_data["organisation"]
    handling.route(case, organisation, request.user)
    return _("The case was sent to %(organisation)s.") % {"organisation": organisation.name}


def perform_assign(request, case, form) -> str:
    user = form.cleaned_data["assignee"]
    handling.assign(case, user, request.user)
    if user is None:
        return _("Nobody handles the case now.")
    if user == request.user:
        return _("You now handle the case.")
    return _("%(name)s now handles the case.") % {"name": person_label(user)}


def perform_status(request, case, form) -> str:
    status = form.cleaned_data["status"]
    handling.set_status(case, status, request.user, form.cleaned_data["public_text"])
    return _("The status is now “%(status)s”.") % {"status": Case.Status(status).label}


def perform_note(request, case, form) -> str:
    handling.add_note(case, form.cleaned_data["text"], request.user)
    return _("The internal note was saved. Only staff see it.")


def perform_answer(request, case, form) -> None:
    result = handling.answer(case, form.cleaned_data["text"], request.user)
    if result.emailed:
        messages.success(request, _("The answer was saved and e-mailed to the resident."))
    elif result.email_error:
        messages.warning(
            request,
            _(
                "The answer was saved, but the e-mail to the resident could not be sent (%(error)s). "
                "They see the answer on their follow page; try to reach them another way if it is urgent."
            )
            % {"error": result.email_error},
        )
    else:
        messages.success(
            request,
            _(
                "The answer was saved. The resident cannot be e-mailed, so they see it on their follow "
                "page only."
            ),
        )
    then = form.cleaned_data.get("then_status")
    if then:
        try:
            handling.set_status(case, then, request.user)
        except HandlingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("The status is now “%(status)s”.") % {"status": Case.Status(then).label}
            )
    return None


def perform_review(request, case, form) -> str:
    _may_review(request, case)
    data = form.cleaned_data
    if data["decision"] != APPROVE:
        handling.reject_text(case, data["reason"], request.user)
        return _("The resident's text was rejected. It is not published.")
    handling.approve_text(
        case,
        data["published_text"],
        data["published_place"],
        request.user,
        allow_personal_data=data["confirm_personal_data"],
    )
    if case.is_published:
        return _("The text was approved and is now published.")
    return _("The text was approved. It is published if the case is shown in the public list.")


def perform_publish(request, case, form) -> str:
    _may_review(request, case)
    is_published = form.cleaned_data["is_published"]
    handling.set_published(case, is_published, request.user)
    if is_published:
        return _("The case is shown in the public list.")
    return _("The case is not shown in the public list.")


def perform_public_note(request, case, form) -> str:
    _may_review(request, case)
    handling.add_public_note(case, form.cleaned_data["text"], request.user)
    return _("The public note was saved. It is published once approved.")


def perform_note_review(request, case, form) -> str:
    _may_review(request, case)
    data = form.cleaned_data
    note = case.events.filter(pk=data["note"], kind=CaseEvent.Kind.PUBLIC_NOTE).first()
    if note is None:
        raise HandlingError(_("The note does not belong to this case."))
    if data["decision"] != APPROVE:
        handling.review_public_note(note, False, request.user)
        return _("The public note was rejected. It is not published.")
    handling.review_public_note(
        note, True, request.user, text=data["text"], allow_personal_data=data["confirm_personal_data"]
    )
    return _("The public note was approved and is now published.")


def perform_merge(request, case, form) -> str:
    into = form.cleaned_data["reference"]
    handling.merge_duplicate(case, into, request.user)
    return _("The case was merged into %(reference)s as a duplicate.") % {"reference": into.reference}


def perform_forward(request, case, form) -> str:
    data = form.cleaned_data
    handling.forward(case, data["to_whom"], request.user, data["public_text"])
    return _("The case was marked as not the municipality's and forwarded to %(to)s.") % {
        "to": data["to_whom"]
    }


def perform_link(request, case, form) -> str:
    commitment = form.cleaned_data["commitment"]
    handling.link_commitments(case, [commitment], request.user)
    return _("The case was linked to commitment %(reference)s.") % {"reference": commitment.reference}


def perform_unlink(request, case, form) -> str:
    commitment = form.cleaned_data["commitment"]
    handling.unlink_commitments(case, [commitment], request.user)
    return _("The link to commitment %(reference)s was removed.") % {"reference": commitment.reference}


def perform_photo(request, case, form) -> str:
    _may_review(request, case)
    photo = case.photos.filter(pk=form.cleaned_data["photo"]).first()
    if photo is None:
        raise HandlingError(_("The photo does not belong to this case."))
    approve = form.cleaned_data["publish"]
    handling.review_photo(photo, approve, request.user)
    return _("The photo was approved and is published.") if approve else _("The photo was rejected.")


def action_view(name: str, perform: Perform):
    @staff_page(rules.may_handle_cases)
    @require_POST
    def view(request: HttpRequest, year: int, number: int) -> HttpResponse:
        return act(request, year, number, name, perform)

    view.__name__ = f"{name}_case"
    return view


route = action_view("route", perform_route)
assign = action_view("assign", perform_assign)
change_status = action_view("status", perform_status)
add_note = action_view("note", perform_note)
answer = action_view("answer", perform_answer)
review = action_view("review", perform_review)
publish = action_view("publish", perform_publish)
add_public_note = action_view("public_note", perform_public_note)
review_note = action_view("note_review", perform_note_review)
merge = action_view("merge", perform_merge)
forward = action_view("forward", perform_forward)
link = action_view("link", perform_link)
unlink = action_view("unlink", perform_unlink)
publish_photo = action_view("photo", perform_photo)
