"""Registers what the public site contributes: the site's layout and its own key figure on the home page."""

from wagtail import hooks

from home import layout, models, networks, views
from network_site import hooks as contract

hooks.register(contract.SITE_LAYOUT, layout.site_layout)
hooks.register(contract.HOME_KEY_FIGURES, views.key_figures)
hooks.register(contract.NETWORK_CREATED, networks.prepare_network)


@hooks.register(contract.PUBLIC_MODELS)
def public_models():
    return [models.NewsCategory, models.NewsPageTag, models.SiteSettings]
