"""Case handling for staff, under /personal/arenden/."""

from django.urls import path

from framsteg.dialogue.views.staff import actions, api_keys, case_page, inbox, statistics

app_name = "cases"
urlpatterns = [
    path("", inbox.inbox, name="inbox"),
    path("<int:year>-<int:number>/", case_page.detail, name="detail"),
    path("<int:year>-<int:number>/skicka/", actions.route, name="route"),
    path("<int:year>-<int:number>/handlaggare/", actions.assign, name="assign"),
    path("<int:year>-<int:number>/status/", actions.change_status, name="status"),
    path("<int:year>-<int:number>/anteckning/", actions.add_note, name="note"),
    path("<int:year>-<int:number>/svar/", actions.answer, name="answer"),
    path("<int:year>-<int:number>/granskning/", actions.review, name="review"),
    path("<int:year>-<int:number>/publicering/", actions.publish, name="publish"),
    path("<int:year>-<int:number>/offentlig-anteckning/", actions.add_public_note, name="public-note"),
    path("<int:year>-<int:number>/offentlig-anteckning/granskning/", actions.review_note, name="note-review"),
    path("<int:year>-<int:number>/dubblett/", actions.merge, name="merge"),
    path("<int:year>-<int:number>/vidarebefordra/", actions.forward, name="forward"),
    path("<int:year>-<int:number>/atagande/", actions.link, name="link"),
    path("<int:year>-<int:number>/atagande/ta-bort/", actions.unlink, name="unlink"),
    path("<int:year>-<int:number>/foto/", actions.publish_photo, name="photo-publish"),
    path("foto/<int:pk>/", case_page.photo, name="photo"),
    # Statistics for reporting to the politicians, and the Open311 API keys.
    path("statistik/", statistics.statistics, name="statistics"),
    path("statistik.csv", statistics.statistics_csv, name="statistics-csv"),
    path("api-nycklar/", api_keys.api_keys, name="api-keys"),
    path("api-nycklar/<int:pk>/aterkalla/", api_keys.api_key_revoke, name="api-key-revoke"),
]
