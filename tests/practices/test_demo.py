"""The demo's library: a page on the regional site and practices of every network, loaded once."""

import io

import pytest

from django.core.management.base import OutputWrapper

from network_site.networks import across, activate
from practices import demo
from practices.models import GoodPractice, GoodPracticeLibraryPage, PracticeStatus
from tests.members.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


class Command:
    stdout = OutputWrapper(io.StringIO())


def test_load_regional_adds_the_library_and_each_networks_practices_once(
    regional_site, default_network, other_network
):
    OrganizationFactory(name="Cafetalera del Valle")
    with activate(other_network):
        OrganizationFactory(name="Floricultora Andina")
    assert demo.load(Command()) == []
    for _ in range(2):
        with across():
            demo.load_regional(Command())
    page = GoodPracticeLibraryPage.objects.get()
    assert page.get_parent().pk == regional_site.root_page.pk and page.live
    counts = {
        network.pk: GoodPractice.objects.filter(network=network).count()
        for network in (default_network, other_network)
    }
    assert all(count >= 3 for count in counts.values()), counts
    published = GoodPractice.objects.filter(status=PracticeStatus.PUBLISHED)
    assert published.filter(network=other_network).exists() and published.filter(network=default_network).exists()
    assert all(practice.contact_email.endswith("@example.org") for practice in GoodPractice.objects.all())
    returned = GoodPractice.objects.get(status=PracticeStatus.RETURNED)
    assert returned.review_comment and [entry.data["to"] for entry in returned.history()] == ["returned"]
