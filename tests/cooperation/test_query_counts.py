"""The board's pages run a fixed number of queries, whatever the number of agreements and activities."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network_site.networks import activate
from tests.cooperation.factories import ActivityFactory, AgreementFactory, DemandFactory, OfferFactory
from tests.cooperation.test_public import HOST, regional_page  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def add(count, default_network, other_network):
    for number in range(count):
        agreement = AgreementFactory(title=f"Acuerdo {number}", networks=[default_network, other_network])
        ActivityFactory(agreement=agreement, responsible_network=default_network)
        ActivityFactory(agreement=agreement, responsible_network=other_network)
        DemandFactory()
        with activate(other_network):
            OfferFactory()


def queries(client, url, **extra):
    """How many queries the request runs (anonymous public pages: not from the page cache, whose
    generation the data written before moved on)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return len(captured)


def warm_up(client):
    """Build what is kept per cache generation (the site, routing, layout), which a change moves on."""
    for query in ("?state=open", "?country=XX"):
        queries(client, f"/es/cooperacion/{query}", HTTP_HOST=HOST)


def test_the_public_board(client, regional_page, default_network, other_network):  # noqa: F811
    add(2, default_network, other_network)
    warm_up(client)
    few = queries(client, "/es/cooperacion/?country=EC", HTTP_HOST=HOST)
    add(6, default_network, other_network)
    warm_up(client)
    assert queries(client, "/es/cooperacion/?country=CR", HTTP_HOST=HOST) == few <= 8


@pytest.mark.parametrize("name", ["cooperation_agreement:index", "cooperation_activity:index", "wagtailadmin_home"])
def test_the_admin_listings(client, staff_client, default_network, other_network, name):
    add(2, default_network, other_network)
    staff_client.get(reverse(name))  # warm up what is read once per process
    few = queries(staff_client, reverse(name))
    add(6, default_network, other_network)
    staff_client.get(reverse(name))  # the change moved the cache generation on: warm up again
    assert queries(staff_client, reverse(name)) == few
