"""Helpers about Wagtail pages that know no page type of their own."""

from django.conf import settings
from django.db.models import Q
from django.utils import translation

from wagtail.models import Page, Site


def current_site():
    """The Site of the network being worked for (the default Site when none is active)."""
    from network_site.networks import current_network

    network = current_network()
    if network is not None and network.site_id:
        return network.site
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def site_tree_paths():
    """Tree paths of the current Site's root and of its translations (None: every tree).

    A network's pages are the descendants of these, and so are the regional site's (which reads
    every network's data, not their pages); work for no Site (a command ``across`` networks) reads
    every tree. Remembered per cache generation.
    """
    from network_site.caching import cached
    from network_site.networks import current_network, current_site_id

    network = current_network()
    site_id = network.site_id if network is not None else current_site_id()
    if site_id is None:
        return None

    def build():  # one query: the Site's root page and its translations
        root = Page.objects.filter(sites_rooted_here__id=site_id).values("translation_key")
        return tuple(Page.objects.filter(translation_key__in=root).values_list("path", flat=True))

    return cached("site-tree-paths", site_id, builder=build)


def in_current_site(queryset):
    """``queryset`` (of pages) kept to the current network's page tree (every tree on the regional site)."""
    paths = site_tree_paths()
    if paths is None:
        return queryset
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return queryset.filter(condition)


def live_page(model, language=None):
    """The live page of type ``model`` in ``language`` (the active language by default).

    Falls back on the page in the default language, then on the first live one in the tree;
    None when there is none. Pages of the current network's tree only (``in_current_site``);
    one query (a site has one such page per language at most), and one for the tree after a change.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    pages = list(in_current_site(model.objects.live()).select_related("locale").order_by("path"))
    for wanted in (language, settings.LANGUAGE_CODE):
        for page in pages:
            if page.locale.language_code == wanted:
                return page
    return pages[0] if pages else None


def site_home():
    """The current network's site root page (its specific class), or None while there is no site."""
    site = current_site()
    return site.root_page.specific if site else None
