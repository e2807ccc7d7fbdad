"""The regional site's cooperation board: public open demands and offers, public agreements with
their activities and states; nothing that is not public, no contact details; filters and pages."""

import datetime

import pytest

from django.utils import timezone

from wagtail.models import Page, Site

from cooperation.choices import ActivityStatus, BoardState
from cooperation.demo import board_page
from network_site.networks import activate
from tests.cooperation.factories import ActivityFactory, AgreementFactory, DemandFactory, OfferFactory

pytestmark = pytest.mark.django_db
HOST = "regional.localhost"


@pytest.fixture
def regional_page(default_network, other_network):
    root = Page.get_first_root_node().add_child(instance=Page(title="Iniciativa Regional", slug="regional"))
    Site.objects.create(hostname=HOST, port=80, root_page=root, site_name="Iniciativa Regional")
    page = board_page()
    assert page is not None and page.get_parent().pk == root.pk
    return page


def get(client, query=""):
    response = client.get(f"/es/cooperacion/{query}", HTTP_HOST=HOST)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_board_shows_only_public_open_posts_and_public_agreements(
    client, regional_page, default_network, other_network
):
    DemandFactory(title="Demanda pública", contact_name="Lucía Fernández Mora", contact_email="lucia@example.org")
    DemandFactory(title="Demanda interna", is_public=False)
    matched = DemandFactory(title="Demanda atendida")
    matched.transition_to(BoardState.MATCHED)
    with activate(other_network):
        OfferFactory(title="Oferta pública", contact_email="andres@example.org")
    public = AgreementFactory(title="Acuerdo público", networks=[default_network, other_network])
    AgreementFactory(title="Acuerdo interno", is_public=False, networks=[default_network, other_network])
    ActivityFactory(
        agreement=public,
        title="Visita técnica",
        responsible_name="Andrés Paredes Villacís",
        responsible_network=other_network,
        due_date=timezone.localdate() - datetime.timedelta(days=3),
    )
    content = get(client)
    assert "Demanda pública" in content and "Oferta pública" in content
    assert "Acuerdo público" in content and "Visita técnica" in content and "Vencid" in content
    for hidden in ("Demanda interna", "Demanda atendida", "Acuerdo interno"):
        assert hidden not in content, hidden
    for contact in ("Lucía Fernández Mora", "lucia@example.org", "andres@example.org", "Andrés Paredes Villacís"):
        assert contact not in content, contact


def test_the_board_filters_by_country_and_state(client, regional_page, default_network, other_network):
    DemandFactory(title="Demanda de Costa Rica")
    with activate(other_network):
        OfferFactory(title="Oferta de Ecuador")
    late = AgreementFactory(title="Acuerdo con retraso", networks=[default_network, other_network])
    ActivityFactory(agreement=late, due_date=timezone.localdate() - datetime.timedelta(days=1))
    done = AgreementFactory(title="Acuerdo cumplido", networks=[default_network, other_network])
    ActivityFactory(agreement=done, status=ActivityStatus.DONE)

    content = get(client, f"?country={other_network.country}")
    assert "Oferta de Ecuador" in content and "Demanda de Costa Rica" not in content
    assert "Acuerdo con retraso" in content  # Ecuador is a party
    content = get(client, "?state=open")
    assert "Demanda de Costa Rica" in content and "Acuerdo con retraso" not in content
    content = get(client, "?state=overdue")
    assert (
        "Acuerdo con retraso" in content
        and "Acuerdo cumplido" not in content
        and "Demanda de Costa Rica" not in content
    )
    content = get(client, "?state=done")
    assert "Acuerdo cumplido" in content and "Acuerdo con retraso" not in content
    assert "Acuerdo con retraso" in get(client, "?state=nonsense&country=XX")  # unknown filters are ignored


def test_the_board_is_paginated(client, regional_page, default_network, other_network):
    regional_page.per_page = 2
    regional_page.save_revision().publish()
    for number in range(5):
        AgreementFactory(title=f"Acuerdo número {number}", networks=[default_network, other_network])
        DemandFactory(title=f"Demanda número {number}")
    first = get(client)
    assert first.count("Acuerdo número") == 2 and first.count("Demanda número") == 2
    assert "Página 1 de 3" in first
    last = get(client, "?page=3&posts=3")
    assert last.count("Acuerdo número") == 1 and last.count("Demanda número") == 1
    assert get(client, "?page=99").count("Acuerdo número") == 1  # past the end: the last page


def test_the_page_is_made_once(regional_page):
    assert board_page().pk == regional_page.pk
