"""Registers what the regional site contributes: its layout's name and the models its pages show."""

from wagtail import hooks

from network_site import hooks as contract
from regional import layout
from regional.public import public_models

hooks.register(contract.SITE_LAYOUT, layout.site_layout)
hooks.register(contract.PUBLIC_MODELS, public_models)
