"""Residents' pages: report something, follow a case, see what is reported."""

app_name = "dialogue"
urlpatterns: list = []
