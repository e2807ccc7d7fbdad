"""SQL queries per request for every public page and the main portal pages.

Prints {"counts": {name: n}, "cold": {name: n}, "status": {name: http status}, "ms": {name: median
milliseconds of 10 steady-state requests in this one process, the server's own time per request},
"cold_ms": {public page: median milliseconds of the first request after a change}}:
`counts` is the steady state (the second request, as a running server answers: the small
data caches of `network_site.caching` and the observatory are warm); `cold` is the first request
after a change (a new cache generation). The full-page cache is off (run.py sets PAGE_CACHE_SECONDS=0).
BENCH_SHOW_SQL=1 writes every query of the steady-state requests to stderr.
"""

import os
import statistics
import sys
import time

from common import emit, portal_pages, portal_user, public_pages, setup

setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from network_site import page_cache  # noqa: E402

setup_test_environment()
SHOW = os.environ.get("BENCH_SHOW_SQL") == "1"
HOST = {"HTTP_HOST": "localhost"}


def server_ms(client, path):
    times = []
    for _ in range(10):
        start = time.perf_counter()
        client.get(path, **HOST)
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def cold_server_ms(client, path):
    """The first request after a change: everything kept per generation is built again."""
    times = []
    for _ in range(3):
        page_cache.invalidate()
        start = time.perf_counter()
        client.get(path, **HOST)
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def measure(client, name, path, counts, cold, status):
    page_cache.invalidate()  # as after a change: every cached page and piece of data is built again
    with CaptureQueriesContext(connection) as first:
        client.get(path, **HOST)
    with CaptureQueriesContext(connection) as steady:
        response = client.get(path, **HOST)
    counts[name] = len(steady.captured_queries)
    cold[name] = len(first.captured_queries)
    status[name] = response.status_code
    if SHOW:
        sys.stderr.write(f"\n== {name} {path} ({counts[name]} queries, {cold[name]} cold)\n")
        for query in steady.captured_queries:
            sys.stderr.write(f"  {query['sql'][:400]}\n")


counts, cold, status = {}, {}, {}
anonymous, member = Client(), Client()
public = public_pages()
account = portal_user()
portal = portal_pages(account) if account is not None else {}
if account is not None:
    member.force_login(account.user)
# Warm the process-wide caches (content types, locales, URL resolvers…) as a running server has.
for path in public.values():
    anonymous.get(path, **HOST)
for path in portal.values():
    member.get(path, **HOST)

for name, path in public.items():
    measure(anonymous, name, path, counts, cold, status)
for name, path in portal.items():
    measure(member, name, path, counts, cold, status)
milliseconds = {name: server_ms(anonymous, path) for name, path in public.items()}
milliseconds.update({name: server_ms(member, path) for name, path in portal.items()})

cold_milliseconds = {name: cold_server_ms(anonymous, path) for name, path in public.items()}

emit({"counts": counts, "cold": cold, "status": status, "ms": milliseconds, "cold_ms": cold_milliseconds})
