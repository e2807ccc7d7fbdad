"""Registers what the cooperation board contributes: admin viewsets and tools, the admin dashboard
panel, and the models its public page shows (code in viewsets.py, admin_urls.py, dashboard.py, public.py)."""

from django.urls import include, path

from wagtail import hooks

from network_site import hooks as contract

from . import admin_urls, dashboard, public
from .viewsets import CooperationGroup


@hooks.register("register_admin_viewset")
def register_cooperation_viewsets():
    return CooperationGroup()


@hooks.register("register_admin_urls")
def register_cooperation_admin_urls():
    return [path("cooperation/board/", include(admin_urls))]


hooks.register(contract.ADMIN_DASHBOARD_PANELS, dashboard.admin_panels)
hooks.register(contract.PUBLIC_MODELS, public.public_models)
