"""The resident's own pages for a case: the confirmation after reporting, the private follow page, and the
page for stopping e-mails about status changes.

Both are reached only through the case's secret token. Whoever has the link sees the status, the public
timeline, the resident's own description, messages and photos, but never the contact details. On the follow
page the resident can add a message and photos to the case (see `framsteg.dialogue.services.followup`). The
pages are kept out of search engines, caches and Referer headers so that the link does not leak.
"""

from __future__ import annotations

import logging
import mimetypes

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from framsteg.core import outage
from framsteg.dialogue import ratelimit
from framsteg.dialogue.models import Case, CaseEvent, CaseKind
from framsteg.dialogue.selectors import answers, publicity
from framsteg.dialogue.services import followup, notifications
from framsteg.dialogue.services.followup import FollowupError, ResidentMessageForm

logger = logging.getLogger(__name__)

OPEN_STATUSES = {Case.Status.RECEIVED, Case.Status.IN_PROGRESS}

# What each status means for the resident, in one sentence.
STATUS_EXPLANATIONS = {
    Case.Status.RECEIVED: _("The report has been received and is waiting to be handled."),
    Case.Status.IN_PROGRESS: _("Someone at the municipality is working on the report."),
    Case.Status.FIXED: _("What was reported has been put right."),
    Case.Status.ANSWERED: _("The municipality has answered. The answer is shown below."),
    Case.Status.CLOSED: _("The case is closed."),
    Case.Status.DUPLICATE: _("The same thing had already been reported. It is handled in the other case."),
    Case.Status.NOT_OURS: _(
        "This is not something the municipality is responsible for. It has been passed on to the one who is."
    ),
}


# A closed case says what happened before it was closed (see `notifications.status_outcome`).
OUTCOME_EXPLANATIONS = {
    "closed_fixed": _("The case is closed: what was reported has been fixed."),
    "closed_answered": _("The case is closed: the municipality has answered. The answer is shown below."),
    "reopened": _("The case has been opened again and someone at the municipality is working on it."),
}


def status_explanation(case: Case) -> str:
    """One sentence on what the case's status means for the resident: what happened, never a hedge.

    The template adds the case a duplicate was merged into and whom a case was forwarded to.
    """
    outcome = ""
    if case.status == Case.Status.CLOSED:
        outcome = notifications.status_outcome(case, case.status)
    elif case.status == Case.Status.IN_PROGRESS:
        last = case.events.filter(kind=CaseEvent.Kind.STATUS).order_by("-created_at", "-pk").first()
        outcome = notifications.status_outcome(case, case.status, last.data.get("before", "") if last else "")
    return str(OUTCOME_EXPLANATIONS.get(outcome) or STATUS_EXPLANATIONS.get(case.status, ""))


def private(response: HttpResponse) -> HttpResponse:
    """Keep a page reached by a secret link out of shared caches and other sites' Referer headers."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def case_for(token: str) -> Case:
    return get_object_or_404(
        Case.objects.select_related("category", "district", "duplicate_of"), follow_token=token
    )


@require_safe
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    case = case_for(token)
    context = {
        "nav": "dialogue",
        "case": case,
        # The reference must not break at its hyphen on a narrow screen.
        "reference": format_html('<span class="nowrap">{}</span>', case.reference),
        "follow_url": request.build_absolute_uri(reverse("dialogue:follow", args=[case.follow_token])),
        "can_answer": bool(case.contact_email or case.contact_phone),
        "is_safety": case.kind == CaseKind.SAFETY,
        "retention_days": settings.DIALOGUE_RETENTION_DAYS,
        "receipt_emailed": case.source == Case.Source.WEB and notifications.may_email_automatically(case),
    }
    return private(render(request, "dialogue/resident/thanks.html", context))


@require_http_methods(["GET", "HEAD", "POST"])
def follow(request: HttpRequest, token: str) -> HttpResponse:
    """The resident's page for the case; POST adds a message ("Add something to your case")."""
    case = case_for(token)
    room = followup.photo_room(case)
    if request.method != "POST":
        return render_follow(request, case, ResidentMessageForm(room=room))
    if not followup.accepts_messages(case):
        return render_follow(request, case, None, status=403)

    address = ratelimit.client_address(request)
    if not ratelimit.allow("report", address, settings.DIALOGUE_RATE_LIMIT):
        form = ResidentMessageForm(request.POST, room=room)
        return render_follow(request, case, form, status=429, problem="rate_limited")

    form = ResidentMessageForm(request.POST, request.FILES, room=room)
    if not form.is_valid():
        return render_follow(request, case, form, status=400)
    try:
        event = followup.add_resident_message(
            case, form.cleaned_data["text"], form.cleaned_data.get("photos") or [], Case.Source.WEB
        )
    except FollowupError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return render_follow(request, case, form, status=400)
    except Exception as error:
        if outage.is_database_outage(error):
            raise  # answered by framsteg.core.outage, without the database
        logger.exception("A message to case %s could not be saved", case.reference)
        return render_follow(request, case, form, status=503, problem="not_saved")
    messages.success(request, _("Thank you. What you wrote has been added to your case."))
    return redirect(reverse("dialogue:follow", args=[case.follow_token]) + f"#event-{event.pk}")


