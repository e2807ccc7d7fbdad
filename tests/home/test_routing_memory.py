"""Site lookup and page routing remembered per cache generation (``network_site.routing``)."""

import pytest

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from network_site import routing

from .factories import ImageFactory, NewsPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def routing_queries(captured):
    """The queries of Wagtail's site lookup and tree walk."""
    return [q["sql"] for q in captured if '"wagtailcore_site"' in q["sql"] or 'FROM "wagtailcore_page"' in q["sql"]]


def test_later_requests_find_site_and_page_from_memory(client, news_index):
    news = NewsPageFactory(parent=news_index, title="Intercambio con Chile")
    client.get(news.url)  # creates the site's settings row, which moves the generation on
    with CaptureQueriesContext(connection) as first:
        assert client.get(news.url).status_code == 200
    with CaptureQueriesContext(connection) as second:
        response = client.get(news.url)
    assert response.status_code == 200
    assert "<h1>Intercambio con Chile</h1>" in response.content.decode()
    assert routing_queries(first.captured_queries)
    assert routing_queries(second.captured_queries) == []


def test_publishing_and_unpublishing_reach_remembered_routes(client, news_index):
    url = news_index.url + "nueva/"
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404  # remembered as "no page here"
    news = NewsPageFactory(parent=news_index, slug="nueva", title="Nueva reunión")
    assert client.get(url).status_code == 200
    news.title = "Reunión con el Ministerio"
    news.save_revision().publish()
    assert "Reunión con el Ministerio" in client.get(url).content.decode()
    news.unpublish()
    assert client.get(url).status_code == 404


def test_a_view_restriction_added_later_applies_at_once(client, news_index):
    news = NewsPageFactory(parent=news_index, title="Acta interna")
    assert client.get(news.url).status_code == 200
    PageViewRestriction.objects.create(page=news_index, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(news.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_every_request_gets_its_own_copy_of_the_page(news_index):
    news = NewsPageFactory(parent=news_index)
    request = RequestFactory().get(news.url, HTTP_HOST="localhost")
    first = routing.route(request, news_index.slug + "/" + news.slug + "/")
    second = routing.route(RequestFactory().get(news.url, HTTP_HOST="localhost"), f"noticias/{news.slug}/")
    assert first[0].pk == second[0].pk == news.pk
    first[0].title = "Cambiado por una petición"
    third = routing.route(RequestFactory().get(news.url, HTTP_HOST="localhost"), f"noticias/{news.slug}/")
    assert third[0] is not second[0]
    assert third[0].title == news.title


def test_unknown_addresses_are_remembered_only_up_to_a_bound(client, news_index, monkeypatch):
    monkeypatch.setattr(routing, "MAX_ENTRIES", 3)
    for number in range(10):
        assert client.get(f"{news_index.url}no-existe-{number}/").status_code == 404
    assert len(routing._memo["routes"]) <= 3


def test_hosts_outside_allowed_hosts_are_not_remembered(client, news_index):
    before = dict(routing._current()["sites"])
    assert client.get(news_index.url, HTTP_HOST="atacante.example.org").status_code == 400
    assert routing._current()["sites"] == before


def test_an_alias_of_a_restricted_page_keeps_the_restriction(client, home_page):
    private = StandardPageFactory(parent=home_page, slug="privada", title="Acta reservada")
    section = StandardPageFactory(parent=home_page, slug="publica")
    alias = private.create_alias(parent=section, update_slug="copia")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    for url in (private.url, alias.url, alias.url):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "Acta reservada" not in response.content.decode()


def test_the_object_remembered_is_never_the_one_served(news_index):
    news = NewsPageFactory(parent=news_index)
    path = f"noticias/{news.slug}/"
    first = routing.route(RequestFactory().get(news.url, HTTP_HOST="localhost"), path)  # fills the memory
    first[0].marker = "set by the first request"
    second = routing.route(RequestFactory().get(news.url, HTTP_HOST="localhost"), path)
    assert second[0].pk == news.pk and not hasattr(second[0], "marker")
    one = routing.find_site(RequestFactory().get("/", HTTP_HOST="localhost"))
    other = routing.find_site(RequestFactory().get("/", HTTP_HOST="localhost"))
    assert one.root_page is not other.root_page


def test_a_preview_never_fills_the_caches_public_pages_read(client, news_index, admin_user):
    news = NewsPageFactory(parent=news_index, lead_image=ImageFactory(description="Imagen publicada"))
    client.get(news.url)
    draft = news.get_latest_revision_as_object()
    draft.lead_image = ImageFactory(description="Imagen del borrador")
    draft.save_revision()
    preview = draft.make_preview_request()
    assert "Imagen del borrador" in preview.content.decode()
    public = client.get(news.url).content.decode()
    assert "Imagen publicada" in public
    assert "Imagen del borrador" not in public


def test_a_long_filter_value_never_stands_for_a_shorter_one(client, news_index):
    name = "a" * 100
    NewsPageFactory(parent=news_index, title="Noticia etiquetada", tags=[name])
    assert client.get(news_index.url, {"tag": name + "x"}).status_code == 200  # no such tag: no news
    assert "Noticia etiquetada" in client.get(news_index.url, {"tag": name}).content.decode()
