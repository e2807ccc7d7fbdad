"""The commitments app's dashboard panels: the portal's (what is due, compliance) and the admin's (review)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.ui.components import Component

from members.models import Organization
from network_site.hooks import DashboardPanel, DueItem

from .models import (
    Commitment,
    Compliance,
    PledgeSignature,
    PledgeVersion,
    ProgressReport,
    ReportStatus,
    compliance_for,
    with_compliance,
)


class ReviewPanel(Component):
    """The secretariat's dashboard: what waits for review and which organisations are overdue."""

    name = "commitments_review"
    template_name = "commitments/admin/dashboard_panel.html"
    order = 60
    shown = 8

    def get_context_data(self, parent_context):
        commitments = Commitment.objects.waiting_for_review().count()
        reports = ProgressReport.objects.waiting_for_review().count()
        overdue = with_compliance(Organization.objects.active()).filter(compliance=Compliance.OVERDUE)
        return {
            "commitments_waiting": commitments,
            "reports_waiting": reports,
            "overdue": list(overdue.order_by("name")[: self.shown]),
            "overdue_count": overdue.count(),
            "queue_url": reverse("commitments_review:queue"),
            "reports_url": reverse("commitments_review:reports"),
            "compliance_url": reverse("commitments_review:compliance") + "?compliance=overdue",
        }


def admin_panels(request, panels):
    """The review panel of the secretariat's admin dashboard (``construct_homepage_panels``)."""
    if request.user.has_perm("commitments.change_commitment"):
        panels.append(ReviewPanel())


def portal_panels(request, account):
    """What is due (reports and the pledge) and the compliance status: a fixed number of queries."""
    organization = account.organization
    today = timezone.localdate()
    shown = 10
    to_file = ProgressReport.objects.for_organization(organization).to_file(today)
    due_reports = list(to_file.select_related("commitment").order_by("deadline", "pk")[:shown])
    counts = (
        ProgressReport.objects.for_organization(organization)
        .expected()
        .aggregate(
            overdue=Count("pk", filter=Q(status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED], deadline__lt=today)),
            waiting=Count("pk", filter=Q(status=ReportStatus.SUBMITTED)),
            returned=Count("pk", filter=Q(status=ReportStatus.RETURNED)),
        )
    )
    counts["to_file"] = to_file.count()
    # Partner institutions (observers) take part without a membership: they never sign the pledge.
    current = None if organization.is_partner else PledgeVersion.objects.current()
    signed_current = (
        current is not None and PledgeSignature.objects.for_organization(organization).filter(version=current).exists()
    )
    due = []
    if current is not None and not signed_current:
        due.append(
            DueItem(
                title=_("Sign the network's pledge (%(version)s)") % {"version": current.display_label},
                url=reverse("commitments_portal:pledge"),
                kind=_("Pledge"),
                overdue=False,
                due_date=today,
            )
        )
    for report in due_reports:
        if report.status == ReportStatus.RETURNED:
            title = _("Progress report %(period)s returned for correction: %(title)s")
        else:
            title = _("Progress report %(period)s: %(title)s")
        due.append(
            DueItem(
                title=title % {"period": report.period, "title": report.commitment.title},
                url=reverse("commitments_portal:report", args=[report.pk]),
                due_date=report.deadline,
                overdue=report.deadline < today,
                kind=_("Progress report"),
            )
        )
    more = counts["to_file"] - len(due_reports)
    if more > 0:
        due.append(
            DueItem(
                title=ngettext(
                    "%(count)s more progress report to file", "%(count)s more progress reports to file", more
                )
                % {"count": more},
                url=reverse("commitments_portal:list"),
                kind=_("Progress report"),
                due_date=due_reports[-1].deadline,
                overdue=False,
            )
        )
    return [
        DashboardPanel(
            title=_("Commitments and progress"),
            template_name="commitments/portal/_dashboard_panel.html",
            context={
                "compliance": compliance_for(organization, today),
                "counts": counts,
                "due_reports": due_reports,
                "current_version": current,
                "signed_current": signed_current,
                "year": today.year,
                "last_year": today.year - 1,
            },
            order=30,
            due=due,
        )
    ]
