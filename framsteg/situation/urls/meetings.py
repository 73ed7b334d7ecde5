"""Pages of the situation picture: the weekly meeting and the actions (insatser)."""

from django.urls import path

from framsteg.situation.views.partner import meetings

urlpatterns = [
    path("mote/", meetings.meeting_list, name="meetings"),
    path("mote/<str:week>/", meetings.meeting_page, name="meeting"),
    path("insatser/", meetings.action_list, name="actions"),
    path("insats/<int:pk>/", meetings.action_page, name="action"),
]
