"""URLs of the cooperation board's admin tools (under /admin/cooperation/board/, wagtail_hooks.py)."""

from django.urls import path

from . import admin_views

app_name = "cooperation_admin"

urlpatterns = [
    path("match/", admin_views.MatchView.as_view(), name="match"),
    path("match/demand/<int:demand_pk>/", admin_views.MatchView.as_view(), name="match_demand"),
    path("match/offer/<int:offer_pk>/", admin_views.MatchView.as_view(), name="match_offer"),
    path("activities/<int:pk>/", admin_views.FollowUpView.as_view(), name="follow_up"),
]
