import pytest

from django.core.cache import cache

from members.models import PortalRole
from tests.members.factories import PortalAccountFactory


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
