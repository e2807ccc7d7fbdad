import pytest

from django.core.cache import caches

from members.models import PortalRole
from network_site import page_cache
from network_site.models import Network
from network_site.networks import scopes_disabled, working_for
from tests.members.factories import OrganizationFactory, PortalAccountFactory
from tests.network_site.factories import StaffUserFactory


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Every test starts with empty caches and a new cache generation (the database is rolled
    back between tests, the caches and the generation are not)."""
    for each in caches.all():
        each.clear()
    page_cache.invalidate()


_DATABASE_FIXTURES = ("db", "transactional_db", "live_server", "django_db_setup_data")


@pytest.fixture(autouse=True)
def _network_scope(request):
    """A test's own set-up and checks read every network (``scopes_disabled``) and create records in
    the default network; every request it makes goes through NetworkMiddleware, which opens the
    request's own scope, so a view that forgets its network still fails."""
    with scopes_disabled():
        if request.node.get_closest_marker("django_db") or set(_DATABASE_FIXTURES) & set(request.fixturenames):
            with working_for(request.getfixturevalue("default_network")):
                yield
        else:
            yield


@pytest.fixture
def default_network(db):
    """The network of the default Site (created by network_site's migration 0004)."""
    return Network.objects.get(site__is_default_site=True)


@pytest.fixture
def other_network(db):
    """A second network (Ecuador) with its own Site at ecuador.localhost."""
    from tests.network_site.factories import NetworkFactory

    return NetworkFactory(slug="ecuador", short_name="Ecuador", country="EC", time_zone="America/Guayaquil")


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
