"""Pages of the situation picture: surveys."""

urlpatterns = []
