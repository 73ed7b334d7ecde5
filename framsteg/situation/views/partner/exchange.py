"""Partners' exports into the picture: upload a CSV or XLSX file, see what it holds and its problems, confirm;
and the API keys that let a partner's system post reports.

The uploaded bytes wait on the server between the preview and the confirmation (as document imports do);
confirmation reads and checks the file again, so reports changed in the meantime are not overwritten blindly.
"""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePath

from django import forms
from django.contrib import messages
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from framsteg.core.decorators import staff_page
from framsteg.organisations.models import Organisation
from framsteg.situation import rules
from framsteg.situation.models import Incident, PartnerApiKey
from framsteg.situation.services import partner_keys
from framsteg.situation.services.exchange import Exchange, read_file, save
from framsteg.steering import pending_imports

EXTENSIONS = (".csv", ".xlsx")
MAX_BYTES = 10 * 1024 * 1024


def _organisations(user):
    allowed = rules.import_organisation_ids(user)
    organisations = Organisation.objects.order_by("name")
    return organisations if allowed is None else organisations.filter(pk__in=allowed)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A CSV file (UTF-8) or an Excel workbook (.xlsx) with one report per row."),
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=gettext_lazy("Reporting organisation"),
        empty_label=gettext_lazy("Named on each row"),
        help_text=gettext_lazy("For rows that do not name their organisation."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = _organisations(user)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first().pk

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(
                _("“%(name)s” cannot be imported. Choose a .csv or .xlsx file.")
                % {"name": PurePath(upload.name).name}
            )
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


class PendingForm(forms.Form):
    token = forms.RegexField(regex=r"^[A-Za-z0-9_-]{20,64}$", widget=forms.HiddenInput)
    filename = forms.RegexField(regex=r"(?i)^[^/\\]{1,200}\.(csv|xlsx)$", widget=forms.HiddenInput)
    organisation = forms.IntegerField(required=False, widget=forms.HiddenInput)


def _read(data: bytes, filename: str, user, organisation: Organisation | None) -> Exchange:
    suffix = Path(filename).suffix.lower()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        found = read_file(
            path, allowed_organisations=rules.import_organisation_ids(user), organisation=organisation
        )
        return found


def _upload_page(request: HttpRequest, form: UploadForm, status: int = 200) -> HttpResponse:
    context = {"nav": "staff", "form": form, "forms": [form], "file_lost": form.is_bound}
    return render(request, "situation/partner/exchange_upload.html", context, status=status)


def _preview(request, found: Exchange, pending: PendingForm, filename: str, organisation, status=200):
    context = {
        "nav": "staff",
        "found": found,
        "form": pending,
        "filename": filename,
        "organisation": organisation,
    }
    return render(request, "situation/partner/exchange_preview.html", context, status=status)


@staff_page(rules.may_import_incidents)
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    pending_imports.remove_stale()
    if request.method != "POST":
        return _upload_page(request, UploadForm(user=request.user))
    form = UploadForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return _upload_page(request, form, status=400)
    upload = form.cleaned_data["file"]
    organisation = form.cleaned_data["organisation"]
    filename = PurePath(upload.name).name[-200:]
    data = upload.read()
    found = _read(data, filename, request.user, organisation)
    token = pending_imports.store(request.user, data) if found.ok else ""
    pending = PendingForm(
        initial={
            "token": token,
            "filename": filename,
            "organisation": organisation.pk if organisation else None,
        }
    )
    return _preview(request, found, pending, filename, organisation)


@require_POST
@staff_page(rules.may_import_incidents)
def import_confirm(request: HttpRequest) -> HttpResponse:
    form = PendingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The preview was incomplete. Upload the file again."))
        return redirect("situation:import")
    token = form.cleaned_data["token"]
    if "cancel" in request.POST:
        pending_imports.discard(request.user, token)
        messages.info(request, _("The import was cancelled; nothing was changed."))
        return redirect("situation:import")
    data = pending_imports.load(request.user, token)
    if data is None:
        messages.error(
            request, _("The uploaded file is no longer kept (files wait at most 24 hours). Upload it again.")
        )
        return redirect("situation:import")
    organisation = None
    if form.cleaned_data["organisation"]:
        organisation = _organisations(request.user).filter(pk=form.cleaned_data["organisation"]).first()
        if organisation is None:
            messages.error(request, _("The preview was incomplete. Upload the file again."))
            return redirect("situation:import")
    filename = form.cleaned_data["filename"]
    found = _read(data, filename, request.user, organisation)
    if found.ok:
        found = save(found, by=request.user, source=Incident.Source.IMPORT)
    if not found.ok:
        pending_imports.discard(request.user, token)
        empty = PendingForm(initial={"token": "", "filename": filename})
        return _preview(request, found, empty, filename, organisation, status=400)
    pending_imports.discard(request.user, token)
    message = _("Imported %(new)s new reports and updated %(updated)s.")
    messages.success(request, message % {"new": len(found.created), "updated": len(found.updated)})
    return redirect("situation:import")


class ApiKeyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"),
        label=gettext_lazy("Organisation"),
        help_text=gettext_lazy("The system reports in this organisation’s name, and sees only its reports."),
        error_messages={"required": gettext_lazy("Choose the organisation whose system uses the key.")},
    )
    name = forms.CharField(
        label=gettext_lazy("Name of the system"),
        max_length=200,
        help_text=gettext_lazy("Who or what uses the key, e.g. “The police’s event log”."),
        error_messages={"required": gettext_lazy("Write a name, so that you know later who uses the key.")},
    )


def _keys_page(request: HttpRequest, form: ApiKeyForm, status: int = 200) -> HttpResponse:
    keys = PartnerApiKey.objects.select_related("organisation", "created_by").order_by(
        F("revoked_at").desc(nulls_first=True), "organisation__name", "name", "pk"
    )
    context = {"nav": "staff", "form": form, "forms": [form], "keys": keys, "start": partner_keys.KEY_START}
    return render(request, "situation/partner/exchange_api_keys.html", context, status=status)


@staff_page(rules.may_manage_partner_api_keys)
@require_http_methods(["GET", "POST"])
def api_keys(request: HttpRequest) -> HttpResponse:
    """The partners' keys and the form that creates one; a new key is shown once, in the POST's answer."""
    if request.method != "POST":
        return _keys_page(request, ApiKeyForm())
    form = ApiKeyForm(request.POST)
    if not form.is_valid():
        return _keys_page(request, form, status=400)
    key, plaintext = partner_keys.create_key(
        form.cleaned_data["organisation"], form.cleaned_data["name"], user=request.user
    )
    response = render(
        request,
        "situation/partner/exchange_api_key_created.html",
        {"nav": "staff", "key": key, "plaintext": plaintext},
    )
    add_never_cache_headers(response)  # no cache, proxy or back button keeps the key
    return response


@staff_page(rules.may_manage_partner_api_keys)
@require_http_methods(["GET", "POST"])
def api_key_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first; revoking stops the system at once and cannot be undone."""
    key = get_object_or_404(PartnerApiKey.objects.select_related("organisation"), pk=pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        partner_keys.revoke_key(key, user=request.user)
        messages.success(request, _("The key “%(name)s” is revoked.") % {"name": key.name})
        return redirect("situation:api-keys")
    context = {"nav": "staff", "key": key, "start": partner_keys.KEY_START}
    return render(request, "situation/partner/exchange_api_key_revoke.html", context)
