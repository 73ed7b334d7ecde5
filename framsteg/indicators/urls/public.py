from django.urls import path

from framsteg.indicators.views import public

app_name = "indicators"
urlpatterns = [
    path("", public.dashboard, name="dashboard"),
    path("koldioxidbudget/<int:pk>/", public.carbon_budget, name="carbon-budget"),
    path("<slug:slug>/", public.indicator, name="indicator"),
    path("<slug:slug>/data.csv", public.indicator_csv, name="indicator-csv"),
]
