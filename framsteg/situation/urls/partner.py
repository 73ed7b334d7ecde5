"""The collaboration's pages under /personal/lagesbild/: partners, incident reporters and coordinators."""

from framsteg.situation.urls import exchange, incidents, maps, meetings, picture, reports, surveys

app_name = "situation"
urlpatterns = [
    *picture.urlpatterns,
    *incidents.urlpatterns,
    *exchange.urlpatterns,
    *meetings.urlpatterns,
    *reports.urlpatterns,
    *surveys.urlpatterns,
    *maps.urlpatterns,
]
