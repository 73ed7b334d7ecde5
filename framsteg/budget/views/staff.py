"""The budget follow-up's staff pages: the follow-up per period with the owners' comments, the import of the
finance system's export (upload, preview, confirm) and the amounts the documents state."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePath

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from framsteg.budget import rules, selectors
from framsteg.budget.forms import CommentForm, PendingForm, StatedBudgetForm, UploadForm
from framsteg.budget.models import FollowUp
from framsteg.budget.services import budgets, finance
from framsteg.core.decorators import staff_page
from framsteg.steering import pending_imports
from framsteg.steering.models import CandidateTarget, FollowUpPeriod


def _follow_up_page(request: HttpRequest, period, *, failed: CommentForm | None = None, status: int = 200):
    lines = selectors.budget_follow_up(period) if period else []
    rows = []
    for line in lines:
        form = None
        if line.follow_up is not None and rules.can_comment(request.user, line.follow_up):
            prefix = f"c{line.follow_up.pk}"
            if failed is not None and failed.prefix == prefix:
                form = failed
            else:
                form = CommentForm(initial={"comment": line.comment}, prefix=prefix)
        rows.append((line, form))
    context = {
        "nav": "staff",
        "period": period,
        "periods": FollowUpPeriod.objects.order_by("-year", "-ends_on"),
        "rows": rows,
        "may_import": rules.may_import(request.user),
        "failed": failed,
        "failed_forms": [failed] if failed is not None else [],
    }
    return render(request, "budget/staff/follow_up.html", context, status=status)


@staff_page(rules.may_see_follow_up)
def follow_up(request: HttpRequest) -> HttpResponse:
    return _follow_up_page(request, selectors.chosen_period(request.GET.get("period")))


@require_POST
@staff_page(rules.may_see_follow_up)
def comment(request: HttpRequest) -> HttpResponse:
    pk = request.POST.get("follow_up", "")
    follow_up_row = FollowUp.objects.filter(pk=int(pk)).first() if pk.isdigit() else None
    if follow_up_row is None:
        messages.error(request, _("That line of the follow-up is no longer there."))
        return redirect("budget:follow-up")
    if not rules.can_comment(request.user, follow_up_row):
        return HttpResponse(status=403)
    form = CommentForm(request.POST, prefix=f"c{follow_up_row.pk}")
    if not form.is_valid():
        return _follow_up_page(request, follow_up_row.period, failed=form, status=400)
    budgets.comment_on_deviation(follow_up_row, form.cleaned_data["comment"], by=request.user)
    messages.success(
        request,
        _("The comment for %(organisation)s is saved.") % {"organisation": follow_up_row.organisation.name},
    )
    url = reverse("budget:follow-up") + f"?period={follow_up_row.period_id}#line-{follow_up_row.pk}"
    return redirect(url)


def _read(data: bytes, filename: str, period) -> finance.FinanceFile:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{Path(filename).suffix.lower()}"
        path.write_bytes(data)
        return finance.read_finance_file(path, period, filename=filename)


def _upload_page(request: HttpRequest, form: UploadForm, status: int = 200) -> HttpResponse:
    context = {"nav": "staff", "form": form, "forms": [form], "file_lost": form.is_bound}
    return render(request, "budget/staff/import_upload.html", context, status=status)


def _preview(request: HttpRequest, found: finance.FinanceFile, pending: PendingForm, status: int = 200):
    context = {"nav": "staff", "found": found, "form": pending}
    return render(request, "budget/staff/import_preview.html", context, status=status)


@staff_page(rules.may_import)
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    pending_imports.remove_stale()
    if request.method != "POST":
        return _upload_page(request, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form, status=400)
    upload = form.cleaned_data["file"]
    period = form.cleaned_data["period"]
    filename = PurePath(upload.name).name[-200:]
    data = upload.read()
    found = _read(data, filename, period)
    token = pending_imports.store(request.user, data) if found.ok else ""
    pending = PendingForm(initial={"token": token, "filename": filename, "period": period.pk})
    return _preview(request, found, pending, status=200 if found.ok else 400)


@require_POST
@staff_page(rules.may_import)
def import_confirm(request: HttpRequest) -> HttpResponse:
    form = PendingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The preview was incomplete. Upload the file again."))
        return redirect("budget:import")
    token = form.cleaned_data["token"]
    if "cancel" in request.POST:
        pending_imports.discard(request.user, token)
        messages.info(request, _("The import was cancelled; nothing was changed."))
        return redirect("budget:import")
    data = pending_imports.load(request.user, token)
    if data is None:
        messages.error(
            request, _("The uploaded file is no longer kept (files wait at most 24 hours). Upload it again.")
        )
        return redirect("budget:import")
    period = form.cleaned_data["period"]
    filename = form.cleaned_data["filename"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{Path(filename).suffix.lower()}"
        path.write_bytes(data)
        found = finance.import_finance_file(path, period, filename=filename, by=request.user)
    pending_imports.discard(request.user, token)
    if not found.ok:
        empty = PendingForm(initial={"token": "", "filename": filename, "period": period.pk})
        return _preview(request, found, empty, status=400)
    messages.success(
        request,
        _("Imported %(count)s rows for %(period)s.") % {"count": len(found.rows), "period": period},
    )
    return redirect(reverse("budget:follow-up") + f"?period={period.pk}")


def _stated_page(request: HttpRequest, failed: StatedBudgetForm | None = None, status: int = 200):
    rows = []
    for stated in selectors.stated_amounts():
        form = None
        if not stated.is_proposal:
            if failed is not None and failed.prefix == f"a{stated.amount.pk}":
                form = failed
            else:
                year = stated.amount.year or stated.amount.document.period_start
                form = StatedBudgetForm(
                    initial={
                        "organisation": stated.amount.document.organisation_id,
                        "year": year,
                    },
                    prefix=f"a{stated.amount.pk}",
                )
        rows.append((stated, form))
    context = {"nav": "staff", "rows": rows, "forms": [failed] if failed is not None else []}
    return render(request, "budget/staff/stated.html", context, status=status)


@staff_page(rules.may_record_budgets)
@require_http_methods(["GET", "POST"])
def stated(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _stated_page(request)
    pk = request.POST.get("amount", "")
    if not pk.isdigit():
        return _stated_page(request, status=400)
    amount = get_object_or_404(CandidateTarget.objects.select_related("document"), pk=int(pk))
    form = StatedBudgetForm(request.POST, prefix=f"a{amount.pk}")
    if not form.is_valid():
        return _stated_page(request, failed=form, status=400)
    try:
        budget = budgets.record_stated_budget(
            amount, form.cleaned_data["organisation"], form.cleaned_data["year"], by=request.user
        )
    except budgets.BudgetError as error:
        form.add_error(None, str(error))
        return _stated_page(request, failed=form, status=400)
    messages.success(
        request,
        _("%(amount)s is recorded as the %(year)s budget of %(organisation)s.")
        % {"amount": amount.text, "year": budget.year, "organisation": budget.organisation.name},
    )
    return redirect("budget:stated")
