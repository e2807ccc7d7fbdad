"""Public URLs of the supplychain app that are not Wagtail pages (mounted under the language prefix)."""

app_name = "supplychain"
urlpatterns = []
