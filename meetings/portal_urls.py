"""Member-portal URLs of the meetings app (mounted under /portal/)."""

app_name = "meetings_portal"
urlpatterns = []
