from django.urls import path

from framsteg.public import documents, feeds, search, views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("flode.xml", feeds.PlanUpdatesFeed(), name="feed"),
    path("sok/", search.search, name="search"),
    path("dokument/", documents.documents, name="documents"),
    path("dokument/<slug:slug>/", documents.document, name="document"),
    path("omraden/<slug:document_slug>/<slug:area_slug>/", views.area, name="area"),
    path(
        "omraden/<slug:document_slug>/<slug:area_slug>/flode.xml", feeds.AreaUpdatesFeed(), name="area-feed"
    ),
    path("atagande/<int:pk>/", views.commitment, name="commitment"),
    path("om/", views.about, name="about"),
    path("om/tillganglighet/", views.accessibility, name="accessibility"),
]
