import pytest

from tests.factories import OrganizationFactory, PortalAccountFactory, StaffUserFactory


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
def other_representative(other_organization):
    return PortalAccountFactory(organization=other_organization).user


@pytest.fixture
def staff_user(db):
    return StaffUserFactory(email="secretaria@example.org")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client
