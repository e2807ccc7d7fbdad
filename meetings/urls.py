"""Public URLs of the meetings app that are not Wagtail pages (mounted under /<lang>/meetings/)."""

from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("reply/<str:token>/", views.TokenReplyView.as_view(), name="reply"),
    path("reply/<str:token>/done/", views.TokenReplyDoneView.as_view(), name="reply_done"),
    path("calendar.ics", views.public_feed, name="feed"),
]
