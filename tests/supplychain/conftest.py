import pytest

from members.models import PortalRole
from tests.members.factories import PortalAccountFactory

from .factories import make_questionnaire


@pytest.fixture
def questionnaire(db):
    return make_questionnaire()


@pytest.fixture
def contributor(organization):
    return PortalAccountFactory(organization=organization, role=PortalRole.CONTRIBUTOR).user


@pytest.fixture
def observer(organization):
    return PortalAccountFactory(organization=organization, role=PortalRole.OBSERVER).user
