"""The regional home page, where regional pages may be created, the national sites, and the demo."""

import io

import pytest

from django.core.management.base import OutputWrapper
from django.urls import reverse

from wagtail.models import Page, Site

from network_site.networks import across, activate, regional_site
from regional import demo
from regional.models import RegionalHomePage, RegionalObservatoryPage
from tests.commitments.factories import ApprovedCommitmentFactory
from tests.home.factories import HomePageFactory
from tests.members.factories import OrganizationFactory

from .conftest import HOST, get

pytestmark = pytest.mark.django_db


@pytest.fixture
def networks(default_network, other_network):
    """Costa Rica (default network, at testserver) with 4 members and 3 public commitments; Ecuador
    (ecuador.localhost) with 2 members and 1 public commitment."""
    default_network.short_name, default_network.name = "Costa Rica", "Red de Empresas de Costa Rica"
    default_network.save()
    for organization in [OrganizationFactory(name=f"Empresa Tica {n}") for n in range(4)][:3]:
        ApprovedCommitmentFactory(organization=organization, title=f"Compromiso de {organization.name}")
    with activate(other_network):
        ecuador = [OrganizationFactory(name=f"Empresa Ecuatoriana {n}") for n in range(2)]
        ApprovedCommitmentFactory(organization=ecuador[0], title="Compromiso ecuatoriano")
    return default_network, other_network


def national_home(network, hostname):
    """A national home page as the network's Site root (replacing the factory's plain page)."""
    home = HomePageFactory(title=f"Inicio {network.short_name}", hero_title=network.name)
    site = network.site
    site.root_page, site.hostname = home, hostname
    site.save()
    return home


def figures(html):
    return [part.split("<", 1)[0] for part in html.split('class="key-figure__value">')[1:]]


# --- The regional home page ----------------------------------------------------------------


