"""Residents' pages: report something, follow a case, see what is reported."""

from django.urls import path, re_path

from framsteg.dialogue.views import follow, report, reports

app_name = "dialogue"
urlpatterns: list = [
    path("anmal/", report.start, name="start"),
    path("anmal/tack/<slug:token>/", follow.thanks, name="thanks"),
    path("anmal/<slug:kind>/", report.report, name="report"),
    path("arende/<slug:token>/", follow.follow, name="follow"),
    path("arende/<slug:token>/foto/<int:pk>/", follow.follow_photo, name="follow-photo"),
]

urlpatterns += [
    path("anmalningar/", reports.reports, name="reports"),
    path("anmalningar.csv", reports.reports_csv, name="reports-csv"),
    re_path(
        r"^anmalningar/(?P<year>\d{4})-(?P<number>\d{5,})/$", reports.report_detail, name="report-detail"
    ),
    path("anmalningar/foto/<int:pk>/", reports.photo, name="photo"),
]
