"""The plan's staff pages, in the `staff` namespace with the log-in pages (composed in framsteg/urls.py)."""

from django.urls import path

from framsteg.steering.views.staff import (
    bulk,
    comparison,
    documents,
    goals,
    home,
    imports,
    links,
    owners,
    report,
    review,
    unreported,
)

urlpatterns = [
    path("", home.home, name="home"),
    path("rapportera/", bulk.report_many, name="report-many"),
    path("rapportera/<int:pk>/", report.report, name="report"),
    path("ataganden/<int:pk>/agare/", owners.edit_owners, name="owners"),
    path("granska/", review.review_queue, name="review"),
    path("granska/<int:pk>/", review.review_decide, name="review-decide"),
    path("granska/bedomning/<int:pk>/", review.review_judgement, name="review-judgement"),
    path("mal/", goals.goal_tree, name="goals"),
    path("mal/<int:pk>/bedom/", goals.judge, name="goal-judge"),
    path("mal/<int:pk>/bidrag/", goals.contributions, name="goal-contributions"),
    path("mal/<int:pk>/andra/", goals.edit_goal, name="goal-edit"),
    path("mal/bidrag/<int:pk>/ta-bort/", goals.remove_contribution, name="goal-contribution-remove"),
    path("ej-rapporterade/", unreported.unreported, name="unreported"),
    path("ej-rapporterade.csv", unreported.unreported_csv, name="unreported-csv"),
    path("dokumentlankar/", links.document_links, name="links"),
    path("dokumentlankar/<int:pk>/", links.decide_link, name="link-decide"),
    path("dokument/", documents.documents, name="documents"),
    path("dokument/<slug:slug>/", documents.document, name="document"),
    path("jamforelse/", comparison.proposals, name="comparison"),
    path("jamforelse/forslag/<slug:slug>/", comparison.review, name="comparison-review"),
    path("jamforelse/forslag/<slug:slug>/foresla/", comparison.suggest, name="comparison-suggest"),
    path("jamforelse/forslag/<slug:slug>/lagg-till/", comparison.add, name="match-add"),
    path("jamforelse/beslut/<int:pk>/", comparison.decide, name="match-decide"),
    path("importera/", imports.import_upload, name="import"),
    path("importera/bekrafta/", imports.import_confirm, name="import-confirm"),
]
