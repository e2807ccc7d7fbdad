import pytest

from django.core.cache import cache

from wagtail.models import Locale, Page, Site

from .factories import HomePageFactory, NewsIndexPageFactory


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    """Uploaded files go to a temporary folder; the renditions cache starts empty."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def english(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def home_page(db):
    """The default site's root page, replacing Wagtail's welcome page."""
    home = HomePageFactory(slug="inicio")
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.hostname = "localhost"
    site.save()
    if old_root.specific_class is Page:
        old_root.delete()
    return home


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page, slug="noticias", title="Noticias")
