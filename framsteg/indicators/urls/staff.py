"""Goal owners' pages for their goals' indicators and targets, in the `indicators-staff` namespace."""

from django.urls import path

from framsteg.indicators.views import staff

app_name = "indicators-staff"
urlpatterns = [
    path("mal/<int:pk>/", staff.goal_indicators, name="goal-indicators"),
    path("mal/<int:pk>/<int:indicator>/malvarde/", staff.edit_target, name="target-add"),
    path("mal/<int:pk>/<int:indicator>/malvarde/<int:target>/", staff.edit_target, name="target-edit"),
    path(
        "mal/<int:pk>/<int:indicator>/malvarde/<int:target>/ta-bort/",
        staff.remove_target,
        name="target-remove",
    ),
    path("mal/<int:pk>/<int:indicator>/ta-bort/", staff.unlink, name="goal-indicator-unlink"),
]
