"""What anyone sees of residents' reports: the list and map, a case's public page, the CSV."""

from django.urls import path, re_path

from framsteg.dialogue.views.public import reports

app_name = "dialogue"
urlpatterns: list = [
    path("anmalningar/", reports.reports, name="reports"),
    path("anmalningar.csv", reports.reports_csv, name="reports-csv"),
    re_path(
        r"^anmalningar/(?P<year>\d{4})-(?P<number>\d{5,})/$", reports.report_detail, name="report-detail"
    ),
    path("anmalningar/foto/<int:pk>/", reports.photo, name="photo"),
]
