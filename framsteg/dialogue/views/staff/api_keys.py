"""Open311 API keys: keys let a system post in the municipality's name, so only coordinators and
administrators manage them."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from framsteg.core.decorators import staff_page
from framsteg.dialogue import rules
from framsteg.dialogue.models import ApiKey
from framsteg.dialogue.services.apikeys import create_key, revoke_key


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name of the client"),
        max_length=200,
        help_text=gettext_lazy("Who or what uses the key, e.g. “FixaMinGata” or “The city app”."),
        error_messages={"required": gettext_lazy("Write a name, so that you know later who uses the key.")},
    )


def _api_keys_page(request: HttpRequest, form: ApiKeyForm, status: int = 200) -> HttpResponse:
    keys = ApiKey.objects.select_related("created_by").order_by(
        F("revoked_at").desc(nulls_first=True), "name", "pk"
    )
    return render(
        request,
        "dialogue/staff/api_keys.html",
        {"nav": "staff", "form": form, "forms": [form], "keys": keys},
        status=status,
    )


@staff_page(rules.may_manage_api_keys)
@require_http_methods(["GET", "POST"])
def api_keys(request: HttpRequest) -> HttpResponse:
    """The list of keys and the form that creates one. A new key is shown once, in the answer to the POST:
    it is not stored anywhere but in that response, which no cache may keep."""
    if request.method != "POST":
        return _api_keys_page(request, ApiKeyForm())
    form = ApiKeyForm(request.POST)
    if not form.is_valid():
        return _api_keys_page(request, form, status=400)
    key, plaintext = create_key(form.cleaned_data["name"], user=request.user)
    response = render(
        request,
        "dialogue/staff/api_key_created.html",
        {"nav": "staff", "key": key, "plaintext": plaintext},
    )
    add_never_cache_headers(response)  # no-store: no cache, proxy or back button keeps the key
    return response


@staff_page(rules.may_manage_api_keys)
@require_http_methods(["GET", "POST"])
def api_key_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first; revoking stops the client at once and cannot be undone."""
    key = get_object_or_404(ApiKey.objects.select_related("created_by"), pk=pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        revoke_key(key, user=request.user)
        messages.success(request, _("The key “%(name)s” is revoked.") % {"name": key.name})
        return redirect("cases:api-keys")
    return render(request, "dialogue/staff/api_key_revoke.html", {"nav": "staff", "key": key})
