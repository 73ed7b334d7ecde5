"""The reports to the council, under /personal/fullmaktige/."""

from django.urls import path

from framsteg.reports.views import staff

app_name = "reports"
urlpatterns = [
    path("", staff.index, name="index"),
    path("ny/", staff.freeze, name="freeze"),
    path("<int:pk>/", staff.snapshot, name="snapshot"),
    path("<int:pk>/<slug:kind>/", staff.download, name="file"),
]
