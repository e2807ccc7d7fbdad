"""Data of the public site built once per cache generation and kept in each process's memory.

What the layout shows on every page (menus, footer, logo, key figures, translations of a
page, the news filters), the rows of long listings (news, members, meetings) as plain data,
image renditions, and the sections other apps add to a page are computed once and kept in
the "local" cache under the current generation of ``network_site.page_cache``: a published
page or a saved public record moves on the generation of its network (and the regional one), in
every process, so nothing stale is served and other networks keep what they built.
A public page then costs a small fixed number of queries and little ORM work even when the
full-page cache is off (logged-in users, tests, the first visitor after a change).
"""

import contextlib
import contextvars
import hashlib

from django.conf import settings
from django.core.paginator import Paginator
from django.utils import translation

from network_site.networks import current_network
from network_site.page_cache import generation, global_generation, local_cache

TIMEOUT = 3600


#: True while a preview renders a draft: build, never read or keep (see ``bypass``).
_bypassed = contextvars.ContextVar("caching_bypassed", default=False)


@contextlib.contextmanager
def bypass():
    """Inside this block ``cached()`` builds every value and keeps none (Wagtail's previews)."""
    token = _bypassed.set(True)
    try:
        yield
    finally:
        _bypassed.reset(token)


def cached(name, *parts, builder, timeout=TIMEOUT, shared=False):
    """``builder()``'s value, kept per generation under ``name`` and ``parts``; never None.

    Kept per active language and network too (labels, URLs and dates are translated), under the
    generation of the network being worked for (another network's changes keep it; with no network,
    the regional generation, which every network's changes move). ``shared=True``: data that no
    network owns (sites, networks), kept under the global generation only. ``parts`` are
    whatever else selects the value (a page, a host, filters as typed); they are hashed whole
    into the key, so no two different lists of parts share a key.
    """
    if _bypassed.get():
        return builder()
    language = translation.get_language() or settings.LANGUAGE_CODE
    network = current_network()
    scope = network.pk if network is not None else None
    digest = hashlib.blake2b(repr((language, scope, parts)).encode(), digest_size=16).hexdigest()
    current = global_generation() if shared else generation(scope)
    key = f"data:{name}:{current}:{digest}"
    cache = local_cache()
    value = cache.get(key)
    if value is None:
        value = builder()
        cache.set(key, value, timeout)
    return value


def listing_page(name, request, *parts, queryset, number, per_page, item):
    """One page of a long public listing, its rows as plain data built once per generation.

    Returns Django's paginator ``Page`` (``number``, ``has_next``, ``paginator.num_pages``…)
    whose ``object_list`` holds ``item(row)`` for the rows of that page, so a listing costs its
    queries and the ORM's work once per generation, not per request. The rows are kept per
    language (as everything ``cached``) and host (URLs differ) and per ``parts``, what else
    selects them (the page, the filters). A page number out of range gives the last page, a bad one the first, as
    ``Paginator.get_page`` does.
    """

    def build():
        page_obj = Paginator(queryset, per_page).get_page(number)
        return {
            "count": page_obj.paginator.count,
            "number": page_obj.number,
            "items": [item(row) for row in page_obj.object_list],
        }

    data = cached("listing", name, request.get_host(), *parts, str(number), builder=build)
    page_obj = Paginator(range(data["count"]), per_page).page(data["number"])
    page_obj.object_list = data["items"]
    return page_obj


def rendition_data(image, spec, alt=None):
    """An image's rendition as plain data for an ``<img>``: {url, width, height, alt}, or None."""
    if image is None:
        return None
    rendition = image.get_rendition(spec)
    return {
        "url": rendition.url,
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.description if alt is None else alt,
    }
