"""Small data caches of the public site, dropped with the full-page cache's generation.

What the layout shows on every page (menus, footer, logo, key figures, translations of a
page, the news filters) is computed once and kept in the cache under the current
generation of ``network_site.page_cache``: any published page or saved model moves the
generation on, so nothing stale is served. It keeps a public page at a small fixed number
of queries even when the full-page cache is off (logged-in users, tests).
"""

from django.core.cache import cache

from network_site.page_cache import generation

TIMEOUT = 3600


def cached(name, *parts, builder, timeout=TIMEOUT):
    key = ":".join(["home", name, str(generation()), *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = builder()
        cache.set(key, value, timeout)
    return value