def test_the_regional_home_lists_the_networks_with_their_sites_and_the_key_figures(
    client, regional_observatory, networks
):
    response = get(client, "/es/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Red de Empresas de Costa Rica" in html and "Red de Empresas de Ecuador" in html
    assert 'href="http://testserver/es/"' in html  # the default Site's network: BASE_URL
    assert 'href="http://ecuador.localhost/es/"' in html
    assert figures(html)[:5] == ["2", "6", "4", "4", "0"]  # networks, members, commitments, committed, reports
    assert "La iniciativa en cifras" in html
    assert "Observatorio regional" in html and "/es/observatorio/" in html  # its sections
    assert "Iniciativa Regional de prueba" in html  # the regional Site's name in the header


def test_the_regional_home_speaks_english(client, regional_observatory, networks):
    html = get(client, "/en/").content.decode()
    assert "The initiative in figures" in html and "The networks" in html


def test_on_a_national_site_a_regional_home_shows_only_that_network(client, regional_home, networks):
    """Should a network's Site take the regional home page as its root, the request is that network's:
    only its own figures and itself are shown."""
    _costa_rica, ecuador = networks
    site = ecuador.site
    site.root_page = regional_home
    site.save()
    html = get(client, "/es/", host="ecuador.localhost").content.decode()
    assert "Red de Empresas de Ecuador" in html
    assert "Costa Rica" not in html
    assert figures(html)[:3] == ["1", "2", "1"]


# --- National sites ------------------------------------------------------------------------


def test_the_national_sites_do_not_show_the_other_networks_data(client, regional_home, networks):
    costa_rica, ecuador = networks
    national_home(costa_rica, "costa-rica.localhost")
    national_home(ecuador, "ecuador.localhost")
    cr = get(client, "/es/", host="costa-rica.localhost")
    ec = get(client, "/es/", host="ecuador.localhost")
    assert cr.status_code == ec.status_code == 200
    cr_figures, ec_figures = figures(cr.content.decode()), figures(ec.content.decode())
    assert "4" in cr_figures and "3" in cr_figures  # members, public commitments
    assert "4" not in ec_figures and "3" not in ec_figures and "6" not in ec_figures
    assert "2" in ec_figures and "1" in ec_figures
    assert "Red de Empresas de Ecuador" not in cr.content.decode()
    assert "Red de Empresas de Costa Rica" not in ec.content.decode()
    # And the regional site still reads both.
    assert "6" in figures(get(client, "/es/").content.decode())


# --- Where regional pages may be created ---------------------------------------------------


def test_the_regional_pages_cannot_be_created_under_a_national_site(staff_client, networks):
    costa_rica, ecuador = networks
    national = national_home(ecuador, "ecuador.localhost")
    root = Page.get_first_root_node()
    assert RegionalHomePage.can_create_at(root)
    assert not RegionalHomePage.can_create_at(national)
    assert not RegionalHomePage.can_create_at(costa_rica.site.root_page.specific)
    assert not RegionalObservatoryPage.can_create_at(national)
    assert not RegionalObservatoryPage.can_create_at(root)
    assert RegionalHomePage not in national.specific_class.creatable_subpage_models()
    for model in ("regionalhomepage", "regionalobservatorypage"):
        url = reverse("wagtailadmin_pages:add", args=["regional", model, national.pk])
        response = staff_client.get(url)  # Wagtail refuses: back to the dashboard with a message
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")


def test_the_observatory_may_be_created_under_the_regional_home(staff_client, regional_home):
    assert RegionalObservatoryPage.can_create_at(regional_home)
    assert not RegionalHomePage.can_create_at(regional_home)
    url = reverse("wagtailadmin_pages:add", args=["regional", "regionalobservatorypage", regional_home.pk])
    assert staff_client.get(url).status_code == 200


# --- Demo ----------------------------------------------------------------------------------


class Command:
    def __init__(self):
        self.stdout = OutputWrapper(io.StringIO())


def test_the_demo_creates_the_regional_site_once(settings, default_network):
    settings.BASE_URL = "http://127.0.0.1:8123"
    with across():
        demo.load_regional(Command())
        demo.load_regional(Command())
    site = regional_site()
    assert (site.hostname, site.port) == ("regional.localhost", 8123)
    assert site.site_name == demo.SITE_NAME
    home = site.root_page.specific
    assert isinstance(home, RegionalHomePage) and home.live and home.get_parent().is_root()
    assert RegionalHomePage.objects.count() == 2  # Spanish and English
    assert RegionalObservatoryPage.objects.child_of(home).live().count() == 1
    assert RegionalObservatoryPage.objects.filter(locale__language_code="en").count() == 1
    assert Site.objects.filter(hostname="regional.localhost").count() == 1


def test_the_demo_takes_over_a_regional_site_another_part_created(default_network):
    plain = Page.get_first_root_node().add_child(instance=Page(title="Regional", slug="regional-provisional"))
    other = plain.add_child(instance=Page(title="Buenas prácticas", slug="buenas-practicas"))
    site = Site.objects.create(hostname="regional.localhost", port=80, root_page=plain, site_name="")
    with across():
        demo.load_regional(Command())
    site.refresh_from_db()
    home = site.root_page.specific
    assert isinstance(home, RegionalHomePage)
    assert regional_site().pk == site.pk and Site.objects.filter(network__isnull=True).count() == 1
    other.refresh_from_db()
    assert other.get_parent().pk == home.pk  # what was under the plain page moved under the home page
    assert not Page.objects.filter(pk=plain.pk).exists()
    assert site.site_name == demo.SITE_NAME


def test_the_demo_site_serves(client, default_network):
    with across():
        demo.load_regional(Command())
    site = regional_site()
    response = client.get("/es/observatorio/", HTTP_HOST=site.hostname, SERVER_PORT=str(site.port))
    assert response.status_code == 200
    assert demo.SITE_NAME in response.content.decode()
    assert site.hostname == HOST


def test_an_untranslated_page_is_served_from_the_spanish_tree(client, regional_observatory):
    from wagtail.models import Locale

    from network_site.demo_pages import translate_page

    translate_page(regional_observatory.get_parent().specific, Locale.objects.get_or_create(language_code="en")[0])
    response = get(client, "/en/observatorio/")
    assert response.status_code == 200
    assert "Comparable indicators by network" in response.content.decode()
    assert get(client, "/en/no-existe/").status_code == 404
