"""The site's and the portal's layouts: what the apps contribute through the contract, merged.

The core renders the header, footer and <head> of the public site (``base.html``) and the
portal's frame (``portal/base.html``); what they show comes from the ``site_layout`` and
``portal_layout`` hooks (see ``network_site.hooks``), and the portal's navigation from the
``portal_menu_items`` hook. Each is computed once per request.
"""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from wagtail import hooks

from network_site.hooks import PORTAL_LAYOUT, PORTAL_MENU_ITEMS, SITE_LAYOUT, MenuItem


def _merged(request, hook_name):
    """Every hook's dict, in app order: a later app's value wins, except lists, which are joined
    (so that several apps can add ``footer_links``)."""
    layout = {}
    for function in hooks.get_hooks(hook_name):
        for key, value in (function(request) or {}).items():
            if isinstance(value, list) and isinstance(layout.get(key), list):
                layout[key] = [*layout[key], *value]
            else:
                layout[key] = value
    return layout


def site_layout(request):
    """What the header and footer show (every app's ``site_layout`` dict, merged in app order).

    The main menu's item for the current path is marked ``active``. The hooks keep their own
    data cached (``network_site.caching.cached``), so the layout costs no query once warm.
    """
    if request is None:
        return {}
    layout = getattr(request, "_site_layout", None)
    if layout is not None:
        return layout
    layout = _merged(request, SITE_LAYOUT)
    language = translation.get_language() or settings.LANGUAGE_CODE
    path, home_url = request.path, f"/{language}/"
    layout["main_menu"] = [
        {
            **item,
            "active": path == item["url"] or (item["url"] not in ("/", home_url) and path.startswith(item["url"])),
        }
        for item in layout.get("main_menu", [])
    ]
    request._site_layout = layout
    return layout


def _as_menu_item(item):
    if isinstance(item, MenuItem):
        return item
    label, url_name, *rest = item
    return MenuItem(label=label, url_name=url_name, order=rest[0] if rest else 100)


def collect_menu_items(request, account):
    """Every app's portal menu items, in order, with their URL and whether they are the current page."""
    items = []
    for hook in hooks.get_hooks(PORTAL_MENU_ITEMS):
        for raw in hook(request, account) or []:
            item = _as_menu_item(raw)
            try:
                item.url = reverse(item.url_name, kwargs=item.url_kwargs or None)
            except NoReverseMatch:
                continue  # an app whose URLs are not there (yet) does not break the portal
            items.append(item)
    items.sort(key=lambda item: item.order)
    path = request.path
    # The longest matching URL wins, so that /portal/ does not light up on every page.
    matches = [item for item in items if path == item.url or (not item.exact and path.startswith(item.url))]
    if matches:
        max(matches, key=lambda item: len(item.url)).is_current = True
    return items


def portal_layout(request):
    """What the portal's frame shows: every app's ``portal_layout`` dict, and the menu items.

    The menu is built only when a hook gave an ``account`` (the portal account of the user).
    """
    layout = getattr(request, "_portal_layout", None)
    if layout is not None:
        return layout
    layout = _merged(request, PORTAL_LAYOUT)
    account = layout.get("account")
    layout["menu"] = collect_menu_items(request, account) if account is not None else []
    request._portal_layout = layout
    return layout
