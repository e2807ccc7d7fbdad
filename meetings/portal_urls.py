"""Member-portal URLs of the meetings app (mounted under /portal/meetings/)."""

from django.urls import path

from . import views

app_name = "meetings_portal"
urlpatterns = [
    path("", views.MeetingListView.as_view(), name="list"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="detail"),
    path("<int:pk>/reply/<int:invitation_pk>/", views.InvitationReplyView.as_view(), name="reply"),
    path("<int:pk>/comment/", views.MinutesCommentView.as_view(), name="comment"),
    path("<int:pk>/agenda.pdf", views.AgendaPdfView.as_view(), name="agenda_pdf"),
    path("<int:pk>/minutes.pdf", views.MinutesPdfView.as_view(), name="minutes_pdf"),
    path("<int:pk>/meeting.ics", views.MeetingIcsView.as_view(), name="ics"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.AttachmentDownloadView.as_view(), name="attachment"),
    path("agreements/", views.AgreementListView.as_view(), name="agreements"),
    path("agreements/<int:pk>/", views.AgreementDetailView.as_view(), name="agreement"),
    path("agreements/<int:pk>/evidence/<int:update_pk>/", views.EvidenceDownloadView.as_view(), name="evidence"),
]
