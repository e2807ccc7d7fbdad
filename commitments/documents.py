"""The member's yearly progress PDF: it grows with the organisation's commitments and reports, so
it is rendered in the background (``network_site.background``), behind the portal's rule (the
user's own organisation)."""

from django.db.models import Count, Max, Prefetch
from django.utils import timezone
from django.utils.text import slugify

from members.access import portal_account_for
from members.models import Organization
from network_site import background

from .models import Commitment, ProgressReport, ReportStatus

PROGRESS = "commitments.progress"


def progress_pdf_context(organization, year):
    reports = ProgressReport.objects.filter(status=ReportStatus.APPROVED, period_start__year=year).order_by(
        "period_start"
    )
    commitments = (
        Commitment.objects.filter(organization=organization, approved_at__isnull=False)
        .filter(start_date__year__lte=year, end_date__year__gte=year)
        .prefetch_related(Prefetch("reports", queryset=reports, to_attr="year_reports"))
        .order_by("reference")
    )
    return {"organization": organization, "year": year, "commitments": commitments, "generated": timezone.now()}


def progress_filename(organization, year):
    return f"avance-{slugify(organization.display_name)}-{year}"


def progress_params(organization, year):
    return {"organization": organization.pk, "year": year}


def _build_progress(params):
    organization = Organization.objects.get(pk=params["organization"])
    year = int(params["year"])
    return background.PdfSource(
        "commitments/pdf/progress.html",
        progress_pdf_context(organization, year),
        progress_filename(organization, year),
    )


def _may_see_progress(request, params):
    """The portal's rule: the user's own organisation (any role, as the commitments' pages)."""
    account = portal_account_for(request.user)
    return account is not None and account.organization_id == params.get("organization")


def _progress_fingerprint(params):
    """What the PDF shows changed: the organisation, its commitments or their reports (2 queries)."""
    organization_id = params["organization"]
    commitments = Commitment.objects.filter(organization_id=organization_id).aggregate(
        count=Count("pk"), last=Max("updated_at"), organization=Max("organization__updated_at")
    )
    reports = ProgressReport.objects.filter(commitment__organization_id=organization_id).aggregate(
        count=Count("pk"), last=Max("updated_at")
    )
    return "|".join(str(value) for value in (*commitments.values(), *reports.values()))


background.register(
    background.DocumentKind(
        name=PROGRESS,
        build=_build_progress,
        allowed=_may_see_progress,
        area=background.PORTAL,
        fingerprint=_progress_fingerprint,
    )
)
