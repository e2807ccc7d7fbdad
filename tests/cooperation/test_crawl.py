"""Nothing of the board leaks between networks in the admin: network A's staff crawl the board's
admin from its listings; every URL found is replayed as network B's staff (not a party to A's
agreement with a third network) and as a company user."""

import html
import re
from urllib.parse import urlsplit

import pytest

from django.urls import reverse

from network_site.networks import activate
from tests.cooperation.conftest import network_staff
from tests.cooperation.factories import (
    ActivityFactory,
    ActivityUpdateFactory,
    AgreementFactory,
    DemandFactory,
    OfferFactory,
)
from tests.members.factories import PortalAccountFactory
from tests.network_site.factories import NetworkFactory

pytestmark = pytest.mark.django_db
START = [
    "cooperation_demand:index",
    "cooperation_offer:index",
    "cooperation_agreement:index",
    "cooperation_activity:index",
    "wagtailadmin_home",
]


def crawl(client, starts, limit=120):
    seen, queue, pages = set(), list(starts), {}
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        pages[url] = response
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            for href in re.findall(r'href="([^"#]+)"', response.content.decode()):
                path = urlsplit(html.unescape(href)).path
                if path.startswith("/admin/cooperation/") and path not in seen:
                    queue.append(path)
    return pages


def test_the_boards_admin_of_one_network_shows_nothing_of_another(client, default_network, other_network):
    panama = NetworkFactory(slug="panama", short_name="Panamá", country="PA")
    DemandFactory(title="Demanda ALFA", contact_email="alfa@example.org")
    OfferFactory(title="Oferta ALFA")
    with activate(panama):
        offer = OfferFactory(title="Oferta de Panamá")
    agreement = AgreementFactory(title="Acuerdo ALFA", networks=[default_network, panama])
    agreement.offers.add(offer)
    activity = ActivityFactory(agreement=agreement, title="Actividad ALFA", responsible_network=default_network)
    ActivityUpdateFactory(activity=activity, comment="Nota ALFA")
    with activate(other_network):
        DemandFactory(title="Demanda BETA")

    staff_a = network_staff(default_network)
    client.force_login(staff_a)
    pages = crawl(client, [reverse(name) for name in START])
    assert not [url for url, response in pages.items() if response.status_code >= 500]
    shown = [
        url for url, response in pages.items() if response.status_code == 200 and "ALFA" in response.content.decode()
    ]
    assert len(shown) >= 8, shown
    assert not [url for url, r in pages.items() if r.status_code == 200 and "BETA" in r.content.decode()]

    client.force_login(network_staff(other_network))
    leaks = []
    for url in pages:
        response = client.get(url)
        if response.status_code >= 500 or (response.status_code == 200 and "ALFA" in response.content.decode()):
            leaks.append((url, response.status_code))
    assert leaks == []

    from tests.members.factories import OrganizationFactory

    member = PortalAccountFactory(organization=OrganizationFactory()).user
    client.force_login(member)
    for url in pages:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert "/admin/" not in response["Location"] or "login" in response["Location"], url
