"""Pages of the situation picture: the map layer."""

from django.urls import path

from framsteg.situation.views.partner import maps

urlpatterns = [
    path("karta.geojson", maps.map_layer, name="picture-map"),
]
