"""What the public site's layout shows, given to the core through the ``site_layout`` hook.

The site settings (name, logo, menus, footer, social links), the search page and the news
feeds. Cached per site and language (``network_site.caching``): no query once warm.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Page, Site

from network_site.caching import cached

SOCIAL_NETWORK_NAMES = {
    "facebook": "Facebook",
    "x": "X",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "youtube": "YouTube",
}


def social_network_name(value):
    """The display name of a SocialLinkBlock's network (``other`` shows the address's host)."""
    network = value.get("network") if hasattr(value, "get") else value
    if network in SOCIAL_NETWORK_NAMES:
        return SOCIAL_NETWORK_NAMES[network]
    return urlsplit(value.get("url", "")).netloc if hasattr(value, "get") else str(network)


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


class _RawLinks:
    def __init__(self, raw_data):
        self.raw_data = raw_data


def site_layout(request):
    """Site name, logo, menus, social links, footer text, search page and feeds.

    An empty main menu lists the site root's children marked "show in menus" (Promote tab),
    so pages that other apps add appear without editing the settings.
    """
    site = Site.find_for_request(request)

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
            "search_url": reverse("home:search"),
            "feeds": [
                {
                    "type": "application/rss+xml",
                    "title": _("News (RSS)"),
                    "label": _("News feed (RSS)"),
                    "url": reverse("home:news_rss"),
                },
                {
                    "type": "application/atom+xml",
                    "title": _("News (Atom)"),
                    "label": _("News feed (Atom)"),
                    "url": reverse("home:news_atom"),
                },
            ],
        }

    return cached("layout", site.pk if site else 0, request.get_host(), builder=build)
