"""Member-portal views: every one goes through members.access (for_user / PortalMixin)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView, UpdateView, View

from members.access import PortalMixin, PortalObjectMixin
from members.models import PortalRole
from network_site import background
from network_site.models import ImportJob
from network_site.pdf import pdf_response
from network_site.uploads import private_file_response

from . import documents
from .documents import progress_pdf_context  # noqa: F401 - kept importable here (bench, tests)
from .forms import CommitmentForm, ImportUploadForm, ProgressReportForm, SignPledgeForm
from .models import (
    Commitment,
    CommitmentStatus,
    Evidence,
    PledgeSignature,
    PledgeVersion,
    ProgressReport,
    ReportStatus,
    ThematicArea,
    compliance_for,
)
from .models.pledge import verification_form_url
from .resources import ProgressReportResource

EDITORS = (PortalRole.REPRESENTATIVE, PortalRole.CONTRIBUTOR)
REPRESENTATIVES = (PortalRole.REPRESENTATIVE,)


class CommitmentListView(PortalMixin, ListView):
    template_name = "commitments/portal/commitment_list.html"
    context_object_name = "commitments"
    paginate_by = 25

    def get_queryset(self):
        queryset = Commitment.objects.for_user(self.request.user)
        status = self.request.GET.get("status")
        if status in CommitmentStatus.values:
            queryset = queryset.filter(status=status)
        area = self.request.GET.get("area")
        if area in ThematicArea.values:
            queryset = queryset.filter(thematic_area=area)
        return queryset.order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # "Reports to file": the rule of the dashboard and the reminders (ProgressReport.to_file).
        to_file = ProgressReport.objects.for_organization(self.organization).to_file()
        per_commitment = dict(
            to_file.filter(commitment__in=[c.pk for c in context["commitments"]])
            .order_by()
            .values_list("commitment")
            .annotate(n=Count("pk"))
        )
        for commitment in context["commitments"]:
            commitment.reports_to_file = per_commitment.get(commitment.pk, 0)
        context.update(
            reports_to_file=to_file.count(),
            status_choices=CommitmentStatus.choices,
            area_choices=ThematicArea.choices,
            selected_status=self.request.GET.get("status", ""),
            selected_area=self.request.GET.get("area", ""),
            compliance=compliance_for(self.organization),
            current_year=timezone.localdate().year,
        )
        return context


class CommitmentCreateView(PortalMixin, FormView):
    template_name = "commitments/portal/commitment_form.html"
    form_class = CommitmentForm
    requires_edit = True

    def form_valid(self, form):
        commitment = form.save(commit=False)
        commitment.organization = self.organization
        commitment.created_by = self.request.user
        commitment.save()
        messages.success(self.request, _("The commitment was saved as a draft."))
        return redirect("commitments_portal:detail", pk=commitment.pk)


class CommitmentDetailView(PortalObjectMixin, DetailView):
    model = Commitment
    template_name = "commitments/portal/commitment_detail.html"
    context_object_name = "commitment"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["reports"] = self.object.reports.annotate(evidence_count=Count("evidence")).order_by("period_start")
        context["history"] = self.object.history()[:20]
        context["today"] = today
        return context


class CommitmentUpdateView(PortalObjectMixin, UpdateView):
    model = Commitment
    form_class = CommitmentForm
    template_name = "commitments/portal/commitment_form.html"
    requires_edit = True

    def get_object(self, queryset=None):
        commitment = super().get_object(queryset)
        if not commitment.is_editable:
            raise PermissionDenied(_("Only a draft can be changed."))
        return commitment

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("The draft was saved."))
        return redirect("commitments_portal:detail", pk=self.object.pk)


class CommitmentSubmitView(PortalObjectMixin, View):
    model = Commitment
    required_roles = REPRESENTATIVES
    http_method_names = ["post"]

    def post(self, request, pk):
        commitment = self.get_scoped_object_or_404(pk=pk)
        try:
            commitment.transition_to(CommitmentStatus.SUBMITTED, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The commitment was submitted to the secretariat for review."))
        return redirect("commitments_portal:detail", pk=commitment.pk)


class ReportView(PortalObjectMixin, UpdateView):
    """See a progress report; while it is a draft (or returned), file it with evidence."""

    model = ProgressReport
    form_class = ProgressReportForm
    template_name = "commitments/portal/report_form.html"
    context_object_name = "report"

    def get_queryset(self):
        return super().get_queryset().select_related("commitment")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["commitment"] = self.object.commitment
        context["evidence"] = self.object.evidence.all()
        context["history"] = self.object.history()[:10]
        context["can_edit"] = (
            self.account.can_edit and self.object.is_editable and self.object.period_start <= timezone.localdate()
        )
        context["today"] = timezone.localdate()
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.account.can_edit:
            raise PermissionDenied(_("Your role in your organisation does not allow changes."))
        if not self.object.is_editable:
            messages.error(request, _("This report is locked: it was submitted or approved."))
            return redirect("commitments_portal:report", pk=self.object.pk)
        if self.object.commitment.status != CommitmentStatus.APPROVED:
            raise PermissionDenied(_("Progress is reported only on approved, running commitments."))
        if self.object.period_start > timezone.localdate():
            messages.error(request, _("This period has not started yet."))
            return redirect("commitments_portal:report", pk=self.object.pk)
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        submit = "submit" in request.POST
        with transaction.atomic():
            report = form.save()
            for upload, kind, content_type in form.cleaned_data.get("evidence_files") or []:
                Evidence.objects.create(
                    report=report,
                    file=upload,
                    original_name=upload.name[:255],
                    content_type=content_type,
                    size=upload.size,
                    kind=kind,
                    uploaded_by=request.user,
                )
            if submit:
                if not self.account.can_submit:
                    transaction.set_rollback(True)
                    raise PermissionDenied(_("Only your organisation's representative can submit."))
                try:
                    report.transition_to(ReportStatus.SUBMITTED, user=request.user)
                except ValidationError as exc:
                    transaction.set_rollback(True)
                    if hasattr(exc, "error_dict"):
                        for field_name, field_errors in exc.error_dict.items():
                            form.add_error(field_name if field_name in form.fields else None, field_errors)
                    else:
                        form.add_error(None, exc.messages)
                    return self.form_invalid(form)
        if submit:
            messages.success(request, _("The report was submitted to the secretariat."))
        else:
            messages.success(request, _("The report was saved as a draft."))
        return redirect("commitments_portal:report", pk=report.pk)


class EvidenceDownloadView(PortalObjectMixin, View):
    model = Evidence

    def get(self, request, pk):
        evidence = self.get_scoped_object_or_404(pk=pk)
        return private_file_response(
            evidence.file,
            content_type=evidence.content_type,
            inline=evidence.kind == Evidence.Kind.IMAGE,
            filename=evidence.original_name,
        )


class EvidenceDeleteView(PortalObjectMixin, View):
    model = Evidence
    requires_edit = True
    http_method_names = ["post"]

    def post(self, request, pk):
        evidence = self.get_scoped_object_or_404(pk=pk)
        report = evidence.report
        if not report.is_editable:
            messages.error(request, _("This report is locked: it was submitted or approved."))
        else:
            evidence.file.delete(save=False)
            evidence.delete()
            messages.success(request, _("The file was removed."))
        return redirect("commitments_portal:report", pk=report.pk)


class PledgeView(PortalMixin, FormView):
    """The current pledge, the organisation's signatures and (for representatives) the form to sign."""

    template_name = "commitments/portal/pledge.html"
    form_class = SignPledgeForm

    def dispatch(self, request, *args, **kwargs):
        self.version = PledgeVersion.objects.current()
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        person = getattr(self.account, "person", None)
        user = self.request.user
        return {
            "signer_name": person.name if person else user.get_full_name(),
            "signer_position": person.position if person else "",
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        signatures = list(PledgeSignature.objects.for_user(self.request.user).select_related("version"))
        signed_current = bool(self.version) and any(s.version_id == self.version.pk for s in signatures)
        context.update(
            version=self.version,
            signatures=signatures,
            signed_current=signed_current,
            is_partner=self.organization.is_partner,
        )
        return context

    def post(self, request, *args, **kwargs):
        if self.organization.is_partner:
            raise PermissionDenied(_("Partner institutions do not sign the pledge."))
        if not self.account.can_submit:
            raise PermissionDenied(_("Only your organisation's representative can sign the pledge."))
        if self.version is None:
            raise Http404
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if PledgeSignature.objects.for_user(self.request.user).filter(version=self.version).exists():
            messages.info(self.request, _("Your organisation already signed this version."))
            return redirect("commitments_portal:pledge")
        PledgeSignature.sign(
            organization=self.organization,
            version=self.version,
            user=self.request.user,
            signer_name=form.cleaned_data["signer_name"],
            signer_position=form.cleaned_data["signer_position"],
        )
        messages.success(self.request, _("Thank you: your organisation signed the pledge. Download the certificate."))
        return redirect("commitments_portal:pledge")


def certificate_context(signature):
    logo_url = None
    logo = signature.organization.logo
    if logo is not None:
        try:
            logo_url = logo.get_rendition("max-400x200").url
        except Exception:  # a missing image file must not break the certificate
            logo_url = None
    return {
        "signature": signature,
        "organization": signature.organization,
        "logo_url": logo_url,
        "verification_url": signature.get_verification_url(),
        "verification_form_url": verification_form_url(),
    }


def certificate_response(signature):
    filename = f"certificado-adhesion-{slugify(signature.organization.display_name)}-v{signature.version_number}"
    return pdf_response("commitments/pdf/certificate.html", certificate_context(signature), filename)


class CertificateView(PortalObjectMixin, View):
    model = PledgeSignature

    def get(self, request, pk):
        signature = self.get_scoped_object_or_404(pk=pk)
        return certificate_response(signature)


class ProgressPdfView(PortalMixin, View):
    """The yearly progress PDF grows with the data: its link starts a background render (or finds
    the one already made from the same data) and lands on the status page."""

    def get(self, request, year):
        if not 2000 <= year <= timezone.localdate().year + 1:
            raise Http404
        job = background.start(
            request,
            documents.PROGRESS,
            documents.progress_params(self.organization, year),
            network=self.organization.network,
            title=_("Progress PDF %(year)s") % {"year": year},
            return_url=reverse("commitments_portal:list"),
        )
        return redirect(background.status_url(job))


class ImportUploadView(PortalMixin, FormView):
    """Upload a spreadsheet of progress reports: preview first (nothing written)."""

    template_name = "commitments/portal/import_upload.html"
    form_class = ImportUploadForm
    required_roles = REPRESENTATIVES

    def form_valid(self, form):
        resource = ProgressReportResource(user=self.request.user)
        # A file with errors is kept too: its preview page shows them.
        _report, job = ImportJob.preview(resource, form.cleaned_data["file"], keep_failed=True)
        return redirect("commitments_portal:import_preview", pk=job.pk)


class ImportPreviewView(PortalMixin, TemplateView):
    template_name = "commitments/portal/import_preview.html"
    required_roles = REPRESENTATIVES

    def get_job(self):
        return get_object_or_404(
            ImportJob, pk=self.kwargs["pk"], created_by=self.request.user, resource=ProgressReportResource.name
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["job"] = self.get_job()
        context["report"] = context["job"].report
        return context

    def post(self, request, pk):
        job = self.get_job()
        report = job.apply(ProgressReportResource(user=request.user))
        if report is None:
            messages.error(request, _("This file cannot be imported: upload a corrected one."))
            return redirect("commitments_portal:import_preview", pk=job.pk)
        if report.applied:
            messages.success(request, _("The progress reports were imported and submitted for review."))
            return HttpResponseRedirect(reverse("commitments_portal:list"))
        messages.error(request, _("Nothing was imported: the file has errors."))
        return redirect("commitments_portal:import_preview", pk=job.pk)
