"""Pages of the situation picture: incidents."""

from django.urls import path

from framsteg.situation.views.partner import incidents

urlpatterns = [
    path("rapportera/", incidents.report, name="incident-report"),
    path("mina/", incidents.mine, name="incident-mine"),
    path("handelse/<int:pk>/", incidents.detail, name="incident"),
    path("handelse/<int:pk>/andra/", incidents.edit, name="incident-edit"),
    path("handelse/<int:pk>/foto/<int:photo>/", incidents.photo, name="incident-photo"),
    path("handelse/<int:pk>/granska/", incidents.review_one, name="incident-review-one"),
    path("granska/", incidents.review, name="incident-review"),
    path("invanare/<int:year>-<int:number>/", incidents.include_case, name="incident-from-case"),
]
