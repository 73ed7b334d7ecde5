"""Case handling for staff, under /personal/arenden/."""

app_name = "cases"
urlpatterns: list = []
