"""Full-page cache of anonymous public pages, invalidated when what they show changes.

The middleware serves a GET under a language prefix (/es/…, /en/…) from the cache when the
visitor has no session (no login) and no pending messages. It stores only 200 responses
that set no cookie (a page with a form sets the CSRF cookie, so it is never cached) and
are not marked private or no-store. Logged-in users never see or fill the cache.
PAGE_CACHE_SECONDS=0 turns the cache off.

Invalidation is by generation: every cache key carries a generation, and a change moves on
only the generations it can affect. A generation is ``"<global>.<scope>"``:

- the *global* number moves for changes that may show anywhere (a site, a network, an image,
  a document, a page outside every network's tree) and for ``invalidate()`` without arguments,
  which code that writes in bulk without signals (``bulk_create``, ``update``) calls itself;
- each network has its own number (scope ``n<id>``): a saved record of a network (found through
  its scoped manager's path to its network, ``network_site.networks.scoped_manager``) or a page
  in a network's tree moves only that network's, and the regional one (scope ``all``: the regional
  site, commands and the admin reading every network), so network B's pages stay cached when
  network A changes;
- the ``pages`` number moves with every page change: Wagtail's routing from memory
  (``network_site.routing``) follows it.

What counts as a change: a page published, unpublished or moved, or saved in a way the public
sees (a draft saved, ``save_revision()``, changes only Wagtail's draft fields and no public page);
a snippet published or unpublished; and a saved or deleted instance of a model that public pages
show: the models each app declares through the ``public_models`` hook (with, optionally, a rule
saying which changes matter: ``network_site.hooks.PublicModel``), every page model, and Wagtail's
own documents, images, snippets and redirects.

Where things live: the cached pages and the data built per generation (``network_site.caching``)
are kept in each process's own memory (the "local" cache), so reading them costs no network
round trip; the generations are shared by every process, so a change made in one process (a
page published in the admin, a command, the task worker) drops what every process kept.
Without Redis each is the modification time of a file (``CACHE_GENERATION_FILE``, and beside it
``…-all``, ``…-pages``, ``…-n<id>``: one ``stat()`` each, every process of the machine sees them);
with ``REDIS_URL`` they are keys in Redis (every server sees them). They are read at most once per
request. Changes made inside a transaction move them on again when the transaction commits, so a
request that read the old data in between never keeps it.
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
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.workflow",
    "wagtailcore.workflowpage",
    "wagtailcore.workflowcontenttype",
    "wagtailcore.workflowtask",
    "wagtailcore.task",
    "wagtailcore.groupapprovaltask",
    "wagtailcore.grouppagepermission",
    "wagtailcore.groupcollectionpermission",
}


@functools.cache
def public_rules():
    """{label: rule or None} of the project's models whose changes public pages show.

    Each app declares them in its ``wagtail_hooks.py`` through the ``public_models`` hook
    (``network_site.hooks.PUBLIC_MODELS``: a function returning model classes, or
    ``PublicModel(model, affects=rule)`` when only some changes show: ``rule(instance, created=…,
    update_fields=…) -> bool``); every Wagtail page model counts without being declared.
    """
    from wagtail import hooks
    from wagtail.models import Page

    from network_site.hooks import PUBLIC_MODELS, PublicModel

    rules = {}
    for fn in hooks.get_hooks(PUBLIC_MODELS):
        for entry in fn():
            if isinstance(entry, PublicModel):
                rules[entry.model._meta.label_lower] = entry.affects
            else:
                rules[entry._meta.label_lower] = None
    for model in apps.get_models():
        if issubclass(model, Page):
            rules.setdefault(model._meta.label_lower, None)
    return rules


def public_models():
    """Labels (``app.model``, lower case) of the project's models whose changes public pages show."""
    return frozenset(public_rules())


public_models.cache_clear = public_rules.cache_clear


def shows_on_public_pages(model):
    """Whether saving or deleting an instance of ``model`` can change what a public page shows."""
    meta = model._meta
    if meta.app_label in THIRD_PARTY_PUBLIC_APPS:
        return meta.label_lower not in THIRD_PARTY_PRIVATE_MODELS
    return meta.label_lower in public_models()


#: The generations read during the current request ({scope: value}; None outside requests).
_request_generation = contextvars.ContextVar("page_cache_generation", default=None)
#: The scope of everything read across networks (the regional site, commands, the admin's "all").
ALL = "all"
#: The scope Wagtail's routing from memory follows: it moves with every page change.
PAGES = "pages"
GLOBAL = ""
_UNSET = object()


def local_cache():
    """This process's own cache: rendered pages and the data built per generation."""
    return caches["local"]


def _scope_path(scope):
    base = settings.CACHE_GENERATION_FILE
    return Path(f"{base}-{scope}" if scope else base)


