"""The regional figures, in one process (production settings, full-page cache off), on PostgreSQL.

Measures, on the regional data spread over several networks (``generate_scale_data --scale
regional``), with the server's own time per request (Django's test client, no network):

- every public page of the default site's network (home, news index, a news page, the member
  directory, the profile of the member with most public commitments, the observatory, the
  calendar) and of the regional site (its home and its observatory): the first request after a
  change (every cache generation moved on: the slowest case) and the steady state;
- the main portal pages of the representative of the member with most data: time and queries;
- the observatory's aggregates cold (a new generation, then ``observatory_context``) on the
  network's observatory and the regional one's ``compute``;
- the admin's listings (organisations, the review queue, the reports to review, meetings) for
  a superuser working in the default network.

Prints one JSON line: {"public_cold_ms", "public_ms", "public_counts", "public_cold_counts",
"portal_ms", "portal_counts", "observatory_cold_ms", "admin_ms", "admin_status", "status"}.
"""

import statistics
import time

from common import emit, portal_pages, portal_user, public_pages, setup

setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from network_site import page_cache  # noqa: E402
from network_site.models import Network  # noqa: E402
from network_site.networks import across, activate, scopes_disabled  # noqa: E402

setup_test_environment()
COLD_RUNS, STEADY_RUNS = 3, 10


def median_ms(function, runs, before=None):
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def queries(function):
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured.captured_queries)


network = Network.objects.select_related("site").get(site__is_default_site=True)
host = network.site.hostname
with scopes_disabled(), activate(network):
    public = {name: (host, path) for name, path in public_pages().items()}
    account = portal_user()
    portal = portal_pages(account) if account is not None else {}
regional_site = None
with scopes_disabled():
    from network_site.networks import regional_site as find_regional_site

    regional_site = find_regional_site()
if regional_site is not None:
    public["regional home"] = (regional_site.hostname, "/es/")
    from regional.models import RegionalObservatoryPage

    observatory_page = RegionalObservatoryPage.objects.live().descendant_of(regional_site.root_page).first()
    if observatory_page is not None:
        public["regional observatory"] = (regional_site.hostname, observatory_page.relative_url(regional_site) or "")

anonymous, member, staff = Client(), Client(), Client()
status = {}


def get(client, host, path, name):
    response = client.get(path, HTTP_HOST=host)
    status[name] = response.status_code
    return response


# Warm the process-wide caches (content types, locales, URL resolvers, templates) as a running server has.
for name, (page_host, path) in public.items():
    get(anonymous, page_host, path, name)

public_cold_ms, public_ms, public_counts, public_cold_counts = {}, {}, {}, {}
for name, (page_host, path) in public.items():
    page_cache.invalidate()
    public_cold_counts[name] = queries(lambda h=page_host, p=path, n=name: get(anonymous, h, p, n))
    public_counts[name] = queries(lambda h=page_host, p=path, n=name: get(anonymous, h, p, n))
    public_cold_ms[name] = median_ms(
        lambda h=page_host, p=path, n=name: get(anonymous, h, p, n), COLD_RUNS, before=page_cache.invalidate
    )
    public_ms[name] = median_ms(lambda h=page_host, p=path, n=name: get(anonymous, h, p, n), STEADY_RUNS)

portal_ms, portal_counts = {}, {}
if account is not None:
    member.force_login(account.user)
    for name, path in portal.items():
        get(member, host, path, name)
        portal_counts[name] = queries(lambda p=path, n=name: get(member, host, p, n))
        portal_ms[name] = median_ms(lambda p=path, n=name: get(member, host, p, n), STEADY_RUNS)

# The observatory's aggregates from a new generation (as after any change).
from django.test import RequestFactory  # noqa: E402

from commitments import observatory  # noqa: E402
from regional import observatory as regional_observatory  # noqa: E402

translation.activate("es")
request = RequestFactory().get("/es/observatorio/", HTTP_HOST=host)
observatory_cold_ms = {}
with activate(network):
    observatory.observatory_context(request, {})
    observatory_cold_ms["observatory (network)"] = median_ms(
        lambda: observatory.observatory_context(request, {}), COLD_RUNS, before=page_cache.invalidate
    )
with across(None):
    regional_observatory.compute({})
    observatory_cold_ms["observatory (regional)"] = median_ms(
        lambda: regional_observatory.aggregates({}), COLD_RUNS, before=page_cache.invalidate
    )

# The admin's listings, for a superuser working in the default network.
admin_ms, admin_status = {}, {}
with scopes_disabled():
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        email="bench-admin@bench.example.org", defaults={"is_staff": True, "is_superuser": True}
    )
staff.force_login(user)
admin_pages = {
    "admin organisations": reverse("members_organizations:index"),
    "admin review queue": reverse("commitments_review:queue"),
    "admin reports to review": reverse("commitments_review:reports"),
    "admin meetings": reverse("meeting:index"),
}
for name, path in admin_pages.items():
    response = get(staff, host, path, name)
    admin_status[name] = response.status_code
    admin_ms[name] = median_ms(lambda p=path, n=name: get(staff, host, p, n), COLD_RUNS + 2)

emit(
    {
        "public_cold_ms": public_cold_ms,
        "public_ms": public_ms,
        "public_counts": public_counts,
        "public_cold_counts": public_cold_counts,
        "portal_ms": portal_ms,
        "portal_counts": portal_counts,
        "observatory_cold_ms": observatory_cold_ms,
        "admin_ms": admin_ms,
        "admin_status": admin_status,
        "status": status,
    }
)
