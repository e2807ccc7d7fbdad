"""Helpers about Wagtail pages that know no page type of their own."""

from django.conf import settings
from django.utils import translation

from wagtail.models import Site


def live_page(model, language=None):
    """The live page of type ``model`` in ``language`` (the active language by default).

    Falls back on the page in the default language, then on the first live one in the tree;
    None when there is none. One query: a site has one such page per language at most.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    pages = list(model.objects.live().select_related("locale").order_by("path"))
    for wanted in (language, settings.LANGUAGE_CODE):
        for page in pages:
            if page.locale.language_code == wanted:
                return page
    return pages[0] if pages else None


def site_home():
    """The default site's root page (its specific class), or None while there is no site."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.specific if site else None
