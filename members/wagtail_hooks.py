"""Registers what the members app contributes: admin viewsets and bulk actions, the portal's frame,
menu and dashboard panel, the admin dashboard panel and the home page's figures."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from members import admin_views, dashboard, models, portal, views
from members.viewsets import NetworkViewSetGroup
from network_site import hooks as contract


@hooks.register("register_admin_viewset")
def register_network_viewsets():
    return NetworkViewSetGroup()


hooks.register("register_bulk_action", admin_views.ActivateBulkAction)
hooks.register("register_bulk_action", admin_views.SuspendBulkAction)
hooks.register(contract.ADMIN_DASHBOARD_PANELS, dashboard.admin_panels)
hooks.register(contract.PORTAL_LAYOUT, portal.portal_layout)
hooks.register(contract.PORTAL_MENU_ITEMS, portal.menu_items)
hooks.register(contract.PORTAL_DASHBOARD_PANELS, dashboard.organization_panels)
hooks.register(contract.HOME_KEY_FIGURES, views.key_figures)


@hooks.register("register_log_actions")
def register_members_log_actions(actions):
    actions.register_action("members.invitation_sent", _("Send invitation"), _("Invitation sent"))
    actions.register_action("members.invitation_accepted", _("Accept invitation"), _("Invitation accepted"))
    actions.register_action("members.role_change", _("Change portal role"), _("Portal role changed"))
    actions.register_action("members.access_removed", _("Remove portal access"), _("Portal access removed"))


@hooks.register(contract.PUBLIC_MODELS)
def public_models():
    return [models.Organization]


@hooks.register(contract.PORTAL_AUDITED_MODELS)
def portal_audited_models():
    return [models.Organization, models.Person, models.PortalAccount]
