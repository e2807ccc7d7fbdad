"""SQL queries per request do not grow with the data, and public pages stay within 12.

The pages are measured twice: on the generator's tiny data set, then after the generator ran
again and the measured organisation was given the second set's commitments, reports and
meeting invitations (so that its profile and its portal show several times more rows). Each
time, "steady" is the second request (the small caches of `network_site.caching`, the observatory…
warm, as on a running server) and "cold" the first request after a change (a new cache generation).
The full-page cache is off in tests (PAGE_CACHE_SECONDS=0), so every request does the work.
"""

import pytest

from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.models import Commitment, ObservatoryPage
from home.models import HomePage, NewsIndexPage, NewsPage
from meetings.models import CalendarPage, Invitation, Meeting
from members.models import MemberDirectoryPage, Organization, PortalAccount
from network_site import page_cache

PUBLIC_BUDGET = 12
#: Every portal page, the dashboard included (issue 14's budget).
PORTAL_BUDGET = 12
PORTAL_PAGES = {
    "portal dashboard": "members_portal:dashboard",
    "portal commitments": "commitments_portal:list",
    "portal meetings": "meetings_portal:list",
    "portal value chain": "supplychain_portal:overview",
}
_measured = {}


def generate(seed):
    call_command("generate_scale_data", "--scale", "tiny", "--seed", str(seed), stdout=open("/dev/null", "w"))  # noqa: SIM115


def count(client, path):
    page_cache.invalidate()  # as after a change: every cached page and piece of data is built again
    with CaptureQueriesContext(connection) as cold:
        first = client.get(path)
    with CaptureQueriesContext(connection) as steady:
        response = client.get(path)
    assert first.status_code == response.status_code == 200, path
    return {"steady": len(steady.captured_queries), "cold": len(cold.captured_queries)}


def paths(organization):
    directory = MemberDirectoryPage.objects.live().first()
    news_index = NewsIndexPage.objects.live().first()
    return {
        "home": HomePage.objects.live().order_by("path").first().url,
        "news index": news_index.url,
        "news page": NewsPage.objects.live().order_by("pk").first().url,
        "member directory": directory.url,
        "member profile": f"{directory.url}{organization.slug}/",
        "observatory": ObservatoryPage.objects.live().first().url,
        "calendar": CalendarPage.objects.live().first().url,
    }


def measure_all(account):
    anonymous, member = Client(), Client()
    member.force_login(account.user)
    # Warm the process-wide caches first (content types, locales, URL resolvers…), as on a
    # server that has answered a few requests: only the data may change the counts below.
    for path in paths(account.organization).values():
        anonymous.get(path)
    member.get("/portal/")
    result = {name: count(anonymous, path) for name, path in paths(account.organization).items()}
    for name, url_name in PORTAL_PAGES.items():
        result[name] = count(member, reverse(url_name))
    return result


def grow(organization, first_commitments):
    """A second data set, and the measured organisation takes its commitments and meetings."""
    generate(seed=11)
    Commitment.objects.exclude(pk__in=first_commitments).update(organization=organization)
    invited = set(Invitation.objects.filter(organization=organization).values_list("meeting_id", flat=True))
    Invitation.objects.bulk_create(
        [
            Invitation(meeting=meeting, organization=organization, status="accepted")
            for meeting in Meeting.objects.exclude(pk__in=invited)
        ]
    )


@pytest.fixture
def measurements(db):
    """Counts at both sizes, measured once for the module (the data is rolled back after)."""
    if not _measured:
        generate(seed=5)
        account = (
            PortalAccount.objects.filter(
                role="representative", organization__membership_status="active", organization__is_partner=False
            )
            .annotate(n=Count("organization__commitments"))
            .order_by("-n", "pk")
            .select_related("user", "organization")
            .first()
        )
        first_commitments = set(Commitment.objects.values_list("pk", flat=True))
        small = measure_all(account)
        before = account.organization.commitments.count()
        grow(account.organization, first_commitments)
        assert account.organization.commitments.count() > 3 * before
        assert Organization.objects.count() >= 16
        large = measure_all(account)
        _measured.update({name: (small[name], large[name]) for name in small})
    return _measured


