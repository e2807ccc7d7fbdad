"""Template tags of the site's layout: language switch, hreflang, menus and meta tags."""

from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Page, Site

from network_site.caching import cached, rendition_data

register = template.Library()


def _current_page(context):
    page = context.get("page")
    return page if isinstance(page, Page) and page.pk else None


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
    already = getattr(request, "_home_language_links", None)
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
                "absolute_url": request.build_absolute_uri(url),
                "is_current": code == current,
                "translated": page is None or code in translations,
            }
        )
    request._home_language_links = links
    return links


def resolve_links(stream_value, request, mark_active=True):
    """Turn a LinkStreamBlock's raw data into [{label, url, active}] in the active language.

    Page links follow the reader's language when the page is translated; the labels default
    to the (translated) page titles. One query whatever the number of links.
    """
    raw = list(getattr(stream_value, "raw_data", None) or [])
    page_ids = []
    for item in raw:
        if item.get("type") == "page" and (item.get("value") or {}).get("page"):
            page_ids.append(int(item["value"]["page"]))
    language = translation.get_language() or settings.LANGUAGE_CODE
    pages = {}
    if page_ids:
        keys = Page.objects.filter(pk__in=page_ids).values("translation_key")
        candidates = (
            Page.objects.live()
            .filter(Q(pk__in=page_ids) | Q(translation_key__in=keys, locale__language_code=language))
            .select_related("locale")
        )
        by_id, by_key = {}, {}
        for candidate in candidates:
            if candidate.pk in page_ids:
                by_id[candidate.pk] = candidate
            if candidate.locale.language_code == language:
                by_key[candidate.translation_key] = candidate
        for page_id, original in by_id.items():
            pages[page_id] = by_key.get(original.translation_key, original)
    links = []
    path = request.path if request is not None else ""
    for item in raw:
        value = item.get("value") or {}
        if item.get("type") == "page":
            page = pages.get(int(value.get("page") or 0))
            if page is None:
                continue
            url = page.get_url(request=request)
            label = value.get("label") if page.locale.language_code == settings.LANGUAGE_CODE else ""
            label = label or page.title
        else:
            url, label = value.get("url") or "", value.get("label") or ""
            if not url or not label:
                continue
        home_url = f"/{language}/"
        active = mark_active and (path == url or (url != home_url and url.startswith("/") and path.startswith(url)))
        links.append({"label": str(label), "url": url, "active": active})
    return links


@register.simple_tag(takes_context=True)
def site_layout(context):
    """What the header and footer show: site name, logo, menus, social links, footer text.

    Cached per site and language (see network_site.caching), so the layout costs no query once warm.
    An empty main menu lists the site root's children marked "show in menus" (Promote tab),
    so pages that other apps add appear without editing the settings.
    """
    request = context.get("request")
    if request is None:
        return {}
    cached_layout = getattr(request, "_home_site_layout", None)
    if cached_layout is not None:
        return cached_layout
    site = Site.find_for_request(request)
    language = translation.get_language() or settings.LANGUAGE_CODE

    def build():
        from home.models import SiteSettings

        site_settings = SiteSettings.for_site(site) if site else SiteSettings()
        main_menu = site_settings.main_menu
        if site is not None and not list(main_menu.raw_data):
            children = Page.objects.live().in_menu().child_of(site.root_page).values_list("pk", flat=True)
            main_menu = _RawLinks([{"type": "page", "value": {"page": pk, "label": ""}} for pk in children])
        logo = None
        if site_settings.logo_id:
            rendition = site_settings.logo.get_rendition("height-112|format-webp")
            logo = {"url": rendition.url, "width": rendition.width // 2, "height": rendition.height // 2}
        return {
            "site_name": site_settings.site_name,
            "tagline": site_settings.tagline,
            "logo": logo,
            "contact_email": site_settings.contact_email,
            "footer_text": site_settings.footer_text,
            "main_menu": resolve_links(main_menu, request, mark_active=False),
            "footer_links": resolve_links(site_settings.footer_links, request, mark_active=False),
            "social_links": [
                {"url": block.value["url"], "name": social_network_name(block.value)}
                for block in site_settings.social_links
            ],
        }

    layout = dict(cached("layout", site.pk if site else 0, request.get_host(), builder=build))
    path = request.path
    home_url = f"/{language}/"
    layout["main_menu"] = [
        {
            **item,
            "active": path == item["url"] or (item["url"] not in ("/", home_url) and path.startswith(item["url"])),
        }
        for item in layout["main_menu"]
    ]
    request._home_site_layout = layout
    return layout


class _RawLinks:
    def __init__(self, raw_data):
        self.raw_data = raw_data


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context.get("request")
    if request is None:
        return ""
    page = _current_page(context)
    if page is not None:
        return page.get_full_url(request=request)
    return request.build_absolute_uri(request.path)


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


SOCIAL_NETWORK_NAMES = {
    "facebook": "Facebook",
    "x": "X",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "youtube": "YouTube",
}


@register.filter
def social_network_name(value):
    """The display name of a SocialLinkBlock's network (``other`` shows the address's host)."""
    network = value.get("network") if hasattr(value, "get") else value
    if network in SOCIAL_NETWORK_NAMES:
        return SOCIAL_NETWORK_NAMES[network]
    from urllib.parse import urlsplit

    return urlsplit(value.get("url", "")).netloc if hasattr(value, "get") else str(network)


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
