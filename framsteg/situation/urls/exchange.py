"""Pages of the situation picture: exchange."""

urlpatterns = []
