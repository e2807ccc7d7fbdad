import pytest

from django.core.cache import cache

from members.models import PortalRole
from tests.factories import PortalAccountFactory


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.fixture
def contributor(organization):
    return PortalAccountFactory(organization=organization, role=PortalRole.CONTRIBUTOR).user


@pytest.fixture
def observer(organization):
    return PortalAccountFactory(organization=organization, role=PortalRole.OBSERVER).user


def assert_not_found(client, response, method="get"):
    """A 404, or LocaleMiddleware's redirect of a portal 404 to its /es/ URL, which is a 404 too.

    (Django's LocaleMiddleware redirects a 404 outside i18n_patterns to the language-prefixed
    URL when that resolves, and Wagtail's catch-all page route resolves every path.)
    """
    if response.status_code == 302:
        assert response["Location"].startswith("/es/portal/"), response["Location"]
        response = client.get(response["Location"])
    assert response.status_code == 404
