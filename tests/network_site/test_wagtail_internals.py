"""What routing from memory relies on in Wagtail (``network_site.wagtail_internals``).

Each test pins one behaviour of Wagtail (or Django) that is not documented: an upgrade that
changes it fails here, instead of serving a page from memory without its view restrictions.
"""

import pytest

from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import DisallowedHost
from django.http import Http404
from django.test import RequestFactory

from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site

from network_site import routing, wagtail_internals
from tests.home.conftest import home_page, news_index  # noqa: F401 - fixtures
from tests.home.factories import NewsPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def get(path, host="localhost"):
    return RequestFactory().get(path, HTTP_HOST=host)


# --- The site -------------------------------------------------------------------------------


def test_site_find_for_request_answers_the_site_the_request_carries(home_page):  # noqa: F811
    request = get("/es/")
    other = Site(hostname="otra.example.org", root_page=home_page)
    wagtail_internals.give_site(request, other)
    assert Site.find_for_request(request) is other


def test_the_uncached_lookup_is_wagtails_and_keeps_nothing(home_page):  # noqa: F811
    request = get("/es/")
    site = wagtail_internals.find_site_uncached(request)
    assert site == Site.objects.get(is_default_site=True) and site.root_page_id == home_page.pk
    fresh = get("/es/")
    assert Site.find_for_request(fresh) == site  # what Wagtail itself answers
    assert not hasattr(request, "_wagtail_site")  # and the uncached lookup kept nothing


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "no-permitido.example.org"])
def test_raw_host_is_the_host_as_sent_before_allowed_hosts(host, settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    request = get("/", host=host)
    assert wagtail_internals.raw_host(request) == host
    if host.startswith("no-permitido"):
        with pytest.raises(DisallowedHost):
            request.get_host()


def test_the_middleware_hands_the_remembered_site_to_wagtail(home_page):  # noqa: F811
    request = get("/es/")
    routing.SiteMiddleware(lambda r: None)(request)
    site = Site.find_for_request(request)
    assert site.pk == Site.objects.get(is_default_site=True).pk


# --- The route ------------------------------------------------------------------------------


def test_route_for_request_answers_the_route_the_request_carries(news_index):  # noqa: F811
    news = NewsPageFactory(parent=news_index, title="Noticia guardada")
    request = get("/es/otra-direccion/")
    assert not wagtail_internals.has_route(request)
    wagtail_internals.give_route(request, (news, [], {}))
    assert wagtail_internals.has_route(request)
    assert Page.route_for_request(request, "/otra-direccion/") == (news, [], {})
    assert Page.find_for_request(request, "/otra-direccion/") == news


def test_wagtails_serve_view_serves_the_route_the_request_carries(news_index):  # noqa: F811
    news = NewsPageFactory(parent=news_index, title="Servida desde la memoria")
    request = get("/es/no-existe/")
    request.user = AnonymousUser()
    wagtail_internals.give_site(request, Site.objects.get(is_default_site=True))
    wagtail_internals.give_route(request, (news.specific, [], {}))
    response = wagtail_views.serve(request, "no-existe/")
    response.render()
    assert response.status_code == 200
    assert "Servida desde la memoria" in response.content.decode()
    wagtail_internals.give_route(request, None)
    with pytest.raises(Http404):  # no route: Wagtail's 404
        wagtail_views.serve(request, "no-existe/")


# --- View restrictions ----------------------------------------------------------------------


def test_wagtail_asks_the_served_page_for_its_view_restrictions(client, news_index, monkeypatch):  # noqa: F811
    """``RememberedPageMixin`` answers ``get_view_restrictions``: Wagtail must still ask it."""
    news = NewsPageFactory(parent=news_index)
    assert "check_view_restrictions" in [fn.__name__ for fn in hooks.get_hooks("on_serve_page")]
    asked = []
    original = type(news).get_view_restrictions

    def spy(page):
        asked.append(page.pk)
        return original(page)

    monkeypatch.setattr(type(news), "get_view_restrictions", spy)
    assert client.get(news.url).status_code == 200
    assert asked == [news.pk]


@pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD, PageViewRestriction.GROUPS])
def test_pages_served_from_memory_keep_their_view_restrictions(client, home_page, kind):  # noqa: F811
    section = StandardPageFactory(parent=home_page, slug="interna", title="Sección interna")
    page = StandardPageFactory(parent=section, slug="acta", title="Acta interna")
    for _ in range(2):  # the second request finds site and page from memory
        assert "Acta interna" in client.get(page.url).content.decode()
    restriction = PageViewRestriction.objects.create(page=section, restriction_type=kind, password="clave-secreta")
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name="Secretaría interna"))
    for _ in range(2):  # remembered again, restricted every time
        response = client.get(page.url)
        assert "Acta interna" not in response.content.decode()
        if kind == PageViewRestriction.PASSWORD:
            assert response.status_code == 200 and 'name="password"' in response.content.decode()
        else:
            assert response.status_code == 302 and "login" in response["Location"]
