from django.urls import path, re_path

from framsteg.steering.views.public import comparison, documents, evidence, feeds, goals, plan, search

app_name = "public"
urlpatterns = [
    path("", plan.home, name="home"),
    path("flode.xml", feeds.PlanUpdatesFeed(), name="feed"),
    path("sok/", search.search, name="search"),
    path("dokument/", documents.documents, name="documents"),
    path("dokument/<slug:slug>/", documents.document, name="document"),
    path("omraden/<slug:document_slug>/<slug:area_slug>/", plan.area, name="area"),
    path(
        "omraden/<slug:document_slug>/<slug:area_slug>/flode.xml", feeds.AreaUpdatesFeed(), name="area-feed"
    ),
    path("atagande/<int:pk>/", plan.commitment, name="commitment"),
    path("maltrad/", goals.goal_tree, name="goal-tree"),
    path("jamforelse/", comparison.overview, name="comparison"),
    path("jamforelse/forslag/<slug:slug>/", comparison.proposal, name="comparison-proposal"),
    path(
        "jamforelse/omrade/<slug:document_slug>/<slug:area_slug>/",
        comparison.area,
        name="comparison-area",
    ),
    path("om/", plan.about, name="about"),
    path("om/tillganglighet/", plan.accessibility, name="accessibility"),
    path("om/personuppgifter/", plan.privacy, name="privacy"),
    re_path(r"^media/evidence/(?P<path>.+)$", evidence.evidence_file, name="evidence-file"),
]
