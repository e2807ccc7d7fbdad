import pytest

from home.models import HomePage, NewsPage

from .factories import (
    DocumentFactory,
    DocumentLibraryPageFactory,
    ImageFactory,
    NewsCategoryFactory,
    NewsPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


def test_home_page_fixture_is_the_default_sites_root(home_page):
    assert isinstance(home_page, HomePage)
    assert home_page.live
    assert home_page.get_site().root_page_id == home_page.pk


def test_news_page_factory_builds_a_live_news_item_with_image_tags_and_categories(news_index):
    category = NewsCategoryFactory(name="Eventos", slug="eventos")
    news = NewsPageFactory(parent=news_index, tags=["Chile", "SIMETI"], categories=[category])
    news = NewsPage.objects.get(pk=news.pk)
    assert news.live
    assert news.get_parent().pk == news_index.pk
    assert news.lead_image.description
    assert sorted(tag.name for tag in news.tags.all()) == ["Chile", "SIMETI"]
    assert list(news.categories.all()) == [category]


def test_other_factories(home_page):
    page = StandardPageFactory(parent=home_page)
    library = DocumentLibraryPageFactory(parent=home_page)
    image = ImageFactory()
    document = DocumentFactory(tags=["estudios"])
    assert page.get_parent().pk == home_page.pk and library.get_parent().pk == home_page.pk
    assert image.width == 320 and image.description.startswith("Descripción")
    assert [tag.name for tag in document.tags.all()] == ["estudios"]
    assert document.file.read() == b"Texto del documento"
