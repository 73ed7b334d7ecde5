"""The dialogue's answers while the database cannot be reached (see `framsteg.core.outage`).

- Open311 answers 503 as its own error document, in the format the address asks for, with Retry-After.
- A resident's form sent to the report pages or to the follow page is shown again on a page that says
  clearly that nothing was received, with everything typed kept: text fields as fields the resident can
  edit, everything else (the category, answers, the point on the map, the form's one-time token) as hidden
  fields, so that "Send again" posts the same report once the database is back. Chosen photos cannot be
  kept; the page says so and offers the photo field again.

Nothing here may query the database: the page is built from the request and the form classes' declared
fields alone (the normal form needs the categories from the database).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from framsteg.core import outage
from framsteg.dialogue.forms.resident import FORMS, KIND_SLUGS
from framsteg.dialogue.open311.render import FORMATS, XML, Open311Error

# Input types shown as fields the resident can edit; every other field travels hidden.
VISIBLE_INPUT_TYPES = {"text", "email", "tel", "date", "time", "search", "url"}
# Fields never shown, whatever their widget (the spam trap must stay out of sight).
ALWAYS_HIDDEN = {"website", "csrfmiddlewaretoken"}


@dataclass
class KeptField:
    name: str
    value: str
    label: str = ""
    input_type: str = "hidden"  # "textarea", an input type, or "hidden"
    attrs: dict | None = None


def open311_answer(request: HttpRequest, match) -> HttpResponse:
    fmt = match.kwargs.get("fmt")
    if fmt not in FORMATS:
        fmt = "json" if request.path.endswith(".json") else XML
    return Open311Error(
        503,
        _(
            "The service is temporarily unavailable because of a technical fault, and nothing was received. "
            "Try again after the number of seconds in the Retry-After header."
        ),
    ).response(fmt)


def kept_fields(request: HttpRequest, form_class: type[forms.Form]) -> list[KeptField]:
    """Every posted value, as a field to show or to carry hidden; the CSRF token is given anew."""
    kept = []
    for name, values in request.POST.lists():
        if name in ALWAYS_HIDDEN:
            continue
        declared = form_class.base_fields.get(name)
        visible = None
        if declared is not None and not isinstance(declared.widget, forms.HiddenInput):
            widget = declared.widget
            if isinstance(widget, forms.Textarea):
                visible = "textarea"
            elif isinstance(widget, forms.widgets.Input) and not isinstance(widget, forms.FileInput):
                input_type = widget.attrs.get("type", widget.input_type)
                if input_type in VISIBLE_INPUT_TYPES:
                    visible = input_type
        if visible is not None and len(values) == 1:
            attrs = {
                key: value for key, value in declared.widget.attrs.items() if key not in ("type", "rows")
            }
            kept.append(KeptField(name, values[0], str(declared.label or name), visible, attrs))
        else:
            kept.extend(KeptField(name, value) for value in values)
    return kept


def form_answer(request: HttpRequest, form_class: type[forms.Form], *, follow: bool) -> HttpResponse:
    fields = kept_fields(request, form_class)
    photos = form_class.base_fields.get("photos")
    context = {
        "municipality_name": outage.settings.MUNICIPALITY_NAME,
        "follow": follow,
        "action": request.get_full_path(),
        "csrf_token": outage.csrf_token(request),
        "visible": [field for field in fields if field.input_type != "hidden"],
        "hidden": [field for field in fields if field.input_type == "hidden"],
        "photos_label": str(photos.label) if photos is not None else "",
        "photos_accept": photos.widget.attrs.get("accept", "") if photos is not None else "",
        "photos_lost": bool(request.FILES),
        "retry_seconds": outage.RETRY_AFTER_SECONDS,
    }
    html = render_to_string("dialogue/resident/not_received.html", context)
    response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
    # Like the follow page: the address holds a secret token.
    response["Referrer-Policy"] = "no-referrer"
    outage.keep_csrf_cookie(request, response)
    return response


def answer(request: HttpRequest) -> HttpResponse | None:
    """The dialogue's 503 answer for `request`, or None to leave it to the site's static page."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.namespace == "open311":
        return open311_answer(request, match)
    if request.method != "POST" or match.namespace != "dialogue":
        return None
    if match.url_name == "report" and match.kwargs.get("kind") in KIND_SLUGS:
        return form_answer(request, FORMS[KIND_SLUGS[match.kwargs["kind"]]], follow=False)
    if match.url_name == "follow":
        from framsteg.dialogue.services.followup import ResidentMessageForm

        return form_answer(request, ResidentMessageForm, follow=True)
    return None
