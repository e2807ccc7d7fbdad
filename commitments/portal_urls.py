"""Member-portal URLs of the commitments app (mounted under /portal/commitments/)."""

from django.urls import path

from . import portal_views as views

app_name = "commitments_portal"
urlpatterns = [
    path("", views.CommitmentListView.as_view(), name="list"),
    path("new/", views.CommitmentCreateView.as_view(), name="create"),
    path("<int:pk>/", views.CommitmentDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.CommitmentUpdateView.as_view(), name="edit"),
    path("<int:pk>/submit/", views.CommitmentSubmitView.as_view(), name="submit"),
    path("reports/<int:pk>/", views.ReportView.as_view(), name="report"),
    path("evidence/<int:pk>/", views.EvidenceDownloadView.as_view(), name="evidence"),
    path("evidence/<int:pk>/delete/", views.EvidenceDeleteView.as_view(), name="evidence_delete"),
    path("pledge/", views.PledgeView.as_view(), name="pledge"),
    path("pledge/certificate/<int:pk>/", views.CertificateView.as_view(), name="certificate"),
    path("progress/<int:year>.pdf", views.ProgressPdfView.as_view(), name="progress_pdf"),
    path("import/", views.ImportUploadView.as_view(), name="import"),
    path("import/<int:pk>/", views.ImportPreviewView.as_view(), name="import_preview"),
]
