import datetime
import zoneinfo

import pytest

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from meetings.models import AgreementStatus, MeetingStatus
from tests.meetings.factories import AgendaItemFactory, AgreementFactory, InvitationFactory, MeetingFactory
from tests.members.factories import OrganizationFactory, PersonFactory, PortalAccountFactory

pytestmark = pytest.mark.django_db
TZ = zoneinfo.ZoneInfo("America/Costa_Rica")


def test_each_invitee_gets_exactly_one_email_per_sending():
    organization = OrganizationFactory()
    focal = PersonFactory(organization=organization, is_focal_point=True, email="focal@example.com")
    PortalAccountFactory(organization=organization, user__email="FOCAL@example.com")  # same address, other case
    PortalAccountFactory(organization=organization, user__email="rep@example.com")
    other = OrganizationFactory()
    PersonFactory(organization=other, is_focal_point=True, email="otra@example.com")
    meeting = MeetingFactory()
    InvitationFactory(meeting=meeting, organization=organization)
    InvitationFactory(meeting=meeting, organization=other)
    InvitationFactory(meeting=meeting, organization=None, person=focal)  # invited by name too
    InvitationFactory(meeting=meeting, organization=None, guest_name="Invitada", guest_email="guest@example.com")

    sent = meeting.convene()

    recipients = sorted(address.lower() for message in mail.outbox for address in message.to)
    assert recipients == ["focal@example.com", "guest@example.com", "otra@example.com", "rep@example.com"]
    assert sent == 4
    assert all(len(message.to) == 1 for message in mail.outbox)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED

    mail.outbox.clear()
    meeting.resend_convocation()
    assert len(mail.outbox) == 4  # one per address again for the new sending


def test_convocation_carries_agenda_date_time_place_and_follow_up():
    organization = OrganizationFactory(name="Empresa Responsable S.A.", short_name="Responsable")
    earlier = MeetingFactory(
        title="Reunión anterior", start=datetime.datetime(2030, 1, 10, 9, 0, tzinfo=TZ), status=MeetingStatus.PUBLISHED
    )
    AgreementFactory(meeting=earlier, text="Enviar el mapeo de sistemas", organizations=[organization])
    AgreementFactory(meeting=earlier, text="Acuerdo ya cumplido", status=AgreementStatus.DONE)
    meeting = MeetingFactory(
        title="Reunión ordinaria de marzo",
        start=datetime.datetime(2030, 3, 27, 9, 0, tzinfo=TZ),
        end=datetime.datetime(2030, 3, 27, 12, 0, tzinfo=TZ),
        place="Sala de sesiones del MTSS",
    )
    AgendaItemFactory(meeting=meeting, title="Conversatorio participativo", presenters_text="Red de Empresas")
    InvitationFactory(meeting=meeting, organization=None, guest_name="Invitada", guest_email="guest@example.com")
    meeting.convene()

    (message,) = mail.outbox
    assert "Reunión ordinaria de marzo" in message.subject
    body = message.body
    assert "27" in body and "marzo" in body.lower()
    assert "09:00" in body and "12:00" in body
    assert "Sala de sesiones del MTSS" in body
    assert "Conversatorio participativo" in body
    assert "Enviar el mapeo de sistemas" in body  # open agreement of an earlier meeting
    assert "Acuerdo ya cumplido" not in body
    assert "/meetings/reply/" in body  # the guest's signed link


def test_line_break_in_title_cannot_inject_an_email_header():
    meeting = MeetingFactory(title="Reunión\r\nBcc: intruso@example.com\nX-Evil: 1")
    InvitationFactory(meeting=meeting, organization=None, guest_name="Invitada", guest_email="guest@example.com")
    meeting.convene()
    (message,) = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    headers = message.message()
    assert headers["Bcc"] is None
    assert headers["X-Evil"] is None
    assert message.bcc == []
    assert message.to == ["guest@example.com"]


def test_reminders_are_sent_once_and_only_within_the_period():
    soon = timezone.now() + datetime.timedelta(days=1)
    later = timezone.now() + datetime.timedelta(days=10)
    near = MeetingFactory(start=soon, end=soon + datetime.timedelta(hours=2), title="Reunión cercana")
    far = MeetingFactory(start=later, end=later + datetime.timedelta(hours=2), title="Reunión lejana")
    for meeting in (near, far):
        InvitationFactory(meeting=meeting, organization=None, guest_name="G", guest_email="g@example.com")
        meeting.convene()
    mail.outbox.clear()

    call_command("send_meeting_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.subject for m in mail.outbox] == [mail.outbox[0].subject]
    assert "Reunión cercana" in mail.outbox[0].subject

    call_command("send_meeting_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1  # idempotent

    far.reminder_days = 15
    far.save()
    call_command("send_meeting_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2


def test_convening_without_invitations_is_refused():
    from django.core.exceptions import ValidationError

    meeting = MeetingFactory()
    with pytest.raises(ValidationError):
        meeting.convene()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    assert mail.outbox == []
