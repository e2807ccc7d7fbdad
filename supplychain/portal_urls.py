"""Member-portal URLs of the supplychain app (mounted under /portal/value-chain/)."""

from django.urls import path

from . import portal_views as views

app_name = "supplychain_portal"
urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("assessments/start/", views.StartAssessmentView.as_view(), name="start"),
    path("assessments/<int:pk>/", views.AssessmentDetailView.as_view(), name="assessment_detail"),
    path("assessments/<int:pk>/sections/<int:section_pk>/", views.SectionView.as_view(), name="section"),
    path("assessments/<int:pk>/preview/", views.PreviewView.as_view(), name="preview"),
    path("assessments/<int:pk>/submit/", views.SubmitView.as_view(), name="submit"),
    path("assessments/<int:pk>/results/", views.ResultsView.as_view(), name="results"),
    path("assessments/<int:pk>/report.pdf", views.ReportPdfView.as_view(), name="report_pdf"),
    path("assessments/<int:pk>/evidence/<int:answer_pk>/", views.EvidenceView.as_view(), name="evidence"),
    path("suppliers/", views.SupplierListView.as_view(), name="supplier_list"),
    path("suppliers/new/", views.SupplierCreateView.as_view(), name="supplier_add"),
    path("suppliers/<int:pk>/edit/", views.SupplierUpdateView.as_view(), name="supplier_edit"),
    path("suppliers/<int:pk>/delete/", views.SupplierDeleteView.as_view(), name="supplier_delete"),
    path("suppliers/export.<str:fmt>", views.SupplierExportView.as_view(), name="supplier_export"),
    path("suppliers/import/", views.SupplierImportView.as_view(), name="supplier_import"),
    path(
        "suppliers/import/<int:job_pk>/confirm/",
        views.SupplierImportConfirmView.as_view(),
        name="supplier_import_confirm",
    ),
    path("actions/", views.ActionListView.as_view(), name="action_list"),
    path("actions/new/", views.ActionCreateView.as_view(), name="action_add"),
    path("actions/<int:pk>/", views.ActionDetailView.as_view(), name="action_detail"),
    path("actions/<int:pk>/edit/", views.ActionUpdateView.as_view(), name="action_edit"),
    path("actions/<int:pk>/evidence/", views.ActionEvidenceView.as_view(), name="action_evidence"),
    path("referrals/", views.ReferralListView.as_view(), name="referral_list"),
    path("referrals/new/", views.ReferralCreateView.as_view(), name="referral_add"),
    path("referrals/<int:pk>/", views.ReferralDetailView.as_view(), name="referral_detail"),
    path("referrals/<int:pk>/edit/", views.ReferralUpdateView.as_view(), name="referral_edit"),
    path("referrals/<int:pk>/next-step/", views.ReferralAdvanceView.as_view(), name="referral_advance"),
]
