"""Public URLs of the meetings app that are not Wagtail pages (mounted under the language prefix)."""

app_name = "meetings"
urlpatterns = []
