"""The reports to the council: the list and the form that freezes one, each frozen report as a page that
prints well, and its PDF and Word files (made at once when small, in the background when large)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from framsteg.core import documents
from framsteg.core.decorators import staff_page
from framsteg.reports import rules
from framsteg.reports.forms import FreezeForm
from framsteg.reports.models import ReportFile, Snapshot
from framsteg.reports.selectors.council import period_code
from framsteg.reports.services import snapshots

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def index_page(request: HttpRequest, form: FreezeForm | None = None, status: int = 200) -> HttpResponse:
    context = {
        # The list never reads the frozen documents themselves (a whole plan's is megabytes).
        "snapshots": Snapshot.objects.defer("document").order_by("-created_at", "-pk")[:200],
        "form": form or FreezeForm(),
        "forms": [form] if form is not None else [],
        "may_freeze": rules.may_freeze_reports(request.user),
    }
    return render(request, "reports/staff/index.html", context, status=status)


@staff_page(rules.may_see_reports)
def index(request: HttpRequest) -> HttpResponse:
    return index_page(request)


@staff_page(rules.may_freeze_reports)
def freeze(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("reports:index")
    form = FreezeForm(request.POST)
    if not form.is_valid():
        return index_page(request, form, status=400)
    snapshot = snapshots.freeze_report(form.cleaned_data["period"], form.scope_value(), by=request.user)
    messages.success(request, _("The report is frozen as it stands now."))
    return redirect(snapshot.get_absolute_url())


@staff_page(rules.may_see_reports)
def snapshot(request: HttpRequest, pk: int) -> HttpResponse:
    frozen = get_object_or_404(Snapshot.objects.select_related("period"), pk=pk)
    files = {file.format: file for file in frozen.files.defer("content")}
    context = {
        "snapshot": frozen,
        "document": documents.from_data(frozen.document),
        "files": files,
        "background": snapshots.needs_background(frozen),
    }
    return render(request, "reports/staff/snapshot.html", context)


def filename(frozen: Snapshot, kind: str) -> str:
    return f"uppfoljning-{period_code(frozen.period)}-{frozen.scope}-{frozen.pk}.{kind}"


@staff_page(rules.may_see_reports)
def download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in CONTENT_TYPES:
        raise Http404("No such format")
    frozen = get_object_or_404(Snapshot.objects.select_related("period").defer("document"), pk=pk)
    file = ReportFile.objects.filter(snapshot=frozen, format=kind).first()
    if file is None or file.state == ReportFile.State.FAILED:
        file = snapshots.request_file(frozen, kind, by=request.user)
    if file.state == ReportFile.State.READY:
        response = HttpResponse(bytes(file.content), content_type=CONTENT_TYPES[kind])
        response["Content-Disposition"] = f'attachment; filename="{filename(frozen, kind)}"'
        return response
    context = {"snapshot": frozen, "file": file, "kind": kind}
    return render(
        request,
        "reports/staff/file.html",
        context,
        status=503 if file.state == ReportFile.State.FAILED else 202,
    )
