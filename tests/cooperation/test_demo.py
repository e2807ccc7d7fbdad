"""The demo board: Costa Rica's demand, Ecuador's offer, their agreement with three activities
(done, in progress, overdue), the regional site's page; loading it again changes nothing."""

import pytest

from django.utils import timezone

from wagtail.models import Page, Site

from cooperation import demo
from cooperation.choices import ActivityStatus, BoardState
from cooperation.models import (
    CooperationActivity,
    CooperationAgreement,
    CooperationBoardPage,
    CooperationDemand,
    CooperationOffer,
)
from network_site.networks import across

pytestmark = pytest.mark.django_db


def test_the_regional_demo(default_network, other_network):
    root = Page.get_first_root_node().add_child(instance=Page(title="Iniciativa Regional", slug="regional"))
    Site.objects.create(hostname="regional.localhost", port=80, root_page=root, site_name="Iniciativa Regional")
    with across():
        demo.load_regional(None)
        demo.load_regional(None)
    assert CooperationBoardPage.objects.child_of(root).count() == 1
    agreement = CooperationAgreement.objects.get()
    assert set(agreement.networks.values_list("country", flat=True)) == {"CR", "EC"}
    assert agreement.is_public
    demand = CooperationDemand.objects.get(network=default_network, state=BoardState.MATCHED)
    assert "sistemas de seguimiento" in demand.title
    assert CooperationOffer.objects.get(network=other_network, state=BoardState.MATCHED) in agreement.offers.all()
    today = timezone.localdate()
    activities = list(CooperationActivity.objects.filter(agreement=agreement))
    assert len(activities) == 3
    assert sorted(a.status for a in activities) == sorted(
        [ActivityStatus.DONE, ActivityStatus.IN_PROGRESS, ActivityStatus.PENDING]
    )
    assert [a.title for a in activities if a.is_overdue(today)] == [
        "Informe con recomendaciones para el registro de casos"
    ]
    emails = list(CooperationDemand.objects.values_list("contact_email", flat=True))
    emails += list(CooperationOffer.objects.values_list("contact_email", flat=True))
    assert emails and all(email.endswith("@example.org") for email in emails)
    assert CooperationDemand.objects.count() == 2 and CooperationOffer.objects.count() == 2


def test_without_a_regional_site_or_the_two_countries_nothing_breaks(default_network):
    with across():
        assert demo.load_regional(None) == []
        assert demo.load(None) == []
    assert not CooperationAgreement.objects.exists()
