"""Member-portal URLs of the members app (mounted under /portal/)."""

from django.urls import path

from members import portal_views as views

app_name = "members_portal"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/edit/", views.ProfileEditView.as_view(), name="profile_edit"),
    path("contacts/", views.PersonListView.as_view(), name="person_list"),
    path("contacts/add/", views.PersonCreateView.as_view(), name="person_add"),
    path("contacts/<int:pk>/edit/", views.PersonUpdateView.as_view(), name="person_edit"),
    path("contacts/<int:pk>/delete/", views.PersonDeleteView.as_view(), name="person_delete"),
    path("colleagues/", views.ColleagueListView.as_view(), name="colleague_list"),
    path("colleagues/invite/", views.ColleagueInviteView.as_view(), name="colleague_invite"),
    path("colleagues/<int:pk>/edit/", views.ColleagueUpdateView.as_view(), name="colleague_edit"),
    path("colleagues/<int:pk>/remove/", views.ColleagueRemoveView.as_view(), name="colleague_remove"),
    path("colleagues/<int:pk>/resend/", views.ColleagueResendView.as_view(), name="colleague_resend"),
    path("invitation/<uidb64>/<token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
]
