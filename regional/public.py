"""The models the regional pages show besides pages (``public_models`` hook): the networks (their
names and addresses on the home page and in the observatory)."""

from network_site.models import Network


def public_models():
    return [Network]
