"""Matching a demand with offers makes a South-South agreement between two or more networks, marks
them matched, and tells each party's secretariat; anything else writes nothing."""

import pytest

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from cooperation.choices import BoardState
from cooperation.matching import match
from cooperation.models import CooperationAgreement, CooperationDemand, CooperationOffer
from network_site.networks import activate
from tests.cooperation.conftest import network_staff
from tests.cooperation.factories import OfferFactory
from tests.network_site.factories import NetworkFactory

pytestmark = pytest.mark.django_db


def counts():
    return (
        CooperationAgreement.objects.count(),
        CooperationAgreement.networks.through.objects.count(),
        list(CooperationDemand.objects.values_list("state", flat=True)),
        list(CooperationOffer.objects.values_list("state", flat=True)),
    )


def test_matching_makes_an_agreement_between_the_networks(
    regional_user, demand_a, offer_b, default_network, other_network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        agreement = match(demand_a, [offer_b], user=regional_user, title="Asistencia técnica CR–EC", is_public=True)
    assert set(agreement.networks.all()) == {default_network, other_network}
    assert agreement.demand == demand_a and list(agreement.offers.all()) == [offer_b]
    assert agreement.created_by == regional_user
    for post in (demand_a, offer_b):
        post.refresh_from_db()
        assert post.state == BoardState.MATCHED
        assert post.history().first().data["to"] == BoardState.MATCHED


def test_three_networks(regional_user, demand_a, offer_b, default_network, other_network):
    panama = NetworkFactory(slug="panama", short_name="Panamá", country="PA")
    with activate(panama):
        offer_c = OfferFactory()
    agreement = match(demand_a, [offer_b, offer_c], user=regional_user)
    assert agreement.networks.count() == 3
    assert agreement.title == demand_a.title  # default title: the demand's


def test_one_network_is_refused_with_a_clear_error_and_nothing_is_written(regional_user, demand_a):
    own_offer = OfferFactory(title="Oferta de la misma red")
    before = counts()
    with pytest.raises(ValidationError) as error:
        match(demand_a, [own_offer], user=regional_user)
    assert error.value.code == "one_network"
    assert "two or more networks" in error.value.messages[0] or "dos o más redes" in error.value.messages[0]
    assert counts() == before
    assert len(mail.outbox) == 0


def test_a_demand_or_offer_no_longer_open_is_refused(regional_user, demand_a, offer_b):
    demand_a.transition_to(BoardState.CLOSED)
    before = counts()
    with pytest.raises(ValidationError) as error:
        match(demand_a, [offer_b], user=regional_user)
    assert error.value.code == "not_open"
    assert counts() == before


def test_no_offer_is_refused(regional_user, demand_a):
    with pytest.raises(ValidationError):
        match(demand_a, [], user=regional_user)
    assert CooperationAgreement.objects.count() == 0


def test_only_regional_staff_match(demand_a, offer_b, default_network):
    secretariat = network_staff(default_network)
    before = counts()
    with pytest.raises(PermissionDenied):
        match(demand_a, [offer_b], user=secretariat)
    assert counts() == before


def test_the_parties_secretariats_are_emailed(
    regional_user, demand_a, offer_b, default_network, other_network, django_capture_on_commit_callbacks
):
    default_network.secretariat_emails = "secretaria.cr@example.org, coordinacion.cr@example.org"
    default_network.save()
    other_network.secretariat_emails = "secretaria.ec@example.org"
    other_network.save()
    with django_capture_on_commit_callbacks(execute=True):
        agreement = match(demand_a, [offer_b], user=regional_user, title="Asistencia técnica CR–EC")
    assert sorted(tuple(message.to) for message in mail.outbox) == [
        ("secretaria.cr@example.org", "coordinacion.cr@example.org"),
        ("secretaria.ec@example.org",),
    ]
    message = mail.outbox[0]
    assert "Asistencia técnica CR–EC" in message.subject
    assert demand_a.title in message.body and offer_b.title in message.body
    assert f"/cooperation/agreements/inspect/{agreement.pk}/" in message.body or str(agreement.pk) in message.body
    assert demand_a.contact_email not in message.body  # what the parties need, not the contacts
    # Each party is written to in its own network's name (not the installation's).
    to_ecuador = next(each for each in mail.outbox if each.to == ["secretaria.ec@example.org"])
    assert to_ecuador.body.rstrip().endswith(other_network.name)  # signed by its own network
