"""Registers the commitments app's admin viewsets, admin views and the project hooks it answers."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.components import Component

from members.dashboard import HOOK_NAME as DASHBOARD_HOOK
from members.dashboard import DashboardPanel, DueItem
from members.models import Organization
from network_site.hooks import HOME_KEY_FIGURES, MEMBER_PROFILE_SECTIONS, KeyFigure

from . import admin_views
from .models import (
    Commitment,
    CommitmentsSettings,
    Compliance,
    PledgeSignature,
    PledgeVersion,
    ProgressReport,
    ReportStatus,
    with_compliance,
)
from .observatory import aggregates
from .viewsets import CommitmentsViewSetGroup

try:  # the portal's navigation hook (members app)
    from members.portal_hooks import MENU_HOOK, PortalMenuItem
except ImportError:  # pragma: no cover - older members app
    MENU_HOOK, PortalMenuItem = "portal_menu_items", None


@hooks.register("register_admin_viewset")
def register_commitments_viewsets():
    return CommitmentsViewSetGroup()


@hooks.register("register_admin_urls")
def register_review_urls():
    return admin_views.urlpatterns


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return admin_views.menu_item()


for bulk_action in admin_views.BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("register_log_actions")
def register_commitments_log_actions(actions):
    actions.register_action("commitments.submit", _("Submit commitment"), _("Commitment submitted"))
    actions.register_action("commitments.approve", _("Approve commitment"), _("Commitment approved"))
    actions.register_action("commitments.return", _("Return commitment"), _("Commitment returned to draft"))
    actions.register_action("commitments.close", _("Close commitment"), _("Commitment closed"))
    actions.register_action("commitments.report_submit", _("Submit progress report"), _("Progress report submitted"))
    actions.register_action("commitments.report_approve", _("Approve progress report"), _("Progress report approved"))
    actions.register_action("commitments.report_return", _("Return progress report"), _("Progress report returned"))
    actions.register_action("commitments.pledge_signed", _("Sign the pledge"), _("Pledge signed"))


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


@hooks.register("construct_homepage_panels")
def add_review_panel(request, panels):
    if request.user.has_perm("commitments.change_commitment"):
        panels.append(ReviewPanel())


# --- Portal -------------------------------------------------------------------------------


@hooks.register(MENU_HOOK)
def commitments_menu_items(request, account):
    items = [
        (_("Commitments"), "commitments_portal:list", 50),
        (_("Pledge"), "commitments_portal:pledge", 55),
    ]
    if PortalMenuItem is None:
        return items
    return [PortalMenuItem(label, url_name, order=order) for label, url_name, order in items]


@hooks.register(DASHBOARD_HOOK)
def commitments_dashboard_panels(request, account):
    """What is due (reports and the pledge) and the compliance status: a fixed number of queries."""
    organization = account.organization
    today = timezone.localdate()
    shown = 10
    due_reports = list(
        ProgressReport.objects.for_organization(organization)
        .due(today)
        .select_related("commitment")
        .order_by("deadline", "pk")[:shown]
    )
    counts = (
        ProgressReport.objects.for_organization(organization)
        .expected()
        .aggregate(
            overdue=Count("pk", filter=Q(status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED], deadline__lt=today)),
            waiting=Count("pk", filter=Q(status=ReportStatus.SUBMITTED)),
        )
    )
    current = PledgeVersion.objects.current()
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
        due.append(
            DueItem(
                title=_("Progress report %(period)s: %(title)s")
                % {"period": report.period, "title": report.commitment.title},
                url=reverse("commitments_portal:report", args=[report.pk]),
                due_date=report.deadline,
                overdue=report.deadline < today,
                kind=_("Progress report"),
            )
        )
    from .models import compliance_for

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


# --- Public site --------------------------------------------------------------------------


@hooks.register(MEMBER_PROFILE_SECTIONS)
def commitments_profile_section(request, organization):
    """A member's public commitments with their latest approved progress (one or two queries)."""
    latest = ProgressReport.objects.filter(commitment=OuterRef("pk"), status=ReportStatus.APPROVED).order_by(
        "-period_start"
    )
    commitments = list(
        Commitment.objects.public()
        .filter(organization=organization)
        .annotate(
            latest_period=Subquery(latest.values("period")[:1]),
            latest_value=Subquery(latest.values("value")[:1]),
        )
        .order_by("-approved_at", "pk")[:50]
    )
    context = {"organization": organization, "commitments": commitments}
    if CommitmentsSettings.load(request_or_site=request).show_compliance_publicly:
        from .models import compliance_for

        context["compliance"] = compliance_for(organization)
    return [("commitments/includes/profile_section.html", context)]


@hooks.register(HOME_KEY_FIGURES)
def commitments_key_figures(request):
    totals = aggregates({})["totals"]
    figures = [KeyFigure(label=_("Public commitments"), value=totals["commitments"], order=30)]
    if totals["share_achieved"] is not None:
        figures.append(
            KeyFigure(
                label=_("Commitments achieved"),
                value=f"{totals['share_achieved']} %",
                order=40,
                help_text=_("Share of the commitments that ended which reached their target."),
            )
        )
    return figures
