"""Template tags of the core's layouts: what the apps contribute, language links, meta tags.

``site_layout`` and the portal's ``portal_nav``/``portal_tools`` render what the apps give
through the ``site_layout``, ``portal_layout`` and ``portal_menu_items`` hooks
(``network_site.layout``); the other tags read only Wagtail's pages.
"""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Page

from network_site import layout
from network_site.caching import cached, rendition_data
from network_site.links import absolute_url, page_url

register = template.Library()


def _current_page(context):
    page = context.get("page")
    return page if isinstance(page, Page) and page.pk else None


@register.simple_tag(takes_context=True)
def site_layout(context):
    """What the header and footer show: site name, logo, menus, links, feeds (see ``layout.site_layout``)."""
    return layout.site_layout(context.get("request"))


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language that keeps the reader on the same page.

    A page's translation when it exists; otherwise the same address under the other language
    prefix (Wagtail pages without a translation are then served from the default language's
    tree with the interface in the chosen language; see ``HomePage.route``). Computed once per
    request, with at most one query.
    """
    request = context.get("request")
    if request is None:
        return []
    already = getattr(request, "_site_language_links", None)
    if already is not None:
        return already
    page = _current_page(context)
    translations = {}
    if page is not None:

        def build():
            found = page.get_translations(inclusive=True).live().select_related("locale")
            return {translated.locale.language_code: translated.get_url(request=request) for translated in found}

        translations = cached("translations", page.pk, request.get_host(), builder=build)
    current = translation.get_language() or settings.LANGUAGE_CODE
    links = []
    for code, name in settings.LANGUAGES:
        url = translations[code] if code in translations else translate_url(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": absolute_url(url),
                "is_current": code == current,
                "translated": page is None or code in translations,
            }
        )
    request._site_language_links = links
    return links


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's address on the installation's origin (``BASE_URL``), never the request's host."""
    request = context.get("request")
    if request is None:
        return ""
    page = _current_page(context)
    if page is not None:
        return page_url(page, request) or absolute_url(request.path)
    return absolute_url(request.path)


@register.filter
def absolute(path):
    """``{{ url|absolute }}``: a path on the installation's origin (``network_site.links``)."""
    return absolute_url(path) if path else ""


@register.simple_tag(takes_context=True)
def meta_description(context):
    page = _current_page(context)
    if page is None:
        return ""
    specific = page.specific_deferred if type(page) is Page else page
    getter = getattr(specific, "get_meta_description", None)
    return (getter() if getter else page.search_description) or ""


@register.simple_tag(takes_context=True)
def meta_image(context):
    """The page's share image as {url, width, height, alt} (a 1200×630 JPEG), or {} without one.

    Cached per page: the image and its rendition cost two queries otherwise.
    """
    page = _current_page(context)
    getter = getattr(page, "get_meta_image", None)
    if getter is None:
        return {}

    return cached("meta-image", page.pk, builder=lambda: rendition_data(getter(), "fill-1200x630|format-jpeg") or {})


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """The current page's ancestors below the tree root as [{title, url}], cached per page."""
    page = _current_page(context)
    request = context.get("request")
    if page is None or page.depth <= 2:
        return []

    def build():
        return [
            {"title": ancestor.title, "url": ancestor.get_url(request=request)}
            for ancestor in page.get_ancestors().filter(depth__gt=1)
        ]

    return cached("breadcrumbs", page.pk, request.get_host() if request else "", builder=build)


def _portal_context(context, **extra):
    request = context["request"]
    return {
        "request": request,
        "user": request.user,
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
        "LANGUAGES": context.get("LANGUAGES"),
        "csrf_token": context.get("csrf_token"),
        **extra,
    }


@register.inclusion_tag("portal/_nav.html", takes_context=True)
def portal_nav(context):
    """The portal's navigation: the heading (the user's organisation) and every app's menu items."""
    portal = layout.portal_layout(context["request"])
    return _portal_context(context, portal=portal, account=portal.get("account"), items=portal["menu"])


@register.inclusion_tag("portal/_tools.html", takes_context=True)
def portal_tools(context):
    """The account menu (password, two-factor authentication, log out) and the language switch."""
    return _portal_context(context)
