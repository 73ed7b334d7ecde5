"""Pages of the situation picture: incidents."""

urlpatterns = []
