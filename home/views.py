"""Public views of the home app that are not Wagtail pages: search, robots.txt and the sitemap."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from network_site.hooks import KeyFigure
from network_site.links import absolute_url, page_url
from network_site.pages import in_current_site

from .models import NewsPage, get_page_number

SEARCH_RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


@require_GET
def search(request):
    """Full-text search of the live public pages with Wagtail's search backend."""
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    page_obj = None
    if query:
        results = in_current_site(Page.objects.live().public().exclude(depth__lte=1)).specific().search(query)
        page_obj = Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(get_page_number(request))
    return render(
        request,
        "home/search.html",
        {"search_query": query, "page_obj": page_obj, "results": page_obj.object_list if page_obj else []},
    )


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /portal/",
        "Disallow: /documents/authenticate_with_password/",
        "",
        f"Sitemap: {absolute_url('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap extended to every language's tree of the site (not only the active one).

    Locations are built on the installation's origin (``network_site.links.page_url``), not from
    the Wagtail Site's host name and port as Wagtail's own sitemap does.
    """

    def location(self, obj):
        return page_url(obj, self.request)

    def _urls(self, page, protocol, domain):
        urls = []
        last_mods = set()
        for item in self.paginator.page(page).object_list.iterator():
            for url_info in item.get_sitemap_urls(self.request):
                urls.append({**url_info, "location": page_url(item, self.request)})
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def items(self):
        site = self.get_wagtail_site()
        roots = Page.objects.filter(translation_key=site.root_page.translation_key)
        condition = Q(pk__in=[])
        for root in roots:
            condition |= Q(path__startswith=root.path)
        return Page.objects.live().public().filter(condition).order_by("path").defer_streamfields().specific()


def sitemap(request):
    from django.contrib.sitemaps.views import sitemap as django_sitemap

    return django_sitemap(request, sitemaps={"wagtail": AllLanguagesSitemap(request)})


def key_figures(request):
    """How many news items are published (translations of one item count once). One query."""
    count = in_current_site(NewsPage.objects.live().public()).values("translation_key").distinct().count()
    return [KeyFigure(label=_("Published news"), value=count, order=900)]
