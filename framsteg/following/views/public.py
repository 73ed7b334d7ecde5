"""Following the plan without an account: sign up, confirm, stop, and Atom feeds of a commitment and of an
organisation's commitments (the area's feed is steering's)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from framsteg.dialogue.ratelimit import check, client_address
from framsteg.following import selectors
from framsteg.following.forms import FollowForm
from framsteg.following.models import Subscription
from framsteg.following.services import subscriptions
from framsteg.organisations.models import Organisation
from framsteg.steering.models import Commitment, StatusUpdate
from framsteg.steering.views.public.feeds import FEED_LENGTH, PlanUpdatesFeed, recent_updates

KEYS = {"atagande": "commitment", "omrade": "area", "organisation": "organisation"}


def _asked_target(request: HttpRequest) -> str:
    for parameter, kind in KEYS.items():
        value = request.GET.get(parameter, "")
        if value.isdigit():
            return f"{kind}-{value}"
    return ""


def _page(request: HttpRequest, form: FollowForm, target, status: int = 200) -> HttpResponse:
    context = {
        "form": form,
        "forms": [form],
        "target": target,
        "organisations": selectors.organisations(),
        "hours": settings.FOLLOWING_UNCONFIRMED_HOURS,
    }
    return render(request, "following/public/follow.html", context, status=status)


@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        key = _asked_target(request)
        target = selectors.followable(key) if key else None
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        form = FollowForm(initial={"target": key, "language": language})
        return _page(request, form, target)
    form = FollowForm(request.POST)
    target = selectors.followable(request.POST.get("target", ""))
    if not form.is_valid():
        return _page(request, form, target, status=400)
    decision = check("following", client_address(request), settings.FOLLOWING_RATE_LIMIT)
    if not decision.allowed:
        form.add_error(None, _("Too many sign-ups from your connection. Try again in a while."))
        response = _page(request, form, target, status=429)
        response["Retry-After"] = str(decision.retry_after)
        return response
    subscriptions.subscribe(
        form.cleaned_data["email"], form.cleaned_data["target"], form.cleaned_data["language"]
    )
    context = {"target": form.cleaned_data["target"], "hours": settings.FOLLOWING_UNCONFIRMED_HOURS}
    return render(request, "following/public/check_email.html", context)


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """A GET only shows a button: mail scanners open links, and only a person should confirm."""
    if request.method != "POST":
        subscription = Subscription.objects.filter(confirm_token=token).first()
        status = 200 if subscription else 404
        return render(request, "following/public/confirm.html", {"subscription": subscription}, status=status)
    subscription = subscriptions.confirm(token)
    status = 200 if subscription else 404
    context = {"subscription": subscription, "confirmed": subscription is not None}
    return render(request, "following/public/confirm.html", context, status=status)


@csrf_exempt  # RFC 8058: the mail client posts "List-Unsubscribe=One-Click" without a form of ours
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method != "POST":
        subscription = Subscription.objects.filter(unsubscribe_token=token).first()
        status = 200 if subscription else 404
        return render(
            request, "following/public/unsubscribe.html", {"subscription": subscription}, status=status
        )
    subscriptions.unsubscribe(token)
    return render(request, "following/public/unsubscribe.html", {"stopped": True})


class CommitmentUpdatesFeed(PlanUpdatesFeed):
    def get_object(self, request: HttpRequest, pk: int) -> Commitment:
        return get_object_or_404(Commitment.objects.reportable().select_related("area"), pk=pk)

    def title(self, commitment: Commitment) -> str:
        return _("Status updates: %(reference)s %(commitment)s") % {
            "reference": commitment.reference,
            "commitment": commitment,
        }

    def subtitle(self, commitment: Commitment) -> str:
        return _("Every approved status of this commitment, newest first.")

    def link(self, commitment: Commitment) -> str:
        return commitment.get_absolute_url()

    def items(self, commitment: Commitment) -> QuerySet[StatusUpdate]:
        return recent_updates().filter(commitment=commitment)[:FEED_LENGTH]


class OrganisationUpdatesFeed(PlanUpdatesFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Organisation:
        return get_object_or_404(Organisation.objects.exclude(kind=Organisation.Kind.PARTNER), slug=slug)

    def title(self, organisation: Organisation) -> str:
        return _("Status updates: the commitments of %(organisation)s") % {"organisation": organisation.name}

    def subtitle(self, organisation: Organisation) -> str:
        return _("Every approved status of the commitments %(organisation)s answers for, newest first.") % {
            "organisation": organisation.name
        }

    def link(self, organisation: Organisation) -> str:
        return reverse("following:follow") + f"?organisation={organisation.pk}"

    def items(self, organisation: Organisation) -> QuerySet[StatusUpdate]:
        owned = Commitment.objects.reportable().filter(
            responsibilities__organisation__in=selectors.with_descendants(organisation)
        )
        return recent_updates().filter(commitment__in=owned.values("pk"))[:FEED_LENGTH]
