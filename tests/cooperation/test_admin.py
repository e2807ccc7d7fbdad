"""The board in the admin: each network's staff see and edit only their own demands and offers and
the agreements their network is a party to; only regional staff match; follow-up per activity."""

import datetime

import pytest

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cooperation.choices import ActivityStatus, BoardState
from cooperation.models import ActivityUpdate, CooperationAgreement, CooperationDemand, CooperationOffer
from network_site.networks import ADMIN_NETWORK_SESSION_KEY, activate
from tests.cooperation.factories import ActivityFactory, AgreementFactory, DemandFactory, OfferFactory
from tests.helpers import assert_not_found, speak
from tests.network_site.factories import NetworkFactory

pytestmark = pytest.mark.django_db


def login(client, user, *, every_network=False):
    """Log in (in Spanish); ``every_network``: "all networks" in the admin's network switcher."""
    client.force_login(user)
    speak(client, "es")
    if every_network:
        session = client.session
        session[ADMIN_NETWORK_SESSION_KEY] = "all"
        session.save()
    return client


def refused(response):
    """Wagtail answers a refused admin view with a 403 or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_home"))
    )


# --- Demands and offers ------------------------------------------------------------------------------


def test_network_staff_see_their_own_demands_only(client, staff_a, other_network):
    own = DemandFactory(title="Demanda de Costa Rica")
    with activate(other_network):
        theirs = DemandFactory(title="Demanda de Ecuador")
    login(client, staff_a)
    content = client.get(reverse("cooperation_demand:index")).content.decode()
    assert "Demanda de Costa Rica" in content and "Demanda de Ecuador" not in content
    assert client.get(reverse("cooperation_demand:edit", args=[own.pk])).status_code == 200
    for name in ("edit", "inspect", "delete", "history"):
        assert_not_found(client.get(reverse(f"cooperation_demand:{name}", args=[theirs.pk])), name)
    response = client.post(reverse("cooperation_demand:edit", args=[theirs.pk]), {"title": "Cambiado"})
    assert_not_found(response)
    theirs.refresh_from_db()
    assert theirs.title == "Demanda de Ecuador"


def test_network_staff_post_a_demand_for_their_network(client, staff_b, other_network):
    login(client, staff_b)
    response = client.post(
        reverse("cooperation_demand:add"),
        {
            "title": "Necesitamos asistencia técnica sobre sistemas de seguimiento",
            "topic": "monitoring",
            "description": "Para el registro de casos referidos.",
            "contact_name": "Diego Andrade Torres",
            "contact_email": "diego.andrade@example.org",
            "is_public": "on",
            "state": "open",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    demand = CooperationDemand.objects.get()
    assert demand.network == other_network


def test_closing_an_offer_in_its_form_goes_through_the_lifecycle(client, staff_a):
    offer = OfferFactory(title="Experiencia en cadenas de valor")
    login(client, staff_a)
    data = {"title": offer.title, "topic": offer.topic, "description": "", "state": "closed"}
    response = client.post(reverse("cooperation_offer:edit", args=[offer.pk]), data)
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.state == BoardState.CLOSED
    entry = offer.history().get()
    assert (entry.data["from"], entry.data["to"], entry.user) == ("open", "closed", staff_a)


def test_a_network_cannot_mark_its_own_post_matched(client, staff_a):
    offer = OfferFactory(title="Experiencia en cadenas de valor")
    login(client, staff_a)
    data = {"title": offer.title, "topic": offer.topic, "description": "", "state": "matched"}
    response = client.post(reverse("cooperation_offer:edit", args=[offer.pk]), data)
    assert response.status_code == 200 and "no puede hacer este cambio" in response.content.decode()
    offer.refresh_from_db()
    assert offer.state == BoardState.OPEN and not offer.history().exists()


def test_contacts_are_shown_to_the_secretariat(client, staff_a):
    demand = DemandFactory(contact_email="lucia.fernandez@example.org")
    login(client, staff_a)
    content = client.get(reverse("cooperation_demand:inspect", args=[demand.pk])).content.decode()
    assert "lucia.fernandez@example.org" in content


def test_regional_staff_see_every_network(client, regional_user, other_network):
    DemandFactory(title="Demanda de Costa Rica")
    with activate(other_network):
        OfferFactory(title="Oferta de Ecuador")
    login(client, regional_user, every_network=True)
    assert "Demanda de Costa Rica" in client.get(reverse("cooperation_demand:index")).content.decode()
    content = client.get(reverse("cooperation_offer:index")).content.decode()
    assert "Oferta de Ecuador" in content
    assert reverse("cooperation_admin:match") in content


# --- Agreements ------------------------------------------------------------------------------------


def test_network_staff_see_the_agreements_their_network_is_party_to(client, staff_a, agreement_ab, other_network):
    panama = NetworkFactory(slug="panama", short_name="Panamá", country="PA")
    others = AgreementFactory(title="Acuerdo Ecuador – Panamá", networks=[other_network, panama])
    ActivityFactory(agreement=others, title="Actividad ajena")
    login(client, staff_a)
    content = client.get(reverse("cooperation_agreement:index")).content.decode()
    assert "Acuerdo Costa Rica – Ecuador" in content and "Acuerdo Ecuador – Panamá" not in content
    content = client.get(reverse("cooperation_agreement:inspect", args=[agreement_ab.pk])).content.decode()
    assert "Videoconferencia" in content and "Visita técnica" in content
    assert_not_found(client.get(reverse("cooperation_agreement:inspect", args=[others.pk])))
    assert refused(client.get(reverse("cooperation_agreement:edit", args=[others.pk])))  # not theirs to edit
    activity = others.activities.get()
    assert_not_found(client.get(reverse("cooperation_admin:follow_up", args=[activity.pk])))
    assert refused(client.get(reverse("cooperation_activity:edit", args=[activity.pk])))
    content = client.get(reverse("cooperation_activity:index")).content.decode()
    assert "Videoconferencia" in content and "Actividad ajena" not in content


def test_network_staff_do_not_change_agreements(client, staff_a, agreement_ab):
    login(client, staff_a)
    assert refused(client.get(reverse("cooperation_agreement:edit", args=[agreement_ab.pk])))
    response = client.post(reverse("cooperation_agreement:edit", args=[agreement_ab.pk]), {"title": "Otro"})
    assert refused(response)
    agreement_ab.refresh_from_db()
    assert agreement_ab.title == "Acuerdo Costa Rica – Ecuador"
    assert refused(client.get(reverse("cooperation_activity:add")))


def test_an_agreement_edited_down_to_one_network_is_refused(client, regional_user, agreement_ab, default_network):
    login(client, regional_user, every_network=True)
    response = client.post(
        reverse("cooperation_agreement:edit", args=[agreement_ab.pk]),
        {"title": "Acuerdo", "description": "", "networks": [default_network.pk]},
    )
    assert response.status_code == 200
    assert "dos o más redes" in response.content.decode()
    assert agreement_ab.networks.count() == 2


# --- Matching --------------------------------------------------------------------------------------


def match_data(demand, *offers, **extra):
    return {"demand": demand.pk, "offers": [offer.pk for offer in offers], "title": "", "description": "", **extra}


def test_regional_staff_match_after_a_confirmation_page(
    client, regional_user, demand_a, offer_b, default_network, other_network, django_capture_on_commit_callbacks
):
    login(client, regional_user)
    assert client.get(reverse("cooperation_admin:match")).status_code == 200
    assert client.get(reverse("cooperation_admin:match_demand", args=[demand_a.pk])).status_code == 200
    response = client.post(reverse("cooperation_admin:match"), match_data(demand_a, offer_b, is_public="on"))
    content = response.content.decode()
    assert response.status_code == 200 and 'name="confirmed"' in content
    assert str(default_network) in content and str(other_network) in content
    assert CooperationAgreement.objects.count() == 0  # nothing yet
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("cooperation_admin:match"), match_data(demand_a, offer_b, is_public="on", confirmed="1")
        )
    agreement = CooperationAgreement.objects.get()
    assert response.status_code == 302 and response["Location"] == agreement.get_admin_url()
    assert agreement.is_public and set(agreement.networks.all()) == {default_network, other_network}
    assert len(mail.outbox) == 2
    demand_a.refresh_from_db()
    assert demand_a.state == BoardState.MATCHED


@pytest.mark.parametrize("user_fixture", ["staff_a", "staff_b"])
def test_only_regional_staff_match(client, request, user_fixture, demand_a, offer_b):
    login(client, request.getfixturevalue(user_fixture))
    for url in (
        reverse("cooperation_admin:match"),
        reverse("cooperation_admin:match_demand", args=[demand_a.pk]),
        reverse("cooperation_admin:match_offer", args=[offer_b.pk]),
    ):
        assert refused(client.get(url)), url
    response = client.post(reverse("cooperation_admin:match"), match_data(demand_a, offer_b, confirmed="1"))
    assert refused(response)
    assert CooperationAgreement.objects.count() == 0
    assert CooperationDemand.objects.get().state == BoardState.OPEN


def test_bad_input_writes_nothing(client, regional_user, demand_a, offer_b):
    own_offer = OfferFactory(title="Oferta de la misma red")
    login(client, regional_user)
    cases = [
        match_data(demand_a, own_offer, confirmed="1"),  # one network only
        match_data(demand_a, confirmed="1"),  # no offer
        {"demand": "9999", "offers": [offer_b.pk], "confirmed": "1"},  # no such demand
        match_data(demand_a, offer_b, confirmed="1", start_date="2026-05-01", end_date="2026-04-01"),
        match_data(demand_a, offer_b, confirmed="1", start_date="not a date"),
    ]
    for data in cases:
        response = client.post(reverse("cooperation_admin:match"), data)
        assert response.status_code == 200, data
        assert CooperationAgreement.objects.count() == 0, data
    response = client.post(reverse("cooperation_admin:match"), cases[0])
    assert "dos o más redes" in response.content.decode()
    assert set(CooperationDemand.objects.values_list("state", flat=True)) == {BoardState.OPEN}
    assert set(CooperationOffer.objects.values_list("state", flat=True)) == {BoardState.OPEN}
    assert len(mail.outbox) == 0


def test_another_networks_post_cannot_be_preset_by_its_id(client, staff_a, offer_b):
    login(client, staff_a)
    assert refused(client.get(reverse("cooperation_admin:match_offer", args=[offer_b.pk])))


# --- Follow-up -------------------------------------------------------------------------------------


def test_network_staff_add_notes_to_their_networks_activities(client, staff_a, agreement_ab, default_network):
    own = agreement_ab.activities.get(title="Videoconferencia")
    theirs = agreement_ab.activities.get(title="Visita técnica")
    login(client, staff_a)
    url = reverse("cooperation_admin:follow_up", args=[own.pk])
    assert 'name="comment"' in client.get(url).content.decode()
    response = client.post(url, {"status": "in_progress", "comment": "Fecha acordada con Ecuador"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == ActivityStatus.IN_PROGRESS
    update = ActivityUpdate.objects.get()
    assert (update.network, update.author, update.comment) == (default_network, staff_a, "Fecha acordada con Ecuador")
    # Ecuador's activity: readable, no note from Costa Rica.
    url = reverse("cooperation_admin:follow_up", args=[theirs.pk])
    assert 'name="comment"' not in client.get(url).content.decode()
    assert refused(client.post(url, {"status": "done", "comment": "Hecho"}))
    theirs.refresh_from_db()
    assert theirs.status == ActivityStatus.PENDING and ActivityUpdate.objects.count() == 1


def test_a_bad_follow_up_writes_nothing(client, regional_user, agreement_ab):
    activity = agreement_ab.activities.first()
    login(client, regional_user, every_network=True)
    url = reverse("cooperation_admin:follow_up", args=[activity.pk])
    for data in ({"status": "dropped", "comment": ""}, {"status": "nonsense", "comment": "x"}):
        assert client.post(url, data).status_code == 200
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PENDING and not ActivityUpdate.objects.exists()


def test_regional_staff_add_activities(client, regional_user, agreement_ab, other_network):
    login(client, regional_user, every_network=True)
    url = reverse("cooperation_activity:add") + f"?agreement={agreement_ab.pk}"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "agreement": agreement_ab.pk,
            "title": "Informe con recomendaciones",
            "description": "",
            "responsible_name": "Andrés Paredes Villacís",
            "responsible_network": other_network.pk,
            "due_date": "2026-09-30",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert agreement_ab.activities.filter(title="Informe con recomendaciones").exists()


# --- Dashboard -------------------------------------------------------------------------------------


def test_the_dashboard_shows_open_posts_and_agreements_with_overdue_activities(
    client, regional_user, agreement_ab, demand_a, offer_b
):
    activity = agreement_ab.activities.first()
    activity.due_date = timezone.localdate() - datetime.timedelta(days=2)
    activity.save()
    login(client, regional_user, every_network=True)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 demanda abierta" in content and "1 oferta abierta" in content
    assert "1 acuerdo con actividades vencidas" in content and "Acuerdo Costa Rica – Ecuador" in content


def test_the_dashboard_counts_only_the_staffs_network(client, staff_b, demand_a, offer_b):
    login(client, staff_b)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "0 demandas abiertas" in content and "1 oferta abierta" in content
    assert demand_a.title not in content


def test_the_confirmation_page_posts_back_what_was_chosen(client, regional_user, demand_a, offer_b):
    """The confirmation page's hidden fields, posted as they are, make the agreement asked for."""
    import html as html_module
    import re

    login(client, regional_user)
    data = match_data(
        demand_a,
        offer_b,
        title="Asistencia técnica CR–EC",
        is_public="on",
        start_date="2026-07-01",
        end_date="2026-12-15",
    )
    content = client.post(reverse("cooperation_admin:match"), data).content.decode()
    form = content[content.index('data-action="confirm-match"') - 4000 : content.index('data-action="confirm-match"')]
    posted = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form):
        posted.setdefault(name, []).append(html_module.unescape(value))
    assert posted["confirmed"] == ["1"]
    response = client.post(reverse("cooperation_admin:match"), posted)
    assert response.status_code == 302
    agreement = CooperationAgreement.objects.get()
    assert agreement.title == "Asistencia técnica CR–EC" and agreement.is_public
    assert (str(agreement.start_date), str(agreement.end_date)) == ("2026-07-01", "2026-12-15")
    assert list(agreement.offers.all()) == [offer_b]


def test_regional_staff_choose_a_network_before_posting(client, regional_user):
    login(client, regional_user, every_network=True)
    response = client.post(
        reverse("cooperation_demand:add"), {"title": "Demanda sin red", "topic": "education", "state": "open"}
    )
    assert response.status_code == 200
    assert "selector de redes" in response.content.decode()
    assert not CooperationDemand.objects.exists()
