"""A change drops only the cached pages and data it can affect (network_site.page_cache).

A Wagtail draft (saved, not published) and a member's draft progress report change no public
page; a change in one network (Ecuador) keeps another's (Costa Rica's, the default site's) pages.
The full-page cache is measured through its X-Page-Cache header on real requests.
"""

import datetime

import pytest

from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commitments.models import ProgressReport, ReportStatus
from network_site import page_cache
from network_site.caching import cached
from network_site.networks import across, activate
from tests.commitments.factories import ApprovedCommitmentFactory
from tests.members.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

COSTA_RICA, ECUADOR = "localhost", "ecuador.localhost"


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def fetch(host, path="/es/"):
    response = Client().get(path, HTTP_HOST=host)
    assert response.status_code == 200, (host, path)
    return response


def warm(*hosts):
    for host in hosts:
        fetch(host)
        assert fetch(host)["X-Page-Cache"] == "hit"


def state(*hosts):
    return [fetch(host)["X-Page-Cache"] for host in hosts]


def home_page():
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page.specific


def test_a_saved_draft_keeps_the_cached_home_page_and_publishing_drops_it(page_cache_on):
    page = home_page()
    warm(COSTA_RICA)
    page.title = "Título del borrador"
    revision = page.save_revision()
    response = fetch(COSTA_RICA)
    assert response["X-Page-Cache"] == "hit"
    assert "Título del borrador" not in response.content.decode()
    revision.publish()
    response = fetch(COSTA_RICA)
    assert response["X-Page-Cache"] == "miss"
    assert "Título del borrador" in response.content.decode()


def test_a_new_unpublished_page_keeps_the_cache(page_cache_on):
    from wagtail.models import Page

    warm(COSTA_RICA)
    draft = home_page().add_child(instance=Page(title="Página nueva", slug="pagina-nueva", live=False))
    draft.save_revision()
    assert state(COSTA_RICA) == ["hit"]


def test_a_change_in_ecuador_keeps_costa_ricas_pages(page_cache_on, other_network):
    warm(COSTA_RICA, ECUADOR)
    with activate(other_network):
        OrganizationFactory(name="Bananera del Pacífico", membership_status="active")
    assert state(COSTA_RICA, ECUADOR) == ["hit", "miss"]
    OrganizationFactory(name="Cafetalera del Valle", membership_status="active")  # Costa Rica's
    assert state(COSTA_RICA, ECUADOR) == ["miss", "hit"]


def test_a_page_published_in_ecuador_keeps_costa_ricas_pages(page_cache_on, other_network):
    warm(COSTA_RICA, ECUADOR)
    root = other_network.site.root_page.specific
    root.title = "Red de Ecuador"
    root.save_revision().publish()
    assert state(COSTA_RICA, ECUADOR) == ["hit", "miss"]


def test_what_no_network_owns_drops_every_networks_pages(page_cache_on, other_network):
    from wagtail.models import Site

    warm(COSTA_RICA, ECUADOR)
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Otro nombre"
    site.save()
    assert state(COSTA_RICA, ECUADOR) == ["miss", "miss"]
    warm(COSTA_RICA, ECUADOR)
    page_cache.invalidate()  # bulk writers
    assert state(COSTA_RICA, ECUADOR) == ["miss", "miss"]


def test_data_built_per_generation_follows_its_networks_changes(default_network, other_network):
    calls = []

    def build(name):
        def builder():
            calls.append(name)
            return name

        return builder

    def read_both():
        with activate(default_network):
            cached("probe", builder=build("cr"))
        with activate(other_network):
            cached("probe", builder=build("ec"))
        with across():  # no network: every network's data (the regional site)
            cached("probe", builder=build("regional"))

    read_both()
    with activate(other_network):
        OrganizationFactory(name="Bananera del Pacífico")
    read_both()
    assert calls == ["cr", "ec", "regional", "ec", "regional"]


def running_report(organization):
    today = timezone.localdate()
    commitment = ApprovedCommitmentFactory(
        organization=organization,
        start_date=datetime.date(today.year - 1, 1, 1),
        end_date=datetime.date(today.year + 1, 12, 31),
    )
    return commitment.reports.filter(period_start__lte=today).order_by("period_start").first()


def test_a_members_draft_report_keeps_public_pages_and_its_approval_drops_them(
    page_cache_on, representative_client, organization, staff_user
):
    report = running_report(organization)
    warm(COSTA_RICA)
    url = reverse("commitments_portal:report", args=[report.pk])
    response = representative_client.post(url, {"value": "7", "narrative": "Avance del trimestre"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.value, report.narrative) == (ReportStatus.DRAFT, 7, "Avance del trimestre")
    assert state(COSTA_RICA) == ["hit"]
    # Submitted and approved: what the public sees changed.
    representative_client.post(url, {"value": "8", "narrative": "Listo", "submit": "1"})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    warm(COSTA_RICA)
    report.transition_to(ReportStatus.APPROVED, user=staff_user)
    assert state(COSTA_RICA) == ["miss"]


def test_the_networks_of_a_record_come_from_its_path_to_the_network(organization, default_network, other_network):
    report = running_report(organization)
    assert page_cache.networks_of(report) == {default_network.pk}
    assert page_cache.networks_of(other_network.site.root_page) == {other_network.pk}
    with activate(other_network):
        ecuadorian = OrganizationFactory(name="Bananera del Pacífico")
    assert page_cache.networks_of(ecuadorian) == {other_network.pk}
    assert page_cache.networks_of(default_network) is None  # a network itself: everything


def test_changes_in_a_transaction_move_their_networks_on_again_at_commit(default_network, other_network):
    from django.db import connection

    # The set-up's own changes (the networks) wait for the test's transaction too: run them now.
    connection.run_on_commit = [item for item in connection.run_on_commit if item[1] is not page_cache._flush_pending]
    page_cache._flush_pending()
    before = (page_cache.generation(default_network.pk), page_cache.generation(other_network.pk))
    with transaction.atomic():
        OrganizationFactory(name="Primera")
        OrganizationFactory(name="Segunda")
        during = page_cache.generation(default_network.pk)
    waiting = [item[1] for item in connection.run_on_commit]
    assert waiting.count(page_cache._flush_pending) == 1  # once, however many changes
    assert during != before[0]
    assert page_cache.generation(other_network.pk) == before[1]
    page_cache._flush_pending()  # what the commit runs
    assert page_cache.generation(default_network.pk) not in (before[0], during)
    assert page_cache.generation(other_network.pk) == before[1]


def test_a_draft_report_saved_outside_the_portal_with_its_status_counts(organization):
    """Only a save of what the member writes is a draft's own: others (status, deadline) count."""
    from commitments.wagtail_hooks import report_shows

    report = running_report(organization)
    assert not report_shows(report, created=False, update_fields=frozenset({"value", "narrative"}))
    assert report_shows(report, created=False, update_fields=None)
    assert report_shows(report, created=False, update_fields=frozenset({"status"}))
    assert report_shows(report, created=True, update_fields=None)
    report.status = ReportStatus.APPROVED
    assert report_shows(report, created=False, update_fields=frozenset({"value"}))
    assert ProgressReport.objects.filter(pk=report.pk).exists()
