"""Following the plan under /folj/."""

from django.urls import path

from framsteg.following.views import public

app_name = "following"
urlpatterns = [
    path("", public.follow, name="follow"),
    path("bekrafta/<str:token>/", public.confirm, name="confirm"),
    path("avsluta/<str:token>/", public.unsubscribe, name="unsubscribe"),
    path("ataganden/<int:pk>/flode.xml", public.CommitmentUpdatesFeed(), name="commitment-feed"),
    path("organisationer/<slug:slug>/flode.xml", public.OrganisationUpdatesFeed(), name="organisation-feed"),
]
