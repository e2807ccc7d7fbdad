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
