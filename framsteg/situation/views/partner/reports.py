"""The tertial analysis and the yearly lägesbild and åtgärdsplan: pages that print well, and the same
documents as PDF (`?format=pdf`) and Word (`?format=docx`)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from framsteg.core import documents
from framsteg.core.decorators import staff_page
from framsteg.situation import rules
from framsteg.situation.forms.reports import PlannedActionForm, ProblemForm, YearlyTextsForm
from framsteg.situation.models import YearlyPicture
from framsteg.situation.selectors import report_documents, reports
from framsteg.situation.selectors.reports import Tertial
from framsteg.situation.services import yearly

FIRST_YEAR = 2000
LAST_YEAR = 2100
DOWNLOADS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("No such year")


def download(request: HttpRequest, document: documents.Document, filename: str) -> HttpResponse | None:
    """The document as PDF or Word when the address asks for it, else None (the page)."""
    kind = request.GET.get("format", "")
    if kind not in DOWNLOADS:
        return None
    base_url = settings.SITE_URL
    if kind == "pdf":
        try:
            content = documents.render_pdf(
                documents.render_html(document),
                base_url=base_url,
                title=document.title,
                language=document.language,
            )
        except documents.DocumentRendererMissing as error:
            return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    else:
        content = documents.render_docx(document, base_url=base_url)
    response = HttpResponse(content, content_type=DOWNLOADS[kind])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response


@staff_page(rules.may_see_reports)
def index(request: HttpRequest) -> HttpResponse:
    today = reports.local_today()
    first = reports.first_year(rules.report_incidents(request.user)) or today.year
    first = min(first, YearlyPicture.objects.order_by("year").values_list("year", flat=True).first() or first)
    years = [
        {
            "year": year,
            "tertials": [
                Tertial.of(year, number) for number in (1, 2, 3) if Tertial.of(year, number).has_begun(today)
            ],
        }
        for year in range(today.year, first - 1, -1)
    ]
    for entry in years:
        entry["tertials"] = [
            {"tertial": tertial, "label": report_documents.tertial_label(tertial)}
            for tertial in entry["tertials"]
        ]
    return render(request, "situation/partner/reports_index.html", {"years": years})


@staff_page(rules.may_see_reports)
def tertial(request: HttpRequest, year: int, number: int) -> HttpResponse:
    check_year(year)
    if number not in (1, 2, 3):
        raise Http404("No such tertial")
    period = Tertial.of(year, number)
    analysis = reports.tertial_analysis(
        rules.report_incidents(request.user), period, unnamed=_("No kommundel or area")
    )
    document = report_documents.tertial_document(analysis)
    response = download(request, document, f"tertialanalys-{period.slug}")
    if response is not None:
        return response
    context = {
        "document": document,
        "tertial": period,
        "previous": period.previous(),
        "next": period.next() if period.next().has_begun(reports.local_today()) else None,
        "previous_label": report_documents.tertial_label(period.previous()),
        "next_label": report_documents.tertial_label(period.next()),
    }
    return render(request, "situation/partner/reports_tertial.html", context)


@staff_page(rules.may_see_reports)
def year_page(request: HttpRequest, year: int) -> HttpResponse:
    check_year(year)
    document = report_documents.yearly(rules.report_incidents(request.user), year)
    response = download(request, document, f"lagesbild-och-atgardsplan-{year}")
    if response is not None:
        return response
    context = {
        "document": document,
        "year": year,
        "may_write": rules.may_write_yearly(request.user),
    }
    return render(request, "situation/partner/reports_year.html", context)


def edit_page(request: HttpRequest, year: int, *, texts=None, problem=None, action=None, status: int = 200):
    picture = YearlyPicture.objects.filter(year=year).first()
    if texts is None:
        initial = {}
        if picture is not None:
            initial = {name: getattr(picture, name) for name in yearly.TEXT_FIELDS}
        texts = YearlyTextsForm(initial=initial)
    problem = problem or ProblemForm()
    action = action or PlannedActionForm(
        year=year, initial={"starts_on": f"{year}-01-01", "ends_on": f"{year}-12-31"}
    )
    context = {
        "year": year,
        "texts": texts,
        "problem_form": problem,
        "action_form": action,
        "forms": [form for form in (texts, problem, action) if form.errors],
        "problems": report_documents.yearly_problems(year),
        "actions": report_documents.yearly_actions(year),
    }
    return render(request, "situation/partner/reports_year_edit.html", context, status=status)


@staff_page(rules.may_write_yearly)
def year_edit(request: HttpRequest, year: int) -> HttpResponse:
    check_year(year)
    if request.method == "POST":
        form = YearlyTextsForm(request.POST)
        if form.is_valid():
            yearly.save_yearly_picture(year, form.cleaned_data, by=request.user)
            messages.success(request, _("The lägesbild's texts are saved."))
            return redirect(reverse("situation:reports-year", args=[year]))
        return edit_page(request, year, texts=form, status=400)
    return edit_page(request, year)


@staff_page(rules.may_write_yearly)
def year_problem(request: HttpRequest, year: int) -> HttpResponse:
    check_year(year)
    if request.method != "POST":
        return redirect(reverse("situation:reports-year-edit", args=[year]))
    form = ProblemForm(request.POST)
    if not form.is_valid():
        return edit_page(request, year, problem=form, status=400)
    data = form.cleaned_data
    yearly.add_problem(
        year,
        yearly.ProblemData(
            title=data["title"],
            description=data["description"],
            categories=list(data["categories"]),
            district=data["district"],
            area=data["area"],
            named_place=data["named_place"],
        ),
        by=request.user,
    )
    messages.success(request, _("The problem is added to the lägesbild."))
    return redirect(reverse("situation:reports-year-edit", args=[year]) + "#problems")


@staff_page(rules.may_write_yearly)
def year_action(request: HttpRequest, year: int) -> HttpResponse:
    check_year(year)
    if request.method != "POST":
        return redirect(reverse("situation:reports-year-edit", args=[year]))
    form = PlannedActionForm(request.POST, year=year)
    if not form.is_valid():
        return edit_page(request, year, action=form, status=400)
    data = form.cleaned_data
    yearly.plan_action(
        year,
        yearly.PlannedAction(
            title=data["title"],
            description=data["description"],
            problem=data["problem"],
            organisation=data["organisation"],
            responsible_name=data["responsible_name"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            status=data["status"],
            commitments=list(data["commitments"]),
        ),
        by=request.user,
    )
    messages.success(request, _("The action is added to the åtgärdsplan."))
    return redirect(reverse("situation:reports-year-edit", args=[year]) + "#actions")
