"""Member-portal URLs of the home app (mounted under /portal/)."""

app_name = "home_portal"
urlpatterns = []
