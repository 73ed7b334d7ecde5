"""Pages of the situation picture: meetings."""

urlpatterns = []
