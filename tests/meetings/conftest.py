import pytest

from tests.meetings.factories import InvitationFactory, MeetingFactory
from tests.members.factories import PersonFactory


@pytest.fixture
def meeting(db):
    return MeetingFactory(title="Reunión ordinaria de la Red")


@pytest.fixture
def invited_meeting(meeting, organization, representative):
    """A meeting to which `organization` (whose representative has a portal account) is invited."""
    PersonFactory(organization=organization, email="enlace@propia.example.org", is_focal_point=True)
    InvitationFactory(meeting=meeting, organization=organization)
    return meeting
