"""Registers what the supplychain app contributes: admin viewsets, audit-log actions, the portal's
menu and dashboard panel, and the observatory's section (code in dashboard.py and views.py)."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from network_site import hooks as contract
from network_site.hooks import MenuItem

from . import dashboard, models, services, views
from .viewsets import ValueChainViewSetGroup


@hooks.register("register_admin_viewset")
def register_value_chain_viewsets():
    return ValueChainViewSetGroup()


@hooks.register("register_log_actions")
def register_supplychain_log_actions(actions):
    actions.register_action(
        "supplychain.questionnaire_new_version", _("New questionnaire version"), _("New questionnaire version created")
    )


@hooks.register(contract.PORTAL_MENU_ITEMS)
def supplychain_menu(request, account):
    return [MenuItem(_("Value chain"), "supplychain_portal:overview", order=50)]


hooks.register(contract.PORTAL_DASHBOARD_PANELS, dashboard.portal_panels)
hooks.register(contract.ADMIN_DASHBOARD_PANELS, dashboard.admin_panels)
hooks.register(contract.COMPLIANCE_ITEMS, models.calendar.compliance_conditions)
hooks.register(contract.NETWORK_CREATED, services.prepare_network)
hooks.register(contract.OBSERVATORY_SECTIONS, views.observatory_sections)


@hooks.register(contract.PUBLIC_MODELS)
def public_models():
    return [
        models.Questionnaire,
        models.Section,
        models.Question,
        models.Option,
        models.Assessment,
        models.SectionScore,
        models.Referral,
        models.AssessmentRound,  # its dates show on the portal's dashboard, kept per generation
    ]


@hooks.register(contract.PORTAL_AUDITED_MODELS)
def portal_audited_models():
    return [models.Assessment, models.Answer, models.Supplier, models.ActionItem, models.Referral]
