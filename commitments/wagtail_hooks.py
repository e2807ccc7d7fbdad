"""Registers what the commitments app contributes: admin viewsets, the review views and bulk actions,
the portal's menu and dashboard panel, the admin dashboard panel, a member profile's section and
the home page's figures (the code lives in admin_views.py, dashboard.py, views.py)."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from network_site import hooks as contract
from network_site.hooks import MenuItem

from . import admin_views, dashboard, models, views
from .viewsets import CommitmentsViewSetGroup


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
    actions.register_action("commitments.pledge_signed", _("Sign the pledge"), _("Pledge signed"))


@hooks.register(contract.PORTAL_MENU_ITEMS)
def commitments_menu_items(request, account):
    return [
        MenuItem(_("Commitments"), "commitments_portal:list", order=50),
        MenuItem(_("Pledge"), "commitments_portal:pledge", order=55),
    ]


hooks.register(contract.ADMIN_DASHBOARD_PANELS, dashboard.admin_panels)
hooks.register(contract.PORTAL_DASHBOARD_PANELS, dashboard.portal_panels)
hooks.register(contract.MEMBER_PROFILE_SECTIONS, views.profile_sections)
hooks.register(contract.HOME_KEY_FIGURES, views.key_figures)
hooks.register(contract.SITE_LAYOUT, views.site_layout)


#: What a member writes in a report while it is open (a draft or returned): no public page shows it.
REPORT_DRAFT_FIELDS = frozenset({"value", "narrative", "updated_at"})


def report_shows(report, *, created, update_fields):
    """Public pages show approved reports (and, for compliance, which open reports exist and their
    deadlines): a draft's value or narrative saved by the member changes none of them."""
    if created or report.status not in models.OPEN_REPORT_STATUSES:
        return True
    return update_fields is None or not update_fields <= REPORT_DRAFT_FIELDS


@hooks.register(contract.PUBLIC_MODELS)
def public_models():
    return [
        models.PledgeVersion,
        models.PledgeSignature,
        models.Commitment,
        contract.PublicModel(models.ProgressReport, affects=report_shows),
        models.CommitmentsSettings,
    ]


@hooks.register(contract.PORTAL_AUDITED_MODELS)
def portal_audited_models():
    return [models.Commitment, models.ProgressReport, models.Evidence, models.PledgeSignature]
