"""The cooperation board in the open-data API: public open demands and offers, public agreements with
their activities, of the host's networks; never a contact, a person's name or a follow-up note."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cooperation.choices import ActivityStatus, BoardState
from network_site.networks import activate
from tests.api import test_practices
from tests.api.conftest import ECUADOR, REGIONAL, get, ids
from tests.cooperation.factories import (
    ActivityFactory,
    ActivityUpdateFactory,
    AgreementFactory,
    DemandFactory,
    OfferFactory,
)
from tests.helpers import assert_not_found

pytestmark = pytest.mark.django_db

#: The WSGI application fixture and the conformance check of the good practices' tests.
wsgi_app, conforms = test_practices.wsgi_app, test_practices.conforms

DEMANDS, OFFERS, AGREEMENTS = (
    "/api/v1/cooperation/demands/",
    "/api/v1/cooperation/offers/",
    "/api/v1/cooperation/agreements/",
)
PRIVATE_WORDS = (
    "Lucía Fernández Mora",  # a demand's contact
    "Andrés Paredes Villacís",  # an offer's contact
    "contacto.demanda",
    "contacto.oferta",
    "Mariela Quesada Rojas",  # an activity's responsible person
    "Nota interna de seguimiento",
    "Motivo interno",
    "Descripción interna de la actividad",
)


def detail(agreement):
    return f"{AGREEMENTS}{agreement.pk}/"


def assert_no_private_data(response):
    text = response.content.decode()
    for word in PRIVATE_WORDS:
        assert word not in text, word


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def board(default_network, other_network):
    data = {}
    data["cr_demand"] = DemandFactory(title="Demanda pública", topic="education")
    data["cr_other_demand"] = DemandFactory(title="Demanda sobre migración", topic="migration")
    data["cr_private_demand"] = DemandFactory(title="Demanda interna", is_public=False)
    data["cr_matched_demand"] = DemandFactory(title="Demanda atendida", state=BoardState.MATCHED)
    data["cr_offer"] = OfferFactory(title="Oferta pública")
    data["cr_closed_offer"] = OfferFactory(title="Oferta cerrada", state=BoardState.CLOSED)
    with activate(other_network):
        data["ec_demand"] = DemandFactory(title="Demanda de Ecuador")
        data["ec_offer"] = OfferFactory(title="Oferta de Ecuador")
    data["shared"] = AgreementFactory(title="Acuerdo Costa Rica–Ecuador", networks=[default_network, other_network])
    data["overdue_activity"] = ActivityFactory(
        agreement=data["shared"],
        title="Taller atrasado",
        responsible_network=other_network,
        due_date=days(-3),
        description="Descripción interna de la actividad",
    )
    ActivityUpdateFactory(activity=data["overdue_activity"], comment="Nota interna de seguimiento")
    data["dropped_activity"] = ActivityFactory(agreement=data["shared"], title="Visita", due_date=days(-5))
    data["dropped_activity"].status = ActivityStatus.DROPPED
    data["dropped_activity"].dropped_reason = "Motivo interno"
    data["dropped_activity"].save()
    data["future_activity"] = ActivityFactory(agreement=data["shared"], title="Informe final", due_date=days(20))
    data["cr_done"] = AgreementFactory(title="Acuerdo cumplido", networks=[default_network])
    ActivityFactory(agreement=data["cr_done"], status=ActivityStatus.DONE, due_date=days(-1))
    data["cr_private"] = AgreementFactory(title="Acuerdo interno", networks=[default_network], is_public=False)
    data["ec_agreement"] = AgreementFactory(title="Acuerdo de Ecuador", networks=[other_network])
    ActivityFactory(agreement=data["ec_agreement"], responsible_network=other_network)
    return data


def test_the_public_open_demands_and_offers_only_without_contacts(client, board, default_network):
    response = get(client, DEMANDS)
    assert set(ids(response)) == {board["cr_demand"].pk, board["cr_other_demand"].pk}
    item = next(item for item in response.json()["items"] if item["id"] == board["cr_demand"].pk)
    assert set(item) == {"id", "network", "country", "title", "description", "topic", "created_at"}
    assert (item["network"], item["country"], item["title"], item["topic"]) == (
        "red",
        default_network.country,
        "Demanda pública",
        "education",
    )
    assert_no_private_data(response)
    offers = get(client, OFFERS)
    assert ids(offers) == [board["cr_offer"].pk]
    assert_no_private_data(offers)
    assert ids(get(client, DEMANDS, topic="migration")) == [board["cr_other_demand"].pk]
    assert get(client, DEMANDS, topic="nope").status_code == 422


def test_agreements_are_the_public_ones_with_their_state(client, board):
    response = get(client, AGREEMENTS)
    assert set(ids(response)) == {board["shared"].pk, board["cr_done"].pk}
    items = {item["id"]: item for item in response.json()["items"]}
    shared = items[board["shared"].pk]
    assert set(shared) == {"id", "title", "description", "networks", "start_date", "end_date", "state"}
    assert shared["networks"] == ["ecuador", "red"]
    assert shared["state"] == "overdue"
    assert items[board["cr_done"].pk]["state"] == "done"
    assert_no_private_data(response)
    assert ids(get(client, AGREEMENTS, state="overdue")) == [board["shared"].pk]
    assert ids(get(client, AGREEMENTS, state="done")) == [board["cr_done"].pk]
    assert ids(get(client, AGREEMENTS, state="in_progress")) == []
    assert get(client, AGREEMENTS, state="late").status_code == 422


def test_an_agreements_detail_gives_its_activities_without_people(client, board):
    response = get(client, detail(board["shared"]))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "overdue"
    assert body["activities"] == [
        {
            "title": "Visita",
            "responsible_network": None,
            "due_date": days(-5).isoformat(),
            "status": "dropped",
            "overdue": False,
        },
        {
            "title": "Taller atrasado",
            "responsible_network": "ecuador",
            "due_date": days(-3).isoformat(),
            "status": "pending",
            "overdue": True,
        },
        {
            "title": "Informe final",
            "responsible_network": None,
            "due_date": days(20).isoformat(),
            "status": "pending",
            "overdue": False,
        },
    ]
    assert_no_private_data(response)


@pytest.mark.parametrize("name", ["cr_private", "ec_agreement"])
def test_a_non_public_or_another_networks_agreement_answers_404(client, board, name):
    assert_not_found(get(client, detail(board[name])), name)


def test_each_host_answers_for_its_networks_and_filters_only_narrow(client, board, regional_site):
    # Ecuador's host: its own posts, and the agreements Ecuador is a party to.
    assert set(ids(get(client, DEMANDS, ECUADOR))) == {board["ec_demand"].pk}
    assert ids(get(client, OFFERS, ECUADOR)) == [board["ec_offer"].pk]
    assert set(ids(get(client, AGREEMENTS, ECUADOR))) == {board["shared"].pk, board["ec_agreement"].pk}
    assert get(client, detail(board["shared"]), ECUADOR).status_code == 200
    assert_not_found(get(client, detail(board["cr_done"]), ECUADOR))
    # Costa Rica's host never widens to Ecuador.
    assert get(client, DEMANDS, network="ecuador").json()["count"] == 0
    assert get(client, OFFERS, country="EC").json()["count"] == 0
    assert ids(get(client, AGREEMENTS, network="ecuador")) == [board["shared"].pk]  # Costa Rica is a party too
    # The regional site: every network's, each agreement once.
    regional = ids(get(client, AGREEMENTS, REGIONAL, limit=100))
    assert sorted(regional) == sorted([board["shared"].pk, board["cr_done"].pk, board["ec_agreement"].pk])
    assert get(client, AGREEMENTS, REGIONAL).json()["count"] == 3
    assert set(ids(get(client, DEMANDS, REGIONAL))) == {
        board["cr_demand"].pk,
        board["cr_other_demand"].pk,
        board["ec_demand"].pk,
    }
    assert ids(get(client, DEMANDS, REGIONAL, country="ec")) == [board["ec_demand"].pk]
    assert set(ids(get(client, AGREEMENTS, REGIONAL, network="ecuador"))) == {
        board["shared"].pk,
        board["ec_agreement"].pk,
    }
    assert ids(get(client, AGREEMENTS, REGIONAL, country="EC", state="overdue")) == [board["shared"].pk]
    assert get(client, detail(board["ec_agreement"]), REGIONAL).status_code == 200
    assert_not_found(get(client, detail(board["cr_private"]), REGIONAL))


def _board(count, default_network, other_network):
    for _ in range(count):
        DemandFactory()
        OfferFactory()
        with activate(other_network):
            DemandFactory()
            OfferFactory()
        agreement = AgreementFactory(networks=[default_network, other_network])
        ActivityFactory(agreement=agreement, responsible_network=other_network)
        ActivityFactory(agreement=agreement, due_date=days(-2))


def _queries(client, path, host=None):
    with CaptureQueriesContext(connection) as captured:
        response = get(client, path, host, limit=100)
    assert response.status_code == 200, response.content
    return len(captured)


def test_query_counts_stay_flat_with_the_data(client, default_network, other_network, regional_site):
    _board(2, default_network, other_network)
    first = AgreementFactory(networks=[default_network, other_network])
    ActivityFactory(agreement=first, responsible_network=other_network)
    paths = [(path, host) for path in (DEMANDS, OFFERS, AGREEMENTS, detail(first)) for host in (None, REGIONAL)]
    small = [_queries(client, path, host) for path, host in paths]
    _board(8, default_network, other_network)
    ActivityFactory.create_batch(9, agreement=first, responsible_network=default_network)
    large = [_queries(client, path, host) for path, host in paths]
    assert large == small
    assert max(large) <= 12, large


def test_real_answers_conform_to_the_document(wsgi_app, board):
    conforms(
        wsgi_app,
        {
            DEMANDS: [{}],
            OFFERS: [{}],
            AGREEMENTS: [{}],
            "/api/v1/cooperation/agreements/{agreement_id}/": [
                {"agreement_id": board["shared"].pk},
                {"agreement_id": board["cr_done"].pk},
                {"agreement_id": board["ec_agreement"].pk},
            ],
        },
    )
