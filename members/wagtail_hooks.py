"""Registers the members app's admin viewsets and hooks (viewsets live in viewsets.py)."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.components import Component

from members import portal_hooks  # noqa: F401  (registers the portal's own dashboard panels)
from members.admin_views import ActivateBulkAction, SuspendBulkAction
from members.models import Application, Organization
from members.viewsets import NetworkViewSetGroup
from network_site import spreadsheet_views  # noqa: F401  (registers the generic import/export admin views)
from network_site.hooks import HOME_KEY_FIGURES, KeyFigure


@hooks.register("register_admin_viewset")
def register_network_viewsets():
    return NetworkViewSetGroup()


hooks.register("register_bulk_action", ActivateBulkAction)
hooks.register("register_bulk_action", SuspendBulkAction)


@hooks.register("register_log_actions")
def register_members_log_actions(actions):
    actions.register_action("members.status_change", _("Change membership status"), _("Membership status changed"))
    actions.register_action("members.application_approve", _("Approve application"), _("Application approved"))
    actions.register_action("members.application_reject", _("Reject application"), _("Application rejected"))


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


@hooks.register("construct_homepage_panels")
def add_applications_panel(request, panels):
    if request.user.has_perm("members.change_application"):
        panels.append(ApplicationsToReviewPanel())


@hooks.register(HOME_KEY_FIGURES)
def members_key_figures(request):
    figures = Organization.objects.active().aggregate(members=Count("pk"), sectors=Count("sector", distinct=True))
    return [
        KeyFigure(label=_("Active members"), value=figures["members"], order=10),
        KeyFigure(label=_("Sectors represented"), value=figures["sectors"], order=20),
    ]
