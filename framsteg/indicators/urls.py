from django.urls import path

from framsteg.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("koldioxidbudget/<int:pk>/", views.carbon_budget, name="carbon-budget"),
    path("<slug:slug>/", views.indicator, name="indicator"),
    path("<slug:slug>/data.csv", views.indicator_csv, name="indicator-csv"),
]
