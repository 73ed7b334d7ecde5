"""Import a steering document from the staff pages: upload, preview what would change, confirm.

The bytes wait on the server between preview and confirmation; confirmation plans again from them and applies
only when the plan is still the one the user saw.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePath

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from framsteg.core.decorators import staff_page
from framsteg.steering import pending_imports, rules
from framsteg.steering.forms import ImportDetailsForm, ImportUploadForm, PendingImportForm
from framsteg.steering.services.importing import DocumentReadError, ImportPlan, apply_import, plan_import


def plan_fingerprint(plan: ImportPlan) -> str:
    """A digest of everything the preview shows, to notice when the database moved on before confirmation."""
    shown = {
        "document": plan.document.pk if plan.document else None,
        "unchanged": plan.is_unchanged,
        "text": plan.sha256,
        "title": plan.title,
        "kind": plan.kind,
        "areas": plan.areas,
        "added": plan.added,
        "removed": [c.pk for c in plan.removed],
        "reworded": [[c.pk, text] for c, text in plan.reworded],
        "unchanged_count": plan.unchanged_count,
        "links": [[c.pk, round(score, 6)] for c, score in plan.suggested_links],
    }
    return hashlib.sha256(json.dumps(shown, sort_keys=True, default=str).encode()).hexdigest()


def render_upload(request: HttpRequest, form: ImportUploadForm) -> HttpResponse:
    return render(
        request, "steering/staff/import_upload.html", {"nav": "staff", "form": form, "error_forms": [form]}
    )


def render_preview(request: HttpRequest, form: PendingImportForm, plan: ImportPlan, changed: bool = False):
    return render(
        request,
        "steering/staff/import_preview.html",
        {"nav": "staff", "form": form, "plan": plan, "changed": changed},
    )


@staff_page(rules.can_import)
def import_upload(request: HttpRequest) -> HttpResponse:
    pending_imports.remove_stale()
    if request.method != "POST":
        return render_upload(request, ImportUploadForm())
    form = ImportUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        filename = PurePath(upload.name).name
        try:
            plan = plan_import(data, filename, form.import_request())
        except DocumentReadError as error:
            form.add_error("file", str(error))
        else:
            token = pending_imports.store(request.user, data)
            details = {name: form.cleaned_data[name] for name in ImportDetailsForm.base_fields}
            pending = PendingImportForm(
                initial={
                    **details,
                    "token": token,
                    "filename": filename,
                    "fingerprint": plan_fingerprint(plan),
                }
            )
            return render_preview(request, pending, plan)
    return render_upload(request, form)


@require_POST
@staff_page(rules.can_import)
def import_confirm(request: HttpRequest) -> HttpResponse:
    form = PendingImportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The preview was incomplete. Upload the file again."))
        return redirect("staff:import")
    token = form.cleaned_data["token"]
    if "cancel" in request.POST:
        pending_imports.discard(request.user, token)
        messages.info(request, _("The import was cancelled; nothing was changed."))
        return redirect("staff:import")
    data = pending_imports.load(request.user, token)
    if data is None:
        messages.error(
            request, _("The uploaded file is no longer kept (files wait at most 24 hours). Upload it again.")
        )
        return redirect("staff:import")
    try:
        plan = plan_import(data, form.cleaned_data["filename"], form.import_request())
    except DocumentReadError as error:
        pending_imports.discard(request.user, token)
        messages.error(request, str(error))
        return redirect("staff:import")
    fingerprint = plan_fingerprint(plan)
    if fingerprint != form.cleaned_data["fingerprint"]:
        form = PendingImportForm(initial={**form.cleaned_data, "fingerprint": fingerprint})
        return render_preview(request, form, plan, changed=True)
    result = apply_import(plan, user=request.user)
    pending_imports.discard(request.user, token)
    messages.success(request, result.summary)
    return redirect(result.document.get_absolute_url())
