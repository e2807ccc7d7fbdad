"""Member-portal URLs of the commitments app (mounted under /portal/)."""

app_name = "commitments_portal"
urlpatterns = []
