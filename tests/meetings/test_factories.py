import datetime

import pytest

from django.utils import timezone

from meetings.models import ReplyStatus

from .factories import TZ, AgendaItemFactory, AgreementFactory, AttendanceFactory, InvitationFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_meeting_factory_builds_a_three_hour_meeting_in_costa_rica_time():
    meeting = MeetingFactory()
    assert timezone.localtime(meeting.start, TZ) == datetime.datetime(2030, 3, 27, 9, 0, tzinfo=TZ)
    assert meeting.end - meeting.start == datetime.timedelta(hours=3)
    assert meeting.place.startswith("Ministerio de Trabajo")


def test_agenda_item_factory_builds_an_item_of_a_meeting():
    item = AgendaItemFactory()
    assert item.meeting.pk and item.start_time == datetime.time(9, 0)
    assert item.duration_minutes == 30 and item.session == "Sesión A"


def test_invitation_and_attendance_factories():
    invitation = InvitationFactory()
    assert invitation.status == ReplyStatus.PENDING and invitation.organization.pk
    attendance = AttendanceFactory(meeting=invitation.meeting, organization=invitation.organization)
    assert attendance.name.startswith("Persona Asistente")
    assert list(invitation.meeting.attendance.all()) == [attendance]


def test_agreement_factory_sets_the_responsible_organisations(organization, other_organization):
    agreement = AgreementFactory(organizations=[organization, other_organization])
    assert set(agreement.responsible_organizations.all()) == {organization, other_organization}
    assert AgreementFactory().responsible_organizations.count() == 0
