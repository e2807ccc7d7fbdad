"""The full-page cache: anonymous public pages only, dropped when what they show changes."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from members.models import Organization
from network_site import page_cache
from network_site.page_cache import AnonymousPageCacheMiddleware

pytestmark = pytest.mark.django_db


class CountingView:
    def __init__(self):
        self.calls = 0

    def __call__(self, request):
        self.calls += 1
        return HttpResponse(f"render {self.calls}")


@pytest.fixture
def view():
    return CountingView()


@pytest.fixture
def middleware(view, settings):
    settings.PAGE_CACHE_SECONDS = 60
    from django.core.cache import caches

    for each in caches.all():
        each.clear()
    return AnonymousPageCacheMiddleware(view)


rf = RequestFactory()


def test_anonymous_public_page_is_served_from_the_cache(middleware, view):
    first = middleware(rf.get("/es/noticias/"))
    second = middleware(rf.get("/es/noticias/"))
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == b"render 1"
    assert view.calls == 1


def test_query_string_and_language_are_part_of_the_key(middleware, view):
    middleware(rf.get("/es/noticias/"))
    assert middleware(rf.get("/es/noticias/?page=2")).content == b"render 2"
    assert middleware(rf.get("/en/noticias/")).content == b"render 3"


@pytest.mark.parametrize(
    "request_",
    [
        rf.get("/es/noticias/", HTTP_COOKIE="sessionid=abc"),
        rf.get("/es/noticias/", HTTP_COOKIE="messages=abc"),
        rf.get("/portal/"),
        rf.get("/admin/"),
        rf.post("/es/noticias/"),
    ],
    ids=["logged-in", "messages", "portal", "admin", "post"],
)
def test_requests_that_are_never_cached(middleware, view, request_):
    middleware(request_)
    response = middleware(request_)
    assert "X-Page-Cache" not in response
    assert view.calls == 2


def test_responses_that_set_a_cookie_are_not_cached(settings):
    settings.PAGE_CACHE_SECONDS = 60

    def view(request):
        response = HttpResponse("form")
        response.set_cookie("csrftoken", "x")
        return response

    middleware = AnonymousPageCacheMiddleware(view)
    middleware(rf.get("/es/unase/"))
    assert "X-Page-Cache" not in middleware(rf.get("/es/unase/"))


def test_saving_project_data_invalidates_every_cached_page(middleware, view):
    middleware(rf.get("/es/miembros/"))
    Organization.objects.create(name="Nueva Empresa", slug="nueva")
    response = middleware(rf.get("/es/miembros/"))
    assert response["X-Page-Cache"] == "miss"
    assert response.content == b"render 2"


def test_explicit_invalidation_for_bulk_writes(middleware, view):
    middleware(rf.get("/es/"))
    page_cache.invalidate()
    assert middleware(rf.get("/es/")).content == b"render 2"


@override_settings(PAGE_CACHE_SECONDS=0)
def test_cache_can_be_turned_off(view):
    middleware = AnonymousPageCacheMiddleware(view)
    middleware(rf.get("/es/"))
    assert "X-Page-Cache" not in middleware(rf.get("/es/"))
    assert view.calls == 2


def test_portal_only_records_keep_the_cache(middleware, view, organization):
    from members.models import Person

    middleware(rf.get("/es/miembros/"))
    Person.objects.create(organization=organization, name="Ana Pérez", email="ana@example.org")
    assert middleware(rf.get("/es/miembros/"))["X-Page-Cache"] == "hit"


def test_a_change_made_in_another_process_drops_this_process_pages(middleware, view, settings, tmp_path):
    """The web server's other workers, the task worker and commands share the generation."""
    settings.CACHE_GENERATION_FILE = str(tmp_path / "var" / "cache-generation")
    middleware(rf.get("/es/"))
    assert middleware(rf.get("/es/"))["X-Page-Cache"] == "hit"
    code = "import django; django.setup(); from network_site import page_cache; page_cache.invalidate()"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "network_site.settings.dev",
        "CACHE_GENERATION_FILE": settings.CACHE_GENERATION_FILE,
    }
    subprocess.run([sys.executable, "-c", code], env=environment, check=True, cwd=settings.BASE_DIR)
    response = middleware(rf.get("/es/"))
    assert response["X-Page-Cache"] == "miss"
    assert response.content == b"render 2"


def test_the_generation_is_read_once_per_request(settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 0
    settings.CACHE_GENERATION_FILE = str(tmp_path / "cache-generation")
    seen = []

    def view(request):
        seen.append(page_cache.generation())
        Path(settings.CACHE_GENERATION_FILE).touch()  # another process moves it on meanwhile
        seen.append(page_cache.generation())
        page_cache.invalidate()  # this request changes data: later reads are fresh
        seen.append(page_cache.generation())
        return HttpResponse("ok")

    AnonymousPageCacheMiddleware(view)(rf.get("/es/"))
    assert seen[0] == seen[1]
    assert seen[2] != seen[1]


def test_changes_in_a_transaction_move_the_generation_on_again_at_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        Organization.objects.create(name="Primera", slug="primera")
        Organization.objects.create(name="Segunda", slug="segunda")
    assert callbacks == [page_cache._flush_pending]  # once, however many changes


def test_check_reports_a_generation_file_that_cannot_be_written(settings, tmp_path):
    assert page_cache.check_generation_file() == []
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.CACHE_GENERATION_FILE = str(blocker / "cache-generation")
    errors = page_cache.check_generation_file()
    assert [error.id for error in errors] == ["network_site.E001"]
    assert "REDIS_URL" in errors[0].hint


def test_with_redis_the_generation_is_shared_through_redis(settings):
    """Several servers: REDIS_URL moves the generation to Redis (a real server on this machine)."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15").ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    from django.core.cache import caches

    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"tests-{os.getpid()}",
        },
    }
    settings.CACHE_GENERATION_FILE = ""
    try:
        before = page_cache.generation()
        page_cache.invalidate()
        after = page_cache.generation()
        assert after != before
        caches["default"].delete(page_cache.GENERATION_KEY)  # Redis restarted without its data
        assert page_cache.generation() not in (before, after)  # never an old generation again
        other_server = redis.Redis.from_url("redis://127.0.0.1:6379/15")
        assert [key for key in other_server.keys(f"tests-{os.getpid()}:*") if b"page-cache:generation" in key]
    finally:
        caches["default"].clear()


def test_a_process_that_does_not_own_the_generation_file_still_moves_it_on(settings, tmp_path, monkeypatch):
    """Only a file's owner may set a chosen time; a process that may only write it sets "now"."""
    settings.CACHE_GENERATION_FILE = str(tmp_path / "cache-generation")
    page_cache.generation()  # creates the file
    an_hour_ago = time.time_ns() - 3600 * 10**9  # so that "now" differs from it without waiting
    os.utime(settings.CACHE_GENERATION_FILE, ns=(an_hour_ago, an_hour_ago))
    before = page_cache.global_generation()
    assert before == str(an_hour_ago)
    real_utime = os.utime

    def utime_as_another_user(path, times=None, *, ns=None):
        if ns is not None:
            raise PermissionError(1, "Operation not permitted")
        return real_utime(path, times)

    monkeypatch.setattr(page_cache.os, "utime", utime_as_another_user)
    page_cache.invalidate()
    assert page_cache.global_generation() != before
