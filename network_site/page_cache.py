"""Full-page cache of anonymous public pages, invalidated when what they show changes.

The middleware serves a GET under a language prefix (/es/…, /en/…) from the cache when the
visitor has no session (no login) and no pending messages. It stores only 200 responses
that set no cookie (a page with a form sets the CSRF cookie, so it is never cached) and
are not marked private or no-store. Logged-in users never see or fill the cache.

Invalidation is by generation: every cache key carries the current generation number, and
`invalidate()` moves to the next one, so all cached pages are dropped at once. It runs when
a Wagtail page is published or unpublished, and when a model that public pages show is saved
or deleted: the models each app declares through the ``public_models`` hook, every page
model, and Wagtail's own documents, images, snippets and redirects. Code that writes in
bulk without signals (`bulk_create`, `update`) calls `invalidate()` itself.
PAGE_CACHE_SECONDS=0 turns the cache off.

Where things live: the cached pages and the data built per generation (``network_site.caching``)
are kept in each process's own memory (the "local" cache), so reading them costs no network
round trip; the generation number is shared by every process, so a change made in one process
(a page published in the admin, a command, the task worker) drops what every process kept.
Without Redis it is the modification time of ``CACHE_GENERATION_FILE`` (one ``stat()``; every
process of the machine sees it); with ``REDIS_URL`` it is a key in Redis (every server sees
it). It is read once per request. Changes made inside a transaction move it on again when the
transaction commits, so a request that read the old data in between never keeps it.
"""

import contextvars
import functools
import hashlib
import os
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse

GENERATION_KEY = "page-cache:generation"
HEADER = "X-Page-Cache"
#: Wagtail's and taggit's apps (not domain: the core keeps them): their models are shown on public pages…
THIRD_PARTY_PUBLIC_APPS = {
    "wagtailcore",
    "wagtaildocs",
    "wagtailimages",
    "wagtailsnippets",
    "taggit",
    "wagtailredirects",
}
#: …except these, which no public page shows (history, revisions, workflow, the reference index).
THIRD_PARTY_PRIVATE_MODELS = {
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.referenceindex",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.uploadedfile",
}


@functools.cache
def public_models():
    """Labels (``app.model``, lower case) of the project's models whose changes public pages show.

    Each app declares them in its ``wagtail_hooks.py`` through the ``public_models`` hook
    (``network_site.hooks.PUBLIC_MODELS``: a function returning model classes); every Wagtail
    page model counts without being declared.
    """
    from wagtail import hooks
    from wagtail.models import Page

    from network_site.hooks import PUBLIC_MODELS

    labels = {model._meta.label_lower for fn in hooks.get_hooks(PUBLIC_MODELS) for model in fn()}
    labels.update(model._meta.label_lower for model in apps.get_models() if issubclass(model, Page))
    return frozenset(labels)


def shows_on_public_pages(model):
    """Whether saving or deleting an instance of ``model`` can change what a public page shows."""
    meta = model._meta
    if meta.app_label in THIRD_PARTY_PUBLIC_APPS:
        return meta.label_lower not in THIRD_PARTY_PRIVATE_MODELS
    return meta.label_lower in public_models()


#: The generation read at the start of the current request (None outside requests).
_request_generation = contextvars.ContextVar("page_cache_generation", default=None)


def local_cache():
    """This process's own cache: rendered pages and the data built per generation."""
    return caches["local"]


def _generation_file():
    path = Path(settings.CACHE_GENERATION_FILE)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(exist_ok=True)
    return path


def _read_generation():
    if settings.CACHE_GENERATION_FILE:
        try:
            return os.stat(settings.CACHE_GENERATION_FILE).st_mtime_ns
        except FileNotFoundError:
            return _generation_file().stat().st_mtime_ns
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A number never used before (not 1): after Redis lost the key, entries that processes
        # still keep under an old generation must not come back.
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY)
    return value


def generation():
    """The current generation: every cache key of pages and per-generation data carries it."""
    value = _request_generation.get()
    return _read_generation() if value is None else value


def invalidate(**kwargs):
    """Drop every cached page and every piece of data built per generation, in every process."""
    _request_generation.set(None)
    if settings.CACHE_GENERATION_FILE:
        path = _generation_file()
        old = path.stat().st_mtime_ns
        new = max(time.time_ns(), old + 1)
        try:
            os.utime(path, ns=(new, new))
            if path.stat().st_mtime_ns == old:  # a file system that keeps coarse times
                os.utime(path, ns=(old + 1_000_000_000, old + 1_000_000_000))
        except PermissionError:
            # Only the file's owner may set a chosen time; anyone who may write it may set "now".
            os.utime(path)
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), None)


def check_generation_file(app_configs=None, **kwargs):
    """System check: this process can create and move on the generation file."""
    from django.core.checks import Error

    if not settings.CACHE_GENERATION_FILE:
        return []
    try:
        path = _generation_file()
    except OSError as error:
        path, problem = Path(settings.CACHE_GENERATION_FILE), str(error)
    else:
        problem = "" if os.access(path, os.W_OK) else "it is not writable"
    if not problem:
        return []
    return [
        Error(
            f"The cache generation file {path} cannot be used: {problem}.",
            hint="Set CACHE_GENERATION_FILE to a writable path shared by the site's processes, or set REDIS_URL.",
            id="network_site.E001",
        )
    ]


def _model_changed(sender, **kwargs):
    if shows_on_public_pages(sender):
        invalidate()
        # Once more when the transaction commits: a request that read the old data between
        # the save and the commit must not keep it under the new generation.
        connection = transaction.get_connection()
        if connection.in_atomic_block and not any(item[1] is invalidate for item in connection.run_on_commit):
            transaction.on_commit(invalidate)


def connect_signals():
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(invalidate, dispatch_uid="page_cache_published")
    page_unpublished.connect(invalidate, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(invalidate, dispatch_uid="page_cache_moved")
    post_save.connect(_model_changed, dispatch_uid="page_cache_saved")
    post_delete.connect(_model_changed, dispatch_uid="page_cache_deleted")


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)

    def __call__(self, request):
        token = _request_generation.set(_read_generation())
        try:
            return self._respond(request)
        finally:
            _request_generation.reset(token)

    def _respond(self, request):
        timeout = settings.PAGE_CACHE_SECONDS
        if timeout <= 0 or not self._cacheable_request(request):
            return self.get_response(request)
        key = self._key(request)
        cache = local_cache()
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
