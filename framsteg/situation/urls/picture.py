"""Pages of the situation picture: picture."""

urlpatterns = []
