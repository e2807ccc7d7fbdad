"""Registers the core's own admin views (the generic spreadsheet import/export) and its public models."""

from wagtail import hooks

from network_site import network_admin, network_viewsets, spreadsheet_views
from network_site.hooks import PUBLIC_MODELS
from network_site.models import CustomDocument, CustomImage, Network

hooks.register("register_admin_urls", spreadsheet_views.admin_urls)
hooks.register("register_admin_urls", network_admin.admin_urls)
hooks.register("register_admin_menu_item", network_admin.menu_item)
hooks.register("construct_reports_menu", network_admin.hide_regional_reports)
hooks.register("register_admin_viewset", network_viewsets.NetworksGroup)
hooks.register("register_admin_menu_item", spreadsheet_views.menu_item)
hooks.register("register_log_actions", spreadsheet_views.register_log_actions)


@hooks.register(PUBLIC_MODELS)
def public_models():
    return [CustomImage, CustomDocument, Network]