def render_follow(
    request: HttpRequest,
    case: Case,
    form: ResidentMessageForm | None,
    status: int = 200,
    problem: str = "",
) -> HttpResponse:
    """The follow page; `problem` is "rate_limited" or "not_saved" when a message was not received."""
    photos = [photo for photo in case.photos.all() if photo.removed_at is None and photo.image]
    context = {
        "nav": "dialogue",
        "case": case,
        "status_label": publicity.public_status_label(case),
        "status_tone": publicity.public_status_tone(case),
        "status_explanation": status_explanation(case),
        "emails_stopped": case.status_emails_stopped_at is not None,
        "gets_status_emails": notifications.may_email_automatically(case),
        "is_open": case.status in OPEN_STATUSES,
        "answers": answers.answer_rows(case),
        "photos": photos,
        "events": followup.resident_timeline(case),
        "merged_into": case.duplicate_of,
        "can_answer": bool(case.contact_email or case.contact_phone),
        "accepts_messages": followup.accepts_messages(case),
        "form": form,
        "problem": problem,
        "photos_lost": bool(form is not None and (form.chose_photos or (problem and request.FILES))),
    }
    return private(render(request, "dialogue/resident/follow.html", context, status=status))


@require_safe
def follow_photo(request: HttpRequest, token: str, pk: int) -> FileResponse:
    """One of the case's photos, for the follow page; only with the case's token, never cached by others."""
    case = case_for(token)
    photo = case.photos.filter(pk=pk, removed_at__isnull=True).exclude(image="").first()
    if photo is None:
        raise Http404
    try:
        file = photo.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = mimetypes.guess_type(photo.image.name)[0] or "application/octet-stream"
    response = FileResponse(file, content_type=content_type)
    response["Content-Disposition"] = "inline"
    return private(response)


@csrf_exempt  # one-click unsubscribing (RFC 8058) posts without a CSRF token; the secret link is the key
@require_http_methods(["GET", "HEAD", "POST"])
def stop_emails(request: HttpRequest, token: str) -> HttpResponse:
    """Stop (or start again) the e-mails about status changes. GET asks; POST does it.

    Mail programs that honour `List-Unsubscribe-Post` post "List-Unsubscribe=One-Click" here. Stopping and
    starting again are idempotent, so a repeated or replayed POST changes nothing more.
    """
    case = case_for(token)
    if request.method == "POST":
        if request.POST.get("action") == "resume":
            notifications.resume_status_emails(case)
            messages.success(request, _("You will get e-mails about status changes in your case again."))
        else:
            notifications.stop_status_emails(case)
            if request.POST.get("List-Unsubscribe") == "One-Click":
                return private(HttpResponse(status=204))
            messages.success(request, _("You will get no more e-mails about status changes in your case."))
        return private(redirect(reverse("dialogue:follow-stop-emails", args=[case.follow_token])))
    context = {
        "nav": "dialogue",
        "case": case,
        "has_address": bool(case.contact_email) and case.personal_data_removed_at is None,
        "stopped": case.status_emails_stopped_at is not None,
    }
    return private(render(request, "dialogue/resident/stop_emails.html", context))