PUBLIC_PAGES = [
    "home",
    "news index",
    "news page",
    "member directory",
    "member profile",
    "observatory",
    "calendar",
]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_queries_do_not_grow_and_stay_within_budget(measurements, name):
    small, large = measurements[name]
    assert large["steady"] == small["steady"], f"{name}: {small['steady']} queries, then {large['steady']}"
    assert large["cold"] == small["cold"], f"{name} (cold cache): {small['cold']} queries, then {large['cold']}"
    assert large["steady"] <= PUBLIC_BUDGET, f"{name}: {large['steady']} queries"


@pytest.mark.parametrize("name", list(PORTAL_PAGES))
def test_portal_page_queries_do_not_grow_and_stay_within_budget(measurements, name):
    small, large = measurements[name]
    assert large["steady"] == small["steady"], f"{name}: {small['steady']} queries, then {large['steady']}"
    assert large["cold"] == small["cold"]
    assert large["steady"] <= PORTAL_BUDGET, f"{name}: {large['steady']} queries"


def test_the_dashboard_within_its_budget_for_a_member_with_something_of_everything(
    client, django_assert_max_num_queries, organization, representative
):
    """Reports to file, a pledge to sign, open agreements, an invitation to answer, minutes to
    comment, action items: every panel has rows, and the dashboard still runs at most 12 queries."""
    import datetime

    from django.utils import timezone

    from meetings.models import AttendanceStatus, MeetingStatus
    from tests.commitments.factories import ApprovedCommitmentFactory, PledgeVersionFactory
    from tests.meetings.factories import MeetingFactory

    today = timezone.localdate()
    for number in range(3):
        ApprovedCommitmentFactory(
            organization=organization,
            start_date=datetime.date(today.year - 1, 1, 1),
            end_date=datetime.date(today.year + 1, 12, 31),
            title=f"Compromiso {number}",
        )
    PledgeVersionFactory()
    upcoming = MeetingFactory(
        title="Asamblea próxima",
        status=MeetingStatus.CONVENED,
        start=timezone.now() + datetime.timedelta(days=5),
        end=timezone.now() + datetime.timedelta(days=5, hours=2),
    )
    Invitation.objects.create(meeting=upcoming, organization=organization)
    past = MeetingFactory(
        title="Asamblea pasada",
        status=MeetingStatus.MINUTES_CIRCULATED,
        start=timezone.now() - datetime.timedelta(days=5),
        end=timezone.now() - datetime.timedelta(days=5, hours=-2),
        minutes_comments_due=today + datetime.timedelta(days=3),
    )
    from meetings.models import Attendance

    Attendance.objects.create(
        meeting=past, organization=organization, name="Ana Pérez", status=AttendanceStatus.PRESENT
    )
    client.force_login(representative)
    # As a running server: the process's own caches warm, and the site's settings made (the
    # first request creates them, which moves the generation on once).
    client.get(reverse("members_portal:dashboard"))
    client.get(reverse("members_portal:dashboard"))
    with django_assert_max_num_queries(PORTAL_BUDGET):
        response = client.get(reverse("members_portal:dashboard"))
    content = response.content.decode()
    assert "Asamblea próxima" in content and "Asamblea pasada" in content
    assert "Compromiso 0" in content


def test_queries_do_not_grow_with_the_number_of_networks(db):
    """The same pages cost the same queries with one network and with three (each with its members,
    commitments and meetings, its own Site and page tree)."""
    from network_site.networks import activate
    from tests.commitments.factories import ApprovedCommitmentFactory
    from tests.meetings.factories import MeetingFactory
    from tests.members.factories import OrganizationFactory, PortalAccountFactory
    from tests.network_site.factories import NetworkFactory

    generate(seed=5)
    account = (
        PortalAccount.objects.filter(role="representative", organization__membership_status="active")
        .select_related("user", "organization")
        .order_by("pk")
        .first()
    )
    one = measure_all(account)
    for slug, name in (("panama", "Panamá"), ("chile", "Chile")):
        network = NetworkFactory(slug=slug, short_name=name)
        with activate(network):
            for number in range(3):
                organization = OrganizationFactory(name=f"Empresa {name} {number}", membership_status="active")
                PortalAccountFactory(organization=organization)
                ApprovedCommitmentFactory(organization=organization, is_public=True)
            MeetingFactory(title=f"Reunión {name}", is_public=True)
    three = measure_all(account)
    assert three == one
