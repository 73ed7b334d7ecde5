"""The public side of the situation picture under /lagesbild/: aggregated counts and the actions decided."""

from django.urls import path

from framsteg.situation.views.public import picture

app_name = "situation-public"
urlpatterns = [
    path("", picture.picture, name="picture"),
    path("veckor.csv", picture.picture_csv, name="picture-csv"),
]