def _generation_file(scope=GLOBAL):
    path = _scope_path(scope)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(exist_ok=True)
    return path


def _redis_key(scope):
    return f"{GENERATION_KEY}:{scope}" if scope else GENERATION_KEY


def _read_scopes(scopes):
    """{scope: value} read now from the shared store (files or Redis) in one go."""
    if settings.CACHE_GENERATION_FILE:
        values = {}
        for scope in scopes:
            try:
                values[scope] = os.stat(_scope_path(scope)).st_mtime_ns
            except FileNotFoundError:
                values[scope] = _generation_file(scope).stat().st_mtime_ns
        return values
    keys = {_redis_key(scope): scope for scope in scopes}
    found = cache.get_many(list(keys))
    values = {}
    for key, scope in keys.items():
        value = found.get(key)
        if value is None:
            # A number never used before (not 1): after Redis lost the key, entries that processes
            # still keep under an old generation must not come back.
            cache.add(key, time.time_ns(), None)
            value = cache.get(key)
        values[scope] = value
    return values


def _values(*scopes):
    """The generations of ``scopes``, read once per request (every time outside requests)."""
    memo = _request_generation.get()
    if memo is None:
        return _read_scopes(scopes)
    missing = [scope for scope in scopes if scope not in memo]
    if missing:
        memo.update(_read_scopes(missing))
    return {scope: memo[scope] for scope in scopes}


def network_scope(network_id):
    """The scope of one network's data (``None``: every network's, the regional scope)."""
    return ALL if network_id is None else f"n{network_id}"


def generation(network_id=_UNSET):
    """The generation of the data of ``network_id`` (by default the network being worked for;
    None: every network's): every cache key of pages and per-generation data carries it."""
    if network_id is _UNSET:
        from network_site.networks import current_network

        network = current_network()
        network_id = network.pk if network is not None else None
    scope = network_scope(network_id)
    values = _values(GLOBAL, scope)
    return f"{values[GLOBAL]}.{values[scope]}"


def global_generation():
    """The generation of what no network owns (sites, networks): moved only by global changes."""
    return str(_values(GLOBAL)[GLOBAL])


def pages_generation():
    """The generation Wagtail's routing from memory follows: moved by every change of a page."""
    values = _values(GLOBAL, PAGES)
    return f"{values[GLOBAL]}.{values[PAGES]}"


def _move_on(scope):
    if settings.CACHE_GENERATION_FILE:
        path = _generation_file(scope)
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
    key = _redis_key(scope)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, time.time_ns(), None)


def invalidate(networks=None, *, pages=False, **kwargs):
    """Drop cached pages and data built per generation, in every process.

    Without ``networks``: everything. With ``networks`` (network ids): only what those networks'
    pages and the pages reading every network (the regional site) keep; ``pages=True`` when a
    page changed (Wagtail's routing from memory is dropped too).
    """
    memo = _request_generation.get()
    if memo is not None:
        memo.clear()  # this request changed data: what it reads next is fresh
    if networks is None:
        _move_on(GLOBAL)
        return
    for network_id in sorted(set(networks)):
        _move_on(network_scope(network_id))
    _move_on(ALL)
    if pages:
        _move_on(PAGES)


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


#: Fields Wagtail writes when it keeps a draft or a lock (``save_revision``, locking): no public
#: page shows them, so a save of only these changes nothing public.
DRAFT_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "comments",
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)
#: Marks "every network" among the networks waiting for the transaction's commit.
_EVERYTHING = object()


def _is_page(model):
    from wagtail.models import Page

    return issubclass(model, Page)


def changes_public_pages(instance, *, created=False, update_fields=None, deleted=False):
    """Whether this save (or deletion) of ``instance`` can change what a public page shows."""
    model = type(instance)
    if not shows_on_public_pages(model):
        return False
    if deleted:
        return True
    fields = frozenset(update_fields) if update_fields is not None else None
    if fields is not None and fields <= DRAFT_FIELDS and hasattr(instance, "latest_revision_id"):
        return False  # a draft or a lock kept by Wagtail (pages and snippets with drafts)
    if created and getattr(instance, "live", True) is False and hasattr(instance, "has_unpublished_changes"):
        return False  # a new page or snippet that is not published yet
    rule = public_rules().get(model._meta.label_lower)
    return rule is None or bool(rule(instance, created=created, update_fields=fields))


def _page_networks(page):
    """The network whose site's tree holds ``page`` ({id}), or None (the regional site, elsewhere)."""
    from network_site.models import Network

    path = page.path or ""
    roots = Network.objects.values_list("site__root_page__path", "pk")
    found = {pk for root, pk in roots if root and path.startswith(root)}
    return found or None


