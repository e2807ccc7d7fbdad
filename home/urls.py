"""Public URLs of the home app that are not Wagtail pages (mounted under the language prefix)."""

from django.urls import path

from . import feeds, views

app_name = "home"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("feeds/news/rss/", feeds.LatestNewsFeed(), name="news_rss"),
    path("feeds/news/atom/", feeds.LatestNewsAtomFeed(), name="news_atom"),
]
