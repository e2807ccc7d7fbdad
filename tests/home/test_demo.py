"""The public site's demo content: complete, in Spanish and English, and idempotent."""

import io

import pytest

from django.core.management.base import OutputWrapper

from wagtail.models import Site

from home import demo
from home.models import DocumentLibraryPage, HomePage, NewsPage, SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


class FakeCommand:
    def __init__(self):
        self.buffer = io.StringIO()
        self.stdout = OutputWrapper(self.buffer)


def test_demo_loads_the_public_site_once(client):
    command = FakeCommand()
    assert demo.load(command) == []
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.locale.language_code == "es"
    assert (site.hostname, site.port) == ("testserver", 80)  # BASE_URL's (http://testserver in tests)
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

    again = FakeCommand()
    pages_before = NewsPage.objects.count()
    assert demo.load(again) == []
    assert "already loaded" in again.buffer.getvalue()
    assert NewsPage.objects.count() == pages_before

    # `make run PORT=8100` on an existing database: the Site follows BASE_URL again.
    from django.test import override_settings

    with override_settings(BASE_URL="http://127.0.0.1:8100"):
        demo.load(FakeCommand())
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("127.0.0.1", 8100)
    assert site.root_page.get_full_url().startswith("http://127.0.0.1:8100/")
