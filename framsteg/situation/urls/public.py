"""The public side of the situation picture under /lagesbild/: aggregated counts and the actions decided."""

app_name = "situation-public"
urlpatterns = []
