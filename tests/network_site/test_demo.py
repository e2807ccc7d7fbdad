"""The whole demo (``load_demo_data``): two networks on their own Sites plus the regional site, idempotent."""

import io

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import Page, Site

from commitments.models import Commitment, PledgeVersion
from meetings.models import Meeting
from members.models import Organization
from network_site.models import Network, StaffMembership
from network_site.networks import activate, regional_site
from supplychain.models import Assessment, Questionnaire

pytestmark = pytest.mark.django_db


def load_demo():
    out = io.StringIO()
    call_command("load_demo_data", "--quiet", stdout=out)
    return out.getvalue()


def counts():
    User = get_user_model()
    return (
        Network.objects.count(),
        Site.objects.count(),
        Page.objects.count(),
        User.objects.count(),
        Organization.objects.count(),
        Commitment.objects.count(),
        Assessment.objects.count(),
        Meeting.objects.count(),
    )


def text(client, path, host):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, (host, path, response.status_code)
    return response.content.decode()


def test_two_networks_and_the_regional_site(client):
    output = load_demo()
    networks = {network.slug: network for network in Network.objects.select_related("site")}
    assert set(networks) == {"costa-rica", "ecuador"}  # migration 0004's network became Costa Rica
    costa_rica, ecuador = networks["costa-rica"], networks["ecuador"]
    assert costa_rica.site.is_default_site and costa_rica.site.hostname == "costa-rica.localhost"
    assert ecuador.site.hostname == "ecuador.localhost" and not ecuador.site.is_default_site
    assert (costa_rica.country, costa_rica.time_zone) == ("CR", "America/Costa_Rica")
    assert (ecuador.country, ecuador.time_zone, ecuador.languages) == ("EC", "America/Guayaquil", "es,en")
    assert costa_rica.collection and ecuador.collection and costa_rica.collection != ecuador.collection
    assert {site.port for site in Site.objects.all()} == {80}  # BASE_URL's (http://testserver)
    assert regional_site() is not None

    for network, own, other in [(costa_rica, "nestle", "floricola-andina"), (ecuador, "floricola-andina", "nestle")]:
        with activate(network):
            slugs = set(Organization.objects.values_list("slug", flat=True))
            assert own in slugs and other not in slugs
            assert Organization.objects.active().count() >= 8
            assert PledgeVersion.objects.filter(number=1).exists()
            assert Questionnaire.objects.current() is not None
            assert Commitment.objects.exists() and Assessment.objects.exists()
            assert Meeting.objects.filter(is_public=True).exists()
    with activate(ecuador):
        assert Meeting.objects.count() == 2

    User = get_user_model()
    emails = list(User.objects.values_list("email", flat=True))
    assert all(email.endswith("@example.org") for email in emails)
    for email, network in [
        ("secretaria.costarica@example.org", costa_rica),
        ("secretaria.ecuador@example.org", ecuador),
    ]:
        user = User.objects.get(email=email)
        assert user.is_staff and not user.is_superuser
        assert [m.network for m in StaffMembership.objects.filter(user=user)] == [network]
        assert email in output
    assert "regional@example.org" in output and "secretaria@example.org" in output

    # Each Site serves its own home page, news, members and calendar.
    costa_rica_home = text(client, "/es/", "costa-rica.localhost")
    ecuador_home = text(client, "/es/", "ecuador.localhost")
    assert "Costa Rica" in costa_rica_home and "Ecuador Libre de Trabajo Infantil" not in costa_rica_home
    assert "Ecuador Libre de Trabajo Infantil" in ecuador_home
    assert text(client, "/es/", "testserver") == costa_rica_home  # the default Site
    ecuador_news = text(client, "/es/noticias/", "ecuador.localhost")
    assert "Cayambe" in ecuador_news and "Casa Presidencial" not in ecuador_news
    assert "Cayambe" not in text(client, "/es/noticias/", "costa-rica.localhost")
    ecuador_members = text(client, "/es/miembros/", "ecuador.localhost")
    assert "Florícola Andina" in ecuador_members and "Nestlé" not in ecuador_members
    costa_rica_members = text(client, "/es/miembros/", "costa-rica.localhost")
    assert "Nestlé" in costa_rica_members and "Florícola Andina" not in costa_rica_members
    assert "Guayaquil" in text(client, "/es/calendario/", "ecuador.localhost")
    assert text(client, "/es/observatorio/", "ecuador.localhost")
    assert text(client, "/en/", "ecuador.localhost")
    assert client.get("/", HTTP_HOST="regional.localhost", follow=True).status_code == 200

    before = counts()
    load_demo()
    assert counts() == before
