"""URLs of the meetings app's admin tools (registered under /admin/meetings/ by wagtail_hooks.py)."""

from django.urls import path

from . import admin_views, circulation

app_name = "meetings_admin"

urlpatterns = [
    path("<int:pk>/manage/", admin_views.ManageView.as_view(), name="manage"),
    path("<int:pk>/do/<slug:action>/", admin_views.TransitionView.as_view(), name="transition"),
    path("<int:pk>/circulate/", circulation.CirculateView.as_view(), name="circulate"),
    path("<int:pk>/cancel/", admin_views.CancelView.as_view(), name="cancel"),
    path("<int:pk>/reschedule/", admin_views.RescheduleView.as_view(), name="reschedule"),
    path("<int:pk>/invite/", admin_views.InviteView.as_view(), name="invite"),
    path(
        "<int:pk>/invite/<int:invitation_pk>/remove/",
        admin_views.RemoveInvitationView.as_view(),
        name="remove_invitation",
    ),
    path("<int:pk>/attendance/", admin_views.AttendanceView.as_view(), name="attendance"),
    path("<int:pk>/summary/", admin_views.SummaryView.as_view(), name="summary"),
    path("<int:pk>/copy/", admin_views.CopyView.as_view(), name="copy"),
    path("series/<int:series_pk>/", admin_views.SeriesView.as_view(), name="series"),
    path("<int:pk>/files/<str:kind>", admin_views.DocumentView.as_view(), name="document"),
    path("<int:pk>/attachments/<int:attachment_pk>/", admin_views.AttachmentView.as_view(), name="attachment"),
    path(
        "agreements/<int:pk>/evidence/<int:update_pk>/",
        admin_views.AgreementEvidenceView.as_view(),
        name="agreement_evidence",
    ),
    path("agreements/<int:pk>/status/", admin_views.AgreementStatusView.as_view(), name="agreement_status"),
    path("agreements/export.xlsx", admin_views.AgreementsExportView.as_view(), name="agreements_export"),
]
