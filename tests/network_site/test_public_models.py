"""The page cache moves on for the models that apps declare public (the public_models hook) only."""

import pytest

from wagtail import hooks

from members.models import Organization, Person
from network_site import page_cache
from network_site.hooks import PUBLIC_MODELS


@pytest.fixture
def generation_file(settings, tmp_path):
    settings.CACHE_GENERATION_FILE = str(tmp_path / "cache-generation")
    page_cache.public_models.cache_clear()
    yield
    page_cache.public_models.cache_clear()


def add_person(organization):
    number = Person.objects.count()
    Person.objects.create(organization=organization, name=f"Ana Mora {number}", email=f"ana{number}@example.org")


def moved(action):
    before = page_cache.generation()
    action()
    return page_cache.generation() != before


@pytest.mark.django_db
def test_a_public_model_moves_the_generation_and_a_portal_only_one_does_not(generation_file):
    assert "members.organization" in page_cache.public_models()
    assert "members.person" not in page_cache.public_models()
    organization = Organization(name="Empresa Pública S.A.", slug="empresa-publica")

    assert moved(organization.save)
    assert not moved(lambda: add_person(organization))
    assert moved(organization.delete)


@pytest.mark.django_db
def test_the_declaration_decides(generation_file):
    organization = Organization.objects.create(name="Empresa Pública S.A.", slug="empresa-publica")
    assert not moved(lambda: add_person(organization))
    with hooks.register_temporarily(PUBLIC_MODELS, lambda: [Person]):
        page_cache.public_models.cache_clear()
        assert moved(lambda: add_person(organization))
    page_cache.public_models.cache_clear()
    assert not moved(lambda: add_person(organization))


def test_pages_and_wagtail_models_count_without_a_declaration():
    from wagtail.models import PageLogEntry, Site

    from home.models import NewsPage

    assert page_cache.shows_on_public_pages(NewsPage)
    assert page_cache.shows_on_public_pages(Site)
    assert not page_cache.shows_on_public_pages(PageLogEntry)
