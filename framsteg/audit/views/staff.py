"""The audit log for administrators: search, one entry with its before and after, and a CSV export.

Anonymous visitors are sent to log in; everyone else who is not an administrator gets 403. The pages only
read: entries are never changed or deleted through the product.
"""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from framsteg.audit import exports, rules, selectors
from framsteg.audit.forms import SearchForm
from framsteg.audit.services import record_read
from framsteg.core.decorators import staff_page


def _search(request: HttpRequest) -> tuple[SearchForm, selectors.Search]:
    form = SearchForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    return form, form.criteria()


@staff_page(rules.can_read_log)
@require_safe
def log(request: HttpRequest) -> HttpResponse:
    form, criteria = _search(request)
    page = selectors.page_of(selectors.search(criteria), request.GET.get("page"))
    return render(
        request,
        "audit/staff/log.html",
        {
            "nav": "staff",
            "form": form,
            "page": page,
            "is_filtered": not criteria.is_empty,
            "csv_query": request.GET.copy().urlencode() if request.GET else "",
        },
    )


def _pretty(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


@staff_page(rules.can_read_log)
@require_safe
def entry(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.entry(pk)
    if found is None:
        raise Http404("No such audit entry")
    changes = found.changes or {}
    other = {key: value for key, value in changes.items() if key not in ("before", "after")}
    return render(
        request,
        "audit/staff/entry.html",
        {
            "nav": "staff",
            "entry": found,
            "before": _pretty(changes["before"]) if "before" in changes else None,
            "after": _pretty(changes["after"]) if "after" in changes else None,
            "other": _pretty(other) if other else None,
        },
    )


@staff_page(rules.can_read_log)
@require_safe
def log_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The current search, every matching entry; the export is itself recorded."""
    _form, criteria = _search(request)
    entries = selectors.as_of_now(selectors.search(criteria))
    count = entries.count()
    record_read(
        "audit.export",
        target_type="audit.auditentry",
        target_label=f"{count} entries",
        after={"search": {key: value for key, value in request.GET.items() if key != "page"}, "rows": count},
    )
    response = StreamingHttpResponse(
        exports.lines(entries.iterator(chunk_size=1000)), content_type="text/csv; charset=utf-8"
    )
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="granskningslogg-{day}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
