"""Public URLs of the members app that are not Wagtail pages (mounted under the language prefix)."""

app_name = "members"
urlpatterns = []
