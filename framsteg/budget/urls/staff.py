"""The budget follow-up's staff pages under /personal/budget/."""

from django.urls import path

from framsteg.budget.views import staff

app_name = "budget"
urlpatterns = [
    path("", staff.follow_up, name="follow-up"),
    path("kommentar/", staff.comment, name="comment"),
    path("importera/", staff.import_upload, name="import"),
    path("importera/bekrafta/", staff.import_confirm, name="import-confirm"),
    path("belopp-i-dokumenten/", staff.stated, name="stated"),
]
