"""What anyone sees of residents' reports: the list and map, a case's public page, the CSV."""

from django.urls import path, re_path

from framsteg.dialogue.views.public import map_data, reports

app_name = "dialogue"
urlpatterns: list = [
    path("anmalningar/", reports.reports, name="reports"),
    path("anmalningar.csv", reports.reports_csv, name="reports-csv"),
    re_path(
        r"^anmalningar/(?P<year>\d{4})-(?P<number>\d{5,})/$", reports.report_detail, name="report-detail"
    ),
    path("anmalningar/foto/<int:pk>/", reports.photo, name="photo"),
    path("anmalningar/karta/oppna.geojson", map_data.open_reports, name="map-open-reports"),
    path("anmalningar/karta/omraden.geojson", map_data.areas, name="map-areas"),
]
