"""The public budget follow-up under /budget/."""

from django.urls import path

from framsteg.budget.views import public

app_name = "budget-public"
urlpatterns = [
    path("", public.follow_up, name="follow-up"),
]
