"""Private files and documents sent by nginx (X-Accel-Redirect) once the view has checked access;
Django streams them itself when the setting is off (network_site/accel.py)."""

from pathlib import Path

import pytest

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import Http404

from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.models.view_restrictions import BaseViewRestriction
from wagtail.utils import sendfile as wagtail_sendfile

from network_site.storage import private_storage
from network_site.uploads import private_file_response
from tests.network_site.factories import StaffUserFactory

PDF = b"%PDF-1.4\n% a test file\n"


@pytest.fixture
def accel(settings):
    """The production setting X_ACCEL_REDIRECT=true (and Wagtail's backend chosen afresh)."""
    settings.PRIVATE_FILES_ACCEL_PREFIX = "/_private/"
    settings.SENDFILE_BACKEND = "network_site.accel"
    wagtail_sendfile._get_sendfile.clear()
    yield settings
    wagtail_sendfile._get_sendfile.clear()


def private_file(name, content=PDF):
    storage = private_storage()
    saved = storage.save(name, ContentFile(content))
    return FieldFile(None, models.FileField(storage=storage), saved)


def test_the_setting_follows_the_environment(monkeypatch):
    import importlib

    from network_site.settings import base

    monkeypatch.setenv("X_ACCEL_REDIRECT", "true")
    assert importlib.reload(base).PRIVATE_FILES_ACCEL_PREFIX == "/_private/"
    assert base.SENDFILE_BACKEND == "network_site.accel"
    monkeypatch.setenv("X_ACCEL_REDIRECT", "false")
    assert importlib.reload(base).PRIVATE_FILES_ACCEL_PREFIX == ""


def test_a_private_file_is_named_to_nginx_not_streamed(accel):
    field_file = private_file("evidence/informe final ñ.pdf")
    response = private_file_response(field_file, filename="Informe final ñ.pdf")
    assert response.status_code == 200
    assert response.content == b""
    relative = field_file.name.replace(" ", "%20").replace("ñ", "%C3%B1")
    assert response["X-Accel-Redirect"] == f"/_private/{relative}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''Informe%20final%20%C3%B1.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "private, no-store"


def test_an_inline_image_keeps_its_type(accel):
    response = private_file_response(private_file("photos/a.png", b"\x89PNG\r\n\x1a\n"), inline=True)
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Type"] == "image/png"


def test_a_missing_private_file_is_404_with_accel_too(accel):
    field_file = private_file("evidence/gone.pdf")
    Path(field_file.path).unlink()
    with pytest.raises(Http404):
        private_file_response(field_file)


def test_a_file_outside_the_private_folder_is_streamed_not_named(accel, tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    field_file = FieldFile(None, models.FileField(storage=storage), storage.save("x.pdf", ContentFile(PDF)))
    response = private_file_response(field_file)
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == PDF
    response.file_to_stream.close()


def test_without_the_setting_django_streams_the_file(settings):
    assert settings.PRIVATE_FILES_ACCEL_PREFIX == ""
    response = private_file_response(private_file("evidence/informe.pdf"))
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == PDF
    response.file_to_stream.close()


@pytest.mark.django_db
def test_a_restricted_document_is_named_to_nginx_only_after_wagtails_check(client, accel):
    collection = Collection.get_first_root_node().add_child(name="Reservado")
    collection.view_restrictions.create(restriction_type=BaseViewRestriction.LOGIN)
    document = get_document_model()(title="Informe reservado", collection=collection)
    document.file.save("informe reservado.pdf", ContentFile(PDF))
    response = client.get(document.url)
    assert response.status_code == 302
    assert "X-Accel-Redirect" not in response
    client.force_login(StaffUserFactory())
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_private/" + document.file.name.replace(" ", "%20")
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="informe_reservado.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


# --- the visitor's address behind nginx (network_site.middleware.ClientAddressMiddleware) -----


def client_address(settings, count, **headers):
    from django.test import RequestFactory

    from network_site.middleware import ClientAddressMiddleware

    settings.TRUSTED_PROXY_COUNT = count
    seen = {}

    def view(request):
        seen["address"] = request.META["REMOTE_ADDR"]

    ClientAddressMiddleware(view)(RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", **headers))
    return seen["address"]


def test_behind_one_proxy_the_visitor_is_the_address_it_added(settings):
    # A client's forged entry stays on the left; nginx appends the real address on the right.
    assert client_address(settings, 1, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7") == "203.0.113.7"
    assert client_address(settings, 1, HTTP_X_FORWARDED_FOR="203.0.113.7") == "203.0.113.7"
    assert client_address(settings, 1) == "127.0.0.1"  # (no proxy in between)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    assert client_address(settings, 0, HTTP_X_FORWARDED_FOR="203.0.113.7") == "127.0.0.1"


def test_production_trusts_its_nginx(monkeypatch):
    import importlib

    for name, value in {
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "red.example.org",
        "BASE_URL": "https://red.example.org",
        "DATABASE_URL": "postgres://red@127.0.0.1/red",
    }.items():
        monkeypatch.setenv(name, value)
    from network_site.settings import production

    assert importlib.reload(production).TRUSTED_PROXY_COUNT == 1
    assert production.MIDDLEWARE[0] == "network_site.middleware.ClientAddressMiddleware"
