"""The dashboards: the portal's (every app's panels, and the members app's own) and the members
app's panel of the secretariat's admin dashboard.

An app adds to the dashboard by registering, in its ``wagtail_hooks.py``, a function that
receives the request and the user's PortalAccount and returns ``DashboardPanel``s
(``network_site.hooks``). Due items of every panel are merged into the "what is due" list at
the top of the dashboard, soonest first. Panels must run a fixed number of queries.
"""

import datetime

from django.db.models import IntegerField, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.components import Component

from members.models import Application, Organization, Person, PortalAccount
from network_site.hooks import PORTAL_DASHBOARD_PANELS, DashboardPanel, DueItem


class SubqueryCount(Subquery):
    """The number of rows of a subquery (correlated through ``OuterRef``), 0 when none."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


def collect_panels(request, account):
    """All panels from every app, in order, and their due items merged (soonest first)."""
    panels = []
    for hook in hooks.get_hooks(PORTAL_DASHBOARD_PANELS):
        panels.extend(hook(request, account) or [])
    panels.sort(key=lambda panel: panel.order)
    due = [item for panel in panels for item in panel.due]
    due.sort(key=lambda item: (not item.overdue, item.due_date or datetime.date.max))
    return panels, due


def organization_panels(request, account):
    """The organisation panel: profile completeness, contacts and colleagues (one query)."""
    organization = account.organization
    people = Person.objects.filter(organization=OuterRef("pk"))
    accounts = PortalAccount.objects.filter(organization=OuterRef("pk"))
    row = (
        Organization.objects.filter(pk=organization.pk)
        .values("pk")
        .annotate(
            people=SubqueryCount(people.values("pk")),
            focal_points=SubqueryCount(people.filter(is_focal_point=True).values("pk")),
            colleagues=SubqueryCount(accounts.values("pk")),
            pending=SubqueryCount(accounts.filter(user__last_login__isnull=True).values("pk")),
        )
        .first()
    ) or {"people": 0, "focal_points": 0, "colleagues": 0, "pending": 0}
    people = {"total": row["people"], "focal_points": row["focal_points"]}
    colleagues = {"total": row["colleagues"], "pending": row["pending"]}
    due = []
    profile_url = reverse("members_portal:profile")
    missing = []
    if not organization.description:
        missing.append(_("public description"))
    if not organization.logo_id:
        missing.append(_("logo"))
    if missing:
        due.append(
            DueItem(
                title=_("Complete your organisation's public profile"),
                url=profile_url,
                kind=_("Profile"),
            )
        )
    if not people["focal_points"]:
        due.append(
            DueItem(
                title=_("Name a focal point among your contacts"),
                url=reverse("members_portal:person_list"),
                kind=_("Contacts"),
            )
        )
    return [
        DashboardPanel(
            title=_("Your organisation"),
            template_name="members/portal/_organization_panel.html",
            context={
                "organization": organization,
                "people": people,
                "colleagues": colleagues,
                "missing": missing,
            },
            order=10,
            due=due if account.can_submit else [],
        )
    ]


class ApplicationsToReviewPanel(Component):
    """The secretariat's dashboard: applications waiting for a decision (two queries)."""

    name = "members_applications_to_review"
    template_name = "members/admin/applications_panel.html"
    order = 50
    shown = 5

    def get_context_data(self, parent_context):
        pending = Application.objects.pending().order_by("created_at")
        return {
            "applications": list(pending[: self.shown]),
            "count": pending.count(),
            "index_url": reverse("members_applications:index") + "?status=pending",
        }


def admin_panels(request, panels):
    """The members app's panels of the secretariat's admin dashboard (``construct_homepage_panels``)."""
    if request.user.has_perm("members.change_application"):
        panels.append(ApplicationsToReviewPanel())
