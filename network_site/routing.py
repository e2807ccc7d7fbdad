"""Wagtail's site lookup and page routing, remembered per cache generation.

For every request Wagtail asks the database which site answers the host (one query) and then
walks the page tree from the site's root to the page: at each level the child by its slug,
then its specific object (two queries and their ORM work per level). The answers change only
when a site or a page changes, and every such change moves the pages generation of
``network_site.page_cache`` on (publishing, unpublishing, moving or saving a page or a site);
a change of a network's records does not.
So each process remembers them for the current generation, and forgets them all when the
generation moves. Every request gets its own copy of the remembered site and page, so what a
request sets on them (cached properties, the routable page's view) never reaches another.

Only the lookup is remembered. Each request still runs the page's own ``route`` for what is
left of the path (a routable page resolves its sub-page), Wagtail's serve hooks (view
restrictions) and ``serve``: the page is rendered for every request.

What this relies on in Wagtail, and the only code that touches its private attributes, is in
``network_site.wagtail_internals``, whose tests pin that behaviour.
"""

import copy

from django.core.exceptions import DisallowedHost
from django.http import Http404
from django.utils import translation

from wagtail.models import Page, PageViewRestriction, Site

from network_site import wagtail_internals
from network_site.page_cache import pages_generation

#: At most this many hosts and paths are remembered per generation (unknown paths that answer
#: 404 are remembered too, so a crawler must not make the memory grow without bound).
MAX_ENTRIES = 2000
_MISSING = object()
_memo = {"generation": None, "sites": {}, "routes": {}, "restricted": None, "aliases": None}


def _current():
    current = pages_generation()
    if _memo["generation"] != current:
        _memo.update(generation=current, sites={}, routes={}, restricted=None, aliases=None)
    return _memo


def _remember(table, key, value):
    if len(table) < MAX_ENTRIES:
        table[key] = value


def find_site(request):
    """``Site.find_for_request``'s answer for this host and port, remembered."""
    try:
        request.get_host()
    except DisallowedHost:  # refused later by CommonMiddleware: not worth remembering
        return wagtail_internals.find_site_uncached(request)
    sites = _current()["sites"]
    key = (wagtail_internals.raw_host(request), request.get_port())
    site = sites.get(key, _MISSING)
    if site is _MISSING:
        site = wagtail_internals.find_site_uncached(request)
        _remember(sites, key, site)
    if site is None:
        return None
    site = copy.copy(site)
    # Its own root page too: a request may set attributes on the page it is served.
    site._state.fields_cache.pop("root_page", None)
    return site


def route(request, path):
    """``Page.route_for_request``'s answer (page, args, kwargs) or None, with the page found
    from memory.

    What is remembered is the page that answered and how many path components the tree walk
    consumed to reach it (its depth below the site's root); the page's own ``route`` then
    handles the rest, as in Wagtail.
    """
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = tuple(part for part in path.split("/") if part)
    routes = _current()["routes"]
    key = (site.pk, translation.get_language(), components)
    entry = routes.get(key, _MISSING)
    if entry is _MISSING:
        result = Page.route_for_request(request, path)
        if result is None:
            entry = None
        else:
            page = result[0]
            entry = (copy.copy(page), page.depth - site.root_page.depth)
        _remember(routes, key, entry)
        # The request is served a copy too (below), never the object now remembered.
    if entry is None:
        return None
    page, consumed = entry
    try:
        return copy.copy(page).route(request, list(components[consumed:]))
    except Http404:
        return None


def _paths(name, queryset):
    """The tree paths ``queryset`` lists, remembered under ``name`` for the generation."""
    memo = _current()
    if memo[name] is None:
        memo[name] = tuple(queryset.values_list("path", flat=True))
    return memo[name]


def restricted_paths():
    """The tree paths of the pages that carry a view restriction (password, login, groups)."""
    return _paths("restricted", Page.objects.filter(view_restrictions__isnull=False))


def alias_paths():
    """The tree paths of the alias pages (an alias follows its source page's restrictions)."""
    return _paths("aliases", Page.objects.filter(alias_of__isnull=False))


class RememberedPageMixin:
    """For page models: view restrictions from memory, and previews that never fill the caches.

    Wagtail's ``check_view_restrictions`` hook asks every served page for the restrictions of its
    ancestors (one query per request); restrictions are rare and any change to them moves the
    generation on. So when no page has a restriction, or when the page lies outside every
    restricted section and neither it nor an ancestor is an alias (whose source page's
    restrictions apply), the answer is "none" with no query; otherwise Wagtail's own.

    A preview renders a draft: what it builds must not land in the caches public pages read
    (``network_site.caching.cached`` builds without keeping while a preview renders).
    """

    def get_view_restrictions(self):
        restricted = restricted_paths()
        if not restricted:
            return PageViewRestriction.objects.none()
        path = self.path
        if any(path.startswith(p) for p in restricted) or any(path.startswith(p) for p in alias_paths()):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()

    def serve_preview(self, request, *args, **kwargs):
        from network_site.caching import bypass

        with bypass():
            response = super().serve_preview(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()  # templates run now, while the caches are bypassed
        return response


class SiteMiddleware:
    """Hands every request the remembered site (``Site.find_for_request`` answers it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        wagtail_internals.give_site(request, find_site(request))
        return self.get_response(request)
