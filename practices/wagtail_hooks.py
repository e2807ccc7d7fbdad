"""Registers what the good-practices app contributes (the code lives in viewsets.py, dashboard.py and portal.py)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from network_site import hooks as contract

from . import dashboard, portal
from .models import GoodPractice
from .permissions import PracticePermissionPolicy
from .viewsets import GoodPracticeViewSet

register_permission_policy(GoodPractice, PracticePermissionPolicy(GoodPractice))


@hooks.register("register_admin_viewset")
def register_practices_viewset():
    return GoodPracticeViewSet()


hooks.register(contract.PORTAL_MENU_ITEMS, portal.menu_items)
hooks.register(contract.ADMIN_DASHBOARD_PANELS, dashboard.admin_panels)
hooks.register(contract.PUBLIC_MODELS, portal.public_models)
hooks.register(contract.PORTAL_AUDITED_MODELS, portal.portal_audited_models)
