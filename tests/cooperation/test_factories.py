"""Each factory of the cooperation board builds a valid record."""

import pytest

from network_site.networks import activate
from tests.cooperation.factories import (
    ActivityFactory,
    ActivityUpdateFactory,
    AgreementFactory,
    DemandFactory,
    OfferFactory,
)

pytestmark = pytest.mark.django_db


def test_every_factory_builds_a_valid_record(default_network, other_network):
    demand = DemandFactory()
    with activate(other_network):
        offer = OfferFactory()
    agreement = AgreementFactory(networks=[default_network, other_network])
    activity = ActivityFactory(agreement=agreement, responsible_network=other_network)
    update = ActivityUpdateFactory(activity=activity)
    for record in (demand, offer, agreement, activity, update):
        record.full_clean()
    assert demand.network == default_network and offer.network == other_network
    assert set(agreement.networks.all()) == {default_network, other_network}
