"""`generate_scale_data`: counts, a sound page tree, data the public pages and the portal show."""

import pytest

from django.core.management import CommandError, call_command

from wagtail.models import Page, Site

from commitments.models import Commitment, CommitmentStatus, ProgressReport, ReportStatus
from home.models import NewsPage
from meetings.models import AgendaItem, Agreement, Attendance, Invitation, Meeting
from members.models import MemberDirectoryPage, Organization, PortalAccount
from members.scale import SCALE_PASSWORD
from network_site import page_cache
from network_site.management.commands.generate_scale_data import sizes
from supplychain.models import Answer, Assessment, SectionScore

TINY = sizes("tiny")


def generate():
    call_command("generate_scale_data", "--scale", "tiny", "--seed", "3", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def scale_data(db):
    generate()


def test_counts_match_the_scale(scale_data):
    organizations = Organization.objects.filter(slug__startswith="escala-")
    assert organizations.count() == TINY["organizations"]
    assert Commitment.objects.filter(reference__startswith="E-").count() == TINY["commitments"]
    assert ProgressReport.objects.count() == TINY["reports"]
    assert NewsPage.objects.count() == TINY["news"]
    assert Meeting.objects.count() == TINY["meetings"]
    assert Assessment.objects.count() == TINY["assessments"]
    # Every organisation has contacts and a portal account; meetings have what minutes need.
    assert PortalAccount.objects.filter(organization__in=organizations).count() == TINY["organizations"]
    assert AgendaItem.objects.count() >= 5 * TINY["meetings"]
    assert Invitation.objects.count() >= TINY["meetings"]
    assert Attendance.objects.exists()
    assert Agreement.objects.exists()
    assert Answer.objects.exists()
    assert SectionScore.objects.exists()


def test_progress_is_shown(db):
    from io import StringIO

    out = StringIO()
    call_command("generate_scale_data", "--scale", "tiny", stdout=out)
    text = out.getvalue()
    assert "progress reports: 240/240 (100%)" in text
    assert "Scale data ready" in text


def test_records_follow_the_lifecycles(scale_data):
    # Reports exist only for commitments the secretariat approved, one per quarter of their span.
    assert not ProgressReport.objects.filter(
        commitment__status__in=[CommitmentStatus.DRAFT, CommitmentStatus.SUBMITTED]
    ).exists()
    for commitment in Commitment.objects.filter(status=CommitmentStatus.APPROVED)[:5]:
        periods = [code for code, _start, _end in commitment.periods()]
        assert sorted(commitment.reports.values_list("period", flat=True)) == sorted(periods)
    # Approved reports have a value and dates; drafts have none.
    assert not ProgressReport.objects.filter(status=ReportStatus.APPROVED, value__isnull=True).exists()
    assert not ProgressReport.objects.filter(status=ReportStatus.DRAFT, submitted_at__isnull=False).exists()
    # Scored self-assessments carry their score and one score per section.
    scored = Assessment.objects.scored()
    assert scored.exists()
    assert not scored.filter(overall_score__isnull=True).exists()


def test_the_page_tree_stays_sound(scale_data):
    assert Page.find_problems() == ([], [], [], [], [])
    news = NewsPage.objects.live().first()
    assert news.get_parent().specific.get_children().filter(pk=news.pk).exists()


def test_generated_data_renders_on_the_public_pages(scale_data, client):
    organization = Organization.objects.filter(slug__startswith="escala-", membership_status="active").first()
    directory = MemberDirectoryPage.objects.live().first()
    news = NewsPage.objects.live().order_by("-date").first()

    response = client.get(directory.url)
    assert response.status_code == 200
    assert organization.name in response.content.decode()

    response = client.get(f"{directory.url}{organization.slug}/")
    assert response.status_code == 200
    assert organization.name in response.content.decode()

    response = client.get(news.url)
    assert response.status_code == 200
    assert news.title in response.content.decode()

    response = client.get(news.get_parent().url)
    assert response.status_code == 200
    assert news.title in response.content.decode()

    home = Site.objects.get(is_default_site=True).root_page
    for page in home.get_descendants(inclusive=True).live().specific():
        if isinstance(page, NewsPage):
            continue
        assert client.get(page.url).status_code == 200, page.url


def test_generated_users_use_the_portal(scale_data, client):
    account = PortalAccount.objects.filter(role="representative", organization__membership_status="active").first()
    assert client.login(email=account.user.email, password=SCALE_PASSWORD)
    response = client.get("/portal/")
    assert response.status_code == 200
    assert account.organization.display_name in response.content.decode()


def test_runs_again_on_top_and_drops_cached_pages(scale_data):
    before = page_cache.generation()
    generate()
    assert page_cache.generation() != before
    assert Organization.objects.filter(slug__startswith="escala-").count() == 2 * TINY["organizations"]
    assert ProgressReport.objects.count() == 2 * TINY["reports"]
    assert NewsPage.objects.count() == 2 * TINY["news"]
    assert Page.find_problems() == ([], [], [], [], [])


def test_unknown_scale_is_refused(db):
    with pytest.raises(CommandError, match="national or regional"):
        call_command("generate_scale_data", "--scale", "huge")
    assert not Organization.objects.exists()


def test_the_planner_statistics_are_fresh_after_the_bulk_inserts(scale_data):
    """Without ANALYZE, SQLite scanned every open report for one member's due reports."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'commitments_progressreport'")
        else:
            cursor.execute(
                "SELECT count(*) FROM pg_stats WHERE tablename = 'commitments_progressreport' AND attname = 'status'"
            )
        assert cursor.fetchone()[0] > 0


def test_regional_data_spread_over_several_networks(db):
    """The regional scale spreads organisations and their records over networks (here 3, tiny)."""
    from network_site.models import Network
    from network_site.networks import activate

    call_command("generate_scale_data", "--scale", "tiny", "--networks", "3", stdout=open("/dev/null", "w"))  # noqa: SIM115
    networks = list(Network.objects.order_by("pk"))
    assert len(networks) == 3
    per_network = -(-TINY["organizations"] // 3)
    for network in networks:
        with activate(network):
            organizations = Organization.objects.filter(slug__startswith="escala-")
            assert organizations.count() == per_network
            # Records are in their organisation's network, pages in its Site's tree.
            assert Commitment.objects.exclude(organization__network=network).count() == 0
            assert Commitment.objects.count() == -(-TINY["commitments"] // 3)
            assert MemberDirectoryPage.objects.live().descendant_of(network.site.root_page).exists()
            assert NewsPage.objects.descendant_of(network.site.root_page).count() == -(-TINY["news"] // 3)
            assert Meeting.objects.count() == -(-TINY["meetings"] // 3)
    assert not Page.find_problems()[0]
