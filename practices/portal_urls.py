"""Member-portal URLs of the good-practices app (mounted under /portal/practices/)."""

from django.urls import path

from . import portal_views as views

app_name = "practices_portal"
urlpatterns = [
    path("", views.PracticeListView.as_view(), name="list"),
    path("new/", views.PracticeCreateView.as_view(), name="create"),
    path("<int:pk>/", views.PracticeDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.PracticeUpdateView.as_view(), name="edit"),
    path("<int:pk>/withdraw/", views.PracticeWithdrawView.as_view(), name="withdraw"),
]
