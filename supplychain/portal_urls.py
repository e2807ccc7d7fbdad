"""Member-portal URLs of the supplychain app (mounted under /portal/)."""

app_name = "supplychain_portal"
urlpatterns = []
