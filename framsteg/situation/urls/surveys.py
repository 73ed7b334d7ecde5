"""Pages of the situation picture: surveys."""

from django.urls import path

from framsteg.situation.views.partner import surveys

urlpatterns = [
    path("enkater/", surveys.survey_page, name="surveys"),
]
