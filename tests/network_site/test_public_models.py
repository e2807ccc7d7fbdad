"""The page cache moves on for the models that apps declare public (AppConfig.public_models) only."""

import pytest

from django.apps import apps

from members.models import Organization, Person
from network_site import page_cache


@pytest.fixture
def generation_file(settings, tmp_path):
    settings.CACHE_GENERATION_FILE = str(tmp_path / "cache-generation")
    page_cache.public_models.cache_clear()
    yield
    page_cache.public_models.cache_clear()


def add_person(organization):
    Person.objects.create(organization=organization, name="Ana Mora", email="ana@example.org")


def moved(action):
    before = page_cache.generation()
    action()
    return page_cache.generation() != before


@pytest.mark.django_db
def test_a_public_model_moves_the_generation_and_a_portal_only_one_does_not(generation_file):
    assert "Organization" in apps.get_app_config("members").public_models
    assert "Person" not in apps.get_app_config("members").public_models
    organization = Organization(name="Empresa Pública S.A.", slug="empresa-publica")

    assert moved(organization.save)
    assert not moved(lambda: add_person(organization))
    assert moved(organization.delete)


@pytest.mark.django_db
def test_the_declaration_decides(generation_file, monkeypatch):
    organization = Organization.objects.create(name="Empresa Pública S.A.", slug="empresa-publica")
    monkeypatch.setattr(apps.get_app_config("members"), "public_models", ("Person",))
    page_cache.public_models.cache_clear()

    assert moved(lambda: add_person(organization))
    assert not moved(lambda: Organization.objects.filter(pk=organization.pk).get().save())


def test_pages_and_wagtail_models_count_without_a_declaration():
    from wagtail.models import PageLogEntry, Site

    from home.models import NewsPage

    assert page_cache.shows_on_public_pages(NewsPage)
    assert page_cache.shows_on_public_pages(Site)
    assert not page_cache.shows_on_public_pages(PageLogEntry)


def test_a_declared_name_that_is_no_model_fails(monkeypatch):
    monkeypatch.setattr(apps.get_app_config("meetings"), "public_models", ("NoSuchModel",))
    page_cache.public_models.cache_clear()
    try:
        with pytest.raises(LookupError):
            page_cache.public_models()
    finally:
        monkeypatch.undo()
        page_cache.public_models.cache_clear()
