"""Residents' pages: report something and follow one's own case (no account; the follow link is the key)."""

from django.urls import path

from framsteg.dialogue.views.resident import follow, report

app_name = "dialogue"
urlpatterns: list = [
    path("anmal/", report.start, name="start"),
    path("anmal/tack/<slug:token>/", follow.thanks, name="thanks"),
    path("anmal/<slug:kind>/", report.report, name="report"),
    path("arende/<slug:token>/", follow.follow, name="follow"),
    path("arende/<slug:token>/foto/<int:pk>/", follow.follow_photo, name="follow-photo"),
    path("arende/<slug:token>/avsluta-epost/", follow.stop_emails, name="follow-stop-emails"),
]