def networks_of(instance):
    """The ids of the networks ``instance`` belongs to (a set), or None: unknown, or no network's
    (then a change drops everything). Found through its scoped manager's path to its network."""
    from network_site.networks import NetworkScopedQuerySet

    model = type(instance)
    if _is_page(model):
        return _page_networks(instance)
    queryset_class = getattr(model._default_manager, "_queryset_class", None)
    if not (isinstance(queryset_class, type) and issubclass(queryset_class, NetworkScopedQuerySet)):
        return None
    lookup = queryset_class.network_lookup
    parts = lookup.split("__")
    try:
        obj = instance
        for index, name in enumerate(parts):
            field = obj._meta.get_field(name)
            if field.many_to_many or field.one_to_many:
                if instance.pk is None:
                    return None
                ids = set(model._base_manager.filter(pk=instance.pk).values_list(lookup, flat=True))
                ids.discard(None)
                return ids or None
            if index == len(parts) - 1:
                value = getattr(obj, field.attname)
                return {value} if value is not None else None
            obj = getattr(obj, name)
            if obj is None:
                return None
    except Exception:  # a related row already deleted (a cascade), a path that does not resolve
        return None
    return None


def _pending(connection):
    pending = getattr(connection, "_page_cache_pending", None)
    if pending is None:
        pending = connection._page_cache_pending = {"networks": set(), "pages": False}
    return pending


def _flush_pending():
    """At commit: move on again what the transaction's changes moved (see ``changed``)."""
    connection = transaction.get_connection()
    pending = _pending(connection)
    networks, pages = pending["networks"], pending["pages"]
    connection._page_cache_pending = None
    if _EVERYTHING in networks:
        invalidate()
    elif networks:
        invalidate(networks, pages=pages)


def changed(networks, *, pages=False):
    """Move on the generations a change of ``networks`` (ids; None: no network's) affects, now and
    once more when the transaction commits: a request that read the old data between the save
    and the commit must not keep it under the new generation."""
    if networks is None:
        invalidate()
    else:
        invalidate(networks, pages=pages)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    registered = any(item[1] is _flush_pending for item in connection.run_on_commit)
    pending = _pending(connection)
    if not registered:
        pending["networks"].clear()
        pending["pages"] = False
        transaction.on_commit(_flush_pending)
    pending["networks"].update([_EVERYTHING] if networks is None else networks)
    pending["pages"] = pending["pages"] or pages


def _instance_changed(instance):
    changed(networks_of(instance), pages=_is_page(type(instance)))


def _model_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if changes_public_pages(instance, created=created, update_fields=update_fields):
        _instance_changed(instance)


def _model_deleted(sender, instance, **kwargs):
    if changes_public_pages(instance, deleted=True):
        _instance_changed(instance)


def _published(sender, instance, **kwargs):
    """A page or snippet published or unpublished."""
    _instance_changed(instance)


def _page_moved(sender, instance, parent_page_before=None, parent_page_after=None, **kwargs):
    before = networks_of(parent_page_before) if parent_page_before is not None else None
    after = networks_of(instance)
    changed(None if before is None or after is None else before | after, pages=True)


def connect_signals():
    from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

    page_published.connect(_published, dispatch_uid="page_cache_published")
    page_unpublished.connect(_published, dispatch_uid="page_cache_unpublished")
    published.connect(_published, dispatch_uid="page_cache_snippet_published")
    unpublished.connect(_published, dispatch_uid="page_cache_snippet_unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="page_cache_moved")
    post_save.connect(_model_saved, dispatch_uid="page_cache_saved")
    post_delete.connect(_model_deleted, dispatch_uid="page_cache_deleted")


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)

    def __call__(self, request):
        token = _request_generation.set({})
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
        host = request.get_host()
        digest = hashlib.sha256(f"{host}|{request.get_full_path()}".encode()).hexdigest()
        return f"page-cache:{generation(host_network(request))}:{digest}"


#: host -> id of the network whose site answers it (None: the regional site), per global generation.
_hosts = {"generation": None, "networks": {}}
MAX_HOSTS = 2000


def host_network(request):
    """The id of the network whose site answers the request's host (None: the regional site or no
    site), remembered per global generation (sites and networks change only globally)."""
    current = global_generation()
    if _hosts["generation"] != current:
        _hosts.update(generation=current, networks={})
    known = _hosts["networks"]
    key = (request.get_host(), request.get_port())
    if key not in known:
        from network_site.models import Network
        from network_site.routing import find_site

        site = find_site(request)
        network_id = None
        if site is not None:
            network_id = Network.objects.filter(site_id=site.pk).values_list("pk", flat=True).first()
        if len(known) >= MAX_HOSTS:
            return network_id
        known[key] = network_id
    return known[key]
