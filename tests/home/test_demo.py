"""The public site's demo content: complete, in Spanish and English, and idempotent."""

import io

import pytest

from django.core.management.base import OutputWrapper

from wagtail.models import Site

from home import demo
from home.models import DocumentLibraryPage, HomePage, NewsPage, SiteSettings, StandardPage
from network_site import demo_networks
from network_site.models import Network
from network_site.networks import activate

pytestmark = pytest.mark.django_db


class FakeCommand:
    def __init__(self):
        self.buffer = io.StringIO()
        self.stdout = OutputWrapper(self.buffer)


def load(network=None):
    """Run the demo as load_demo_data does: inside ``activate(network)`` (default: Costa Rica)."""
    command = FakeCommand()
    network = network or Network.objects.get(slug="costa-rica")
    with activate(network):
        return demo.load(command), command


def test_demo_loads_the_public_site_once(client):
    demo_networks.ensure(FakeCommand())
    assert load()[0] == []
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.locale.language_code == "es"
    # The network's own host name; BASE_URL's port (http://testserver in tests).
    assert (site.hostname, site.port) == ("costa-rica.localhost", 80)
    news = NewsPage.objects.live()
    assert news.count() >= 12
    assert all(item.lead_image and item.lead_image.description for item in news)
    assert all(item.tags.exists() and item.categories.exists() for item in news)
    assert news.filter(title__icontains="Casa Presidencial").exists()
    assert StandardPage.objects.filter(slug="quienes-somos", locale__language_code="es").exists()
    assert StandardPage.objects.filter(locale__language_code="en").count() == 5
    assert HomePage.objects.filter(locale__language_code="en", live=True).exists()
    library = DocumentLibraryPage.objects.get()
    assert library.get_documents().count() >= 3
    assert SiteSettings.for_site(site).footer_links

    assert client.get("/es/").status_code == 200
    english = client.get("/en/about-us/iniciativa-regional/")
    assert english.status_code == 200 and "The Regional Initiative" in english.content.decode()
    assert "Factores de aceleración" in client.get("/es/quienes-somos/iniciativa-regional/").content.decode()

    pages_before = NewsPage.objects.count()
    result, again = load()
    assert result == []
    assert "already loaded" in again.buffer.getvalue()
    assert NewsPage.objects.count() == pages_before

    # `make run PORT=8100` on an existing database: the Site takes BASE_URL's port, keeping its host name.
    from django.test import override_settings

    with override_settings(BASE_URL="http://127.0.0.1:8100"):
        load()
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("costa-rica.localhost", 8100)
    assert site.root_page.get_full_url().startswith("http://costa-rica.localhost:8100/")


def test_each_network_gets_its_own_tree_on_its_own_site(client):
    costa_rica, ecuador = demo_networks.ensure(FakeCommand())
    load(costa_rica)
    load(ecuador)
    ecuador.refresh_from_db()
    ecuador_home = ecuador.site.root_page.specific
    assert isinstance(ecuador_home, HomePage) and not ecuador_home.get_parent().get_parent()
    assert ecuador.site.hostname == "ecuador.localhost"
    ecuador_news = NewsPage.objects.descendant_of(ecuador_home)
    assert ecuador_news.count() == len(demo.ecuador.NEWS)
    assert not ecuador_news.filter(title__icontains="Casa Presidencial").exists()
    assert StandardPage.objects.descendant_of(ecuador_home).filter(slug="quienes-somos").exists()
    assert SiteSettings.for_site(ecuador.site).tagline == "Ecuador"

    page = client.get("/es/", HTTP_HOST="ecuador.localhost").content.decode()
    assert "Ecuador Libre de Trabajo Infantil" in page
    news = client.get("/es/noticias/", HTTP_HOST="ecuador.localhost").content.decode()
    assert "Cayambe" in news and "Casa Presidencial" not in news
    costa_rica_news = client.get("/es/noticias/", HTTP_HOST="costa-rica.localhost").content.decode()
    assert "Casa Presidencial" in costa_rica_news and "Cayambe" not in costa_rica_news
    english = client.get("/en/about-us/la-red/", HTTP_HOST="ecuador.localhost")
    assert english.status_code == 200 and "Ecuador" in english.content.decode()

    before = NewsPage.objects.count()
    assert "already loaded" in load(ecuador)[1].buffer.getvalue()
    assert NewsPage.objects.count() == before
