"""Pages of the situation picture: the tertial analysis and the yearly lägesbild and åtgärdsplan."""

from django.urls import path

from framsteg.situation.views.partner import reports

urlpatterns = [
    path("rapporter/", reports.index, name="reports"),
    path("tertial/<int:year>-T<int:number>/", reports.tertial, name="reports-tertial"),
    path("ar/<int:year>/", reports.year_page, name="reports-year"),
    path("ar/<int:year>/redigera/", reports.year_edit, name="reports-year-edit"),
    path("ar/<int:year>/problem/", reports.year_problem, name="reports-year-problem"),
    path("ar/<int:year>/insats/", reports.year_action, name="reports-year-action"),
]
