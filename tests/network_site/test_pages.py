"""network_site.pages.live_page: the live page of a type in a language, with its fallbacks."""

from django.utils import translation

from home.models import NewsIndexPage
from network_site.pages import live_page
from tests.home.conftest import english, home_page, news_index  # noqa: F401 - fixtures


def translate(page, locale, slug):
    parent = page.get_parent().specific
    if parent.get_translation_or_none(locale) is None:
        copy = parent.copy_for_translation(locale)
        copy.save_revision().publish()
    translated = page.copy_for_translation(locale)
    translated.slug = slug
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def test_the_page_in_the_active_language_else_the_default_one(news_index, english):  # noqa: F811
    with translation.override("en"):
        assert live_page(NewsIndexPage) == news_index  # no English one yet: the Spanish one
    news_en = translate(news_index, english, "news")
    with translation.override("en"):
        assert live_page(NewsIndexPage) == news_en
    with translation.override("es"):
        assert live_page(NewsIndexPage) == news_index
    assert live_page(NewsIndexPage, language="en") == news_en


def test_only_live_pages_and_none_when_there_is_none(news_index, english, django_assert_num_queries):  # noqa: F811
    news_en = translate(news_index, english, "news")
    news_index.unpublish()
    # Two queries after a change: the network's page tree (remembered for the generation) and the pages.
    with translation.override("es"), django_assert_num_queries(2):
        assert live_page(NewsIndexPage) == news_en  # the Spanish one is not live: the first live one
    with translation.override("es"), django_assert_num_queries(1):
        assert live_page(NewsIndexPage) == news_en
    news_en.unpublish()
    assert live_page(NewsIndexPage) is None
