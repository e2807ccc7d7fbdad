import datetime
import zoneinfo

import icalendar
import pytest

from django.core import mail

from meetings.ics import meeting_ics
from meetings.models import ReplyStatus
from tests.meetings.factories import AgendaItemFactory, InvitationFactory, MeetingFactory
from tests.members.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db
TZ = zoneinfo.ZoneInfo("America/Costa_Rica")


def parse(data):
    calendar = icalendar.Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def test_ics_parses_with_right_times_and_time_zone():
    meeting = MeetingFactory(
        start=datetime.datetime(2030, 3, 27, 9, 0, tzinfo=TZ), end=datetime.datetime(2030, 3, 29, 13, 30, tzinfo=TZ)
    )
    AgendaItemFactory(meeting=meeting, title="Bienvenida y apertura", presenters_text="Juan Alfaro López, MTSS")
    calendar, event = parse(meeting_ics(meeting, method="REQUEST"))
    assert str(calendar["method"]) == "REQUEST"
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == datetime.datetime(2030, 3, 27, 9, 0, tzinfo=TZ)
    assert end == datetime.datetime(2030, 3, 29, 13, 30, tzinfo=TZ)
    assert event["dtstart"].params["TZID"] == "America/Costa_Rica"
    assert start.utcoffset() == datetime.timedelta(hours=-6)
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["tzid"]) for tz in timezones] == ["America/Costa_Rica"]
    assert str(event["uid"]) == meeting.ical_uid
    assert "Bienvenida y apertura" in str(event["description"])
    assert str(event["location"]) == meeting.place


def test_line_break_in_title_cannot_inject_a_property():
    meeting = MeetingFactory(
        title="Reunión\r\nATTENDEE:mailto:intruso@example.com\nX-EVIL:1",
        place="Sala 1\nORGANIZER:mailto:falso@example.com",
        description="Texto\nBEGIN:VALARM",
    )
    data = meeting_ics(meeting)
    _calendar, event = parse(data)
    assert "ATTENDEE" not in event
    assert "X-EVIL" not in event
    assert "mailto:intruso" not in str(event.get("organizer"))
    assert event.walk("VALARM") == []
    assert "ATTENDEE:mailto:intruso@example.com" in str(event["summary"])  # kept as text, on one line
    for line in data.decode().splitlines():
        assert not line.startswith(("ATTENDEE", "X-EVIL", "BEGIN:VALARM"))


def test_reschedule_keeps_uid_and_raises_sequence_and_cancel_sends_method_cancel():
    meeting = MeetingFactory()
    InvitationFactory(meeting=meeting, organization=None, guest_name="Invitada", guest_email="invitada@example.com")
    meeting.convene()
    _c, first = parse(_attachment(mail.outbox[-1]))
    new_start = datetime.datetime(2030, 4, 3, 14, 0, tzinfo=TZ)
    meeting.reschedule(new_start, new_start + datetime.timedelta(hours=2), reason="Cambio de sala")
    assert len(mail.outbox) == 2
    _c, second = parse(_attachment(mail.outbox[-1]))
    assert str(second["uid"]) == str(first["uid"])
    assert int(second["sequence"]) > int(first["sequence"])
    assert second.decoded("dtstart") == new_start
    meeting.cancel(comment="Falta de quórum")
    calendar, third = parse(_attachment(mail.outbox[-1]))
    assert str(calendar["method"]) == "CANCEL"
    assert str(third["status"]) == "CANCELLED"
    assert str(third["uid"]) == str(first["uid"])
    assert int(third["sequence"]) > int(second["sequence"])


def _attachment(message):
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    return content.encode() if isinstance(content, str) else content


def test_declined_invitees_get_no_reminder_but_get_reschedules():
    meeting = MeetingFactory()
    accepted = InvitationFactory(meeting=meeting, organization=None, guest_name="A", guest_email="a@example.com")
    declined = InvitationFactory(meeting=meeting, organization=None, guest_name="B", guest_email="b@example.com")
    meeting.convene()
    accepted.transition_to(ReplyStatus.ACCEPTED)
    declined.transition_to(ReplyStatus.DECLINED)
    from meetings.notifications import send_reminder

    mail.outbox.clear()
    assert send_reminder(meeting) == 1
    assert mail.outbox[0].to == ["a@example.com"]


def test_organisation_people_are_reached():
    organization = OrganizationFactory()
    PersonFactory(organization=organization, is_focal_point=True, email="focal@example.com")
    PersonFactory(organization=organization, is_focal_point=False, email="otra@example.com")
    meeting = MeetingFactory()
    InvitationFactory(meeting=meeting, organization=organization)
    meeting.convene()
    assert [m.to for m in mail.outbox] == [["focal@example.com"]]
