"""Public URLs of the home app that are not Wagtail pages (mounted under the language prefix)."""

app_name = "home"
urlpatterns = []
