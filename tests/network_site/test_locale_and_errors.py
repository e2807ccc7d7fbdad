"""404s outside the language prefix stay 404s; 403 pages say why, in the site's look."""

import pytest

from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views.defaults import permission_denied

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/portal/no-such-thing/", "/portal/commitments/999999/"])
def test_unknown_unprefixed_paths_answer_404_without_a_redirect(client, representative, path):
    client.force_login(representative)
    response = client.get(path)
    assert response.status_code == 404


def test_403_page_shows_the_reason():
    request = RequestFactory().get("/portal/")
    response = permission_denied(request, PermissionDenied("Su rol no permite esto."))
    assert response.status_code == 403
    assert "Su rol no permite esto." in response.content.decode()


def test_admin_login_goes_through_the_throttled_allauth_login(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/portal/account/login/?next=%2Fadmin%2Fpages%2F"
    assert client.get("/admin/login/?next=https://evil.example/")["Location"].endswith("next=%2Fadmin%2F")


def test_admin_redirects_anonymous_users_to_the_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/portal/account/login/")


def test_staff_land_in_the_admin_after_logging_in(client, staff_user):
    response = client.post("/portal/account/login/", {"login": staff_user.email, "password": "clave-de-prueba-123"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
