"""Public URLs of the commitments app that are not Wagtail pages (mounted under the language prefix)."""

app_name = "commitments"
urlpatterns = []
