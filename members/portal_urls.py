"""Member-portal URLs of the members app (mounted under /portal/)."""

app_name = "members_portal"
urlpatterns = []
