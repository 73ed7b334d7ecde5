"""Pages of the situation picture: the weekly picture."""

from django.urls import path

from framsteg.situation.views.partner import picture

urlpatterns = [
    path("", picture.picture, name="picture"),
]
