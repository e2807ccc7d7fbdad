import pytest

from django.core.cache import caches

from members.models import PortalRole
from network_site import page_cache
from tests.members.factories import OrganizationFactory, PortalAccountFactory
from tests.network_site.factories import StaffUserFactory


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Every test starts with empty caches and a new cache generation (the database is rolled
    back between tests, the caches and the generation are not)."""
    for each in caches.all():
        each.clear()
    page_cache.invalidate()


@pytest.fixture
def organization(db):
    return OrganizationFactory(name="Empresa Propia S.A.", short_name="Propia")


@pytest.fixture
def other_organization(db):
    return OrganizationFactory(name="Otra Empresa S.A.", short_name="Otra")


@pytest.fixture
def representative(organization):
    return PortalAccountFactory(organization=organization).user


@pytest.fixture
def representative_client(client, representative):
    client.force_login(representative)
    return client


@pytest.fixture
def contributor(organization):
    """A portal user of `organization` who may edit drafts but not submit or sign."""
    return PortalAccountFactory(organization=organization, role=PortalRole.CONTRIBUTOR).user


@pytest.fixture
def observer(organization):
    """A portal user of `organization` who may only read."""
    return PortalAccountFactory(organization=organization, role=PortalRole.OBSERVER).user


@pytest.fixture
def other_representative(other_organization):
    return PortalAccountFactory(organization=other_organization).user


@pytest.fixture
def staff_user(db):
    return StaffUserFactory(email="secretaria@example.org")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client
