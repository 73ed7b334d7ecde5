"""Open311 GeoReport v2: every resource in XML or JSON, chosen by the suffix (``services.xml``)."""

from django.urls import re_path

from framsteg.dialogue.open311 import views

app_name = "open311"

FORMAT = r"\.(?P<fmt>[^./]+)$"

urlpatterns = [
    re_path(r"^discovery" + FORMAT, views.discovery, name="discovery"),
    re_path(r"^services" + FORMAT, views.service_list, name="services"),
    re_path(r"^services/(?P<code>[^/]+?)" + FORMAT, views.service_definition, name="service"),
    re_path(r"^requests" + FORMAT, views.service_requests, name="requests"),
    re_path(r"^requests/(?P<request_id>[^/]+?)" + FORMAT, views.service_request, name="request"),
    re_path(r"^tokens/(?P<token>[^/]+?)" + FORMAT, views.token, name="token"),
    re_path(r"^(?P<path>(?s:.*))$", views.not_found),
]
