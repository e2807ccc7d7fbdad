"""Full-page cache of anonymous public pages, invalidated when what they show changes.

The middleware serves a GET under a language prefix (/es/…, /en/…) from the cache when the
visitor has no session (no login) and no pending messages. It stores only 200 responses
that set no cookie (a page with a form sets the CSRF cookie, so it is never cached) and
are not marked private or no-store. Logged-in users never see or fill the cache.

Invalidation is by generation: every cache key carries the current generation number, and
`invalidate()` moves to the next one, so all cached pages are dropped at once. It runs when
a Wagtail page is published or unpublished, and when any model of the project's apps (or
Wagtail's documents, images, snippets and settings) is saved or deleted. Code that writes in
bulk without signals (`bulk_create`, `update`) calls `invalidate()` itself.
PAGE_CACHE_SECONDS=0 turns the cache off.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse

GENERATION_KEY = "page-cache:generation"
HEADER = "X-Page-Cache"
#: Apps whose data is shown on public pages.
WATCHED_APPS = {
    "home",
    "members",
    "commitments",
    "supplychain",
    "meetings",
    "network_site",
    "wagtailcore",
    "wagtaildocs",
    "wagtailimages",
    "wagtailsnippets",
    "taggit",
    "wagtailredirects",
}
#: Models of those apps whose changes never show on a public page.
IGNORED_MODELS = {
    "network_site.user",
    "network_site.importjob",
    "network_site.customrendition",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.referenceindex",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.uploadedfile",
    # Portal-side records no public page shows (a busy portal must not empty the cache).
    "members.membershipchange",
    "members.person",
    "members.portalaccount",
    "members.application",
    "commitments.commitmentevent",
    "commitments.reportevent",
    "commitments.evidence",
    "commitments.reminderlog",
    "supplychain.answer",
    "supplychain.risksector",
    "supplychain.riskregion",
    "supplychain.supplier",
    "supplychain.actionitem",
    "meetings.invitation",
    "meetings.attendance",
    "meetings.minutescomment",
    "meetings.agreementupdate",
}


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def invalidate(**kwargs):
    """Drop every cached page (moves the generation on)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def _model_changed(sender, **kwargs):
    meta = sender._meta
    watched = meta.app_label in WATCHED_APPS and meta.label_lower not in IGNORED_MODELS
    if watched and not getattr(sender, "page_cache_ignore", False):
        invalidate()


def connect_signals():
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(invalidate, dispatch_uid="page_cache_published")
    page_unpublished.connect(invalidate, dispatch_uid="page_cache_unpublished")
    post_save.connect(_model_changed, dispatch_uid="page_cache_saved")
    post_delete.connect(_model_changed, dispatch_uid="page_cache_deleted")


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)

    def __call__(self, request):
        timeout = settings.PAGE_CACHE_SECONDS
        if timeout <= 0 or not self._cacheable_request(request):
            return self.get_response(request)
        key = self._key(request)
        cached = cache.get(key)
        if cached is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if self._cacheable_response(response):
            headers = [(k, v) for k, v in response.items() if k.lower() not in {"set-cookie", HEADER.lower()}]
            cache.set(key, (response.status_code, headers, response.content), timeout)
            response[HEADER] = "miss"
        return response

    def _cacheable_request(self, request):
        if request.method != "GET" or not request.path.startswith(self.prefixes):
            return False
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return False
        return "HTTP_AUTHORIZATION" not in request.META

    @staticmethod
    def _cacheable_response(response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        return not any(word in cache_control for word in ("private", "no-store", "no-cache"))

    @staticmethod
    def _key(request):
        digest = hashlib.sha256(f"{request.get_host()}|{request.get_full_path()}".encode()).hexdigest()
        return f"page-cache:{generation()}:{digest}"
