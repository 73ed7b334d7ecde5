"""Pages of the situation picture: reports."""

urlpatterns = []
