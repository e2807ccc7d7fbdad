"""The commitments app's dashboard panels: the portal's (what is due, compliance) and the admin's (review)."""

from django.db.models import Count, Exists, OuterRef, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.admin.ui.components import Component

from members.dashboard import SubqueryCount
from members.models import Organization
from network_site.caching import cached
from network_site.hooks import DashboardPanel, DueItem

from .models import (
    Commitment,
    Compliance,
    PledgeSignature,
    PledgeVersion,
    ProgressReport,
    ReportStatus,
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


def current_pledge():
    """The network's current pledge version, kept per generation (a new version moves it on); the
    cache lasts a few minutes so that a version published for a later time becomes current."""
    pk = cached("pledge-current", builder=lambda: {"pk": getattr(PledgeVersion.objects.current(), "pk", None)},
                timeout=300)["pk"]  # fmt: skip
    if pk is None:
        return None
    return cached("pledge-version", pk, builder=lambda: PledgeVersion.objects.get(pk=pk), timeout=300)


def organization_figures(organization, today, current):
    """Compliance, the report counts and whether the current pledge is signed: one query."""
    reports = ProgressReport.objects.expected().filter(commitment__organization=OuterRef("pk"))
    open_statuses = [ReportStatus.DRAFT, ReportStatus.RETURNED]
    annotations = {
        "overdue": SubqueryCount(reports.filter(status__in=open_statuses, deadline__lt=today).values("pk")),
        "waiting": SubqueryCount(reports.filter(status=ReportStatus.SUBMITTED).values("pk")),
        "returned": SubqueryCount(reports.filter(status=ReportStatus.RETURNED).values("pk")),
    }
    if current is not None:
        signatures = PledgeSignature.objects.filter(organization=OuterRef("pk"), version_id=current.pk)
        annotations["signed_current"] = Exists(signatures)
    row = (
        with_compliance(Organization.objects.filter(pk=organization.pk), today)
        .annotate(**annotations)
        .values("compliance", *annotations)
        .first()
    ) or {"compliance": Compliance.UP_TO_DATE, "overdue": 0, "waiting": 0, "returned": 0}
    return row


def portal_panels(request, account):
    """What is due (reports and the pledge) and the compliance status: two queries (the current
    pledge is kept per generation), whatever the number of reports."""
    organization = account.organization
    today = timezone.localdate()
    shown = 10
    to_file = ProgressReport.objects.for_organization(organization).to_file(today)
    # The first reports to file, each row carrying how many there are in all (a window count).
    due_reports = list(
        to_file.select_related("commitment").annotate(total=Window(Count("pk"))).order_by("deadline", "pk")[:shown]
    )
    # Partner institutions (observers) take part without a membership: they never sign the pledge.
    current = None if organization.is_partner else current_pledge()
    figures = organization_figures(organization, today, current)
    counts = {key: figures.get(key) or 0 for key in ("overdue", "waiting", "returned")}
    counts["to_file"] = due_reports[0].total if due_reports else 0
    signed_current = current is not None and bool(figures.get("signed_current"))
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
                "compliance": Compliance(figures["compliance"]),
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
