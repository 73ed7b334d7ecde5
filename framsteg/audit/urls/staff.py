from django.urls import path

from framsteg.audit.views import staff

app_name = "audit"
urlpatterns = [
    path("logg/", staff.log, name="log"),
    path("logg/<int:pk>/", staff.entry, name="entry"),
    path("logg.csv", staff.log_csv, name="log-csv"),
]
