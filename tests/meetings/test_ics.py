import datetime
import email
import email.policy
import email.utils
import zoneinfo

import icalendar
import pytest
import vobject

from django.conf import settings
from django.core import mail
from django.test import override_settings

from meetings.ics import meeting_ics
from meetings.models import Invitation, ReplyStatus
from network_site.links import absolute_url
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


# --- Meeting requests (RFC 5546 / 6047), read with a second parser ----------------------------


def _sent_message(message):
    """The message as a mail program receives it (the MIME tree Django builds)."""
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


def _calendar_parts(message):
    parsed = _sent_message(message)
    return [part for part in parsed.walk() if part.get_content_type() == "text/calendar"]


@override_settings(SECRETARIAT_NAME="Secretaría técnica (MTSS)", SECRETARIAT_REPLY_TO="secretaria.red@example.org")
def test_convocation_is_a_meeting_request_for_each_invitee():
    organization = OrganizationFactory()
    PersonFactory(organization=organization, is_focal_point=True, email="focal@example.com", name="Ana Focal")
    meeting = MeetingFactory(title="Reunión ordinaria de marzo", online_url="https://reunion.example.org/red")
    InvitationFactory(meeting=meeting, organization=organization)
    guest = InvitationFactory(
        meeting=meeting, organization=None, guest_name="Patricia Vera", guest_email="patricia@example.com"
    )
    meeting.convene()

    messages = {message.to[0]: message for message in mail.outbox}
    assert set(messages) == {"focal@example.com", "patricia@example.com"}
    for address, name in (("focal@example.com", "Ana Focal"), ("patricia@example.com", "Patricia Vera")):
        message = messages[address]
        assert message.reply_to == ["secretaria.red@example.org"]
        assert message.from_email == settings.DEFAULT_FROM_EMAIL  # the no-reply sender stays the sender
        parts = _calendar_parts(message)
        # an alternative of the body (what Outlook and Gmail show as an invitation) and the .ics file
        assert [part.get_content_disposition() for part in parts] == [None, "attachment"]
        for part in parts:
            assert part.get_content_type() == "text/calendar"
            assert part.get_param("method") == "REQUEST"
            assert part.get_content_charset() == "utf-8"
        assert parts[1].get_filename() == "reunion-ordinaria-de-marzo.ics"
        assert parts[0].get_content() == parts[1].get_content()

        cal = vobject.readOne(parts[1].get_content())  # a second parser
        assert cal.method.value == "REQUEST"
        event = cal.vevent
        assert event.uid.value == meeting.ical_uid
        assert event.organizer.value == "mailto:secretaria.red@example.org"
        assert event.organizer.params["CN"] == ["Secretaría técnica (MTSS)"]
        (attendee,) = event.contents["attendee"]  # one attendee: this e-mail's invitee
        assert attendee.value == f"mailto:{address}"
        assert attendee.params["RSVP"] == ["TRUE"]
        assert attendee.params["PARTSTAT"] == ["NEEDS-ACTION"]
        assert attendee.params["CN"] == [name]
        assert event.status.value == "CONFIRMED"
    # the URL leads back to the meeting's page: the portal for members, the reply page for a guest
    member_event = vobject.readOne(_calendar_parts(messages["focal@example.com"])[1].get_content()).vevent
    assert member_event.url.value == absolute_url(meeting.get_portal_url())
    assert member_event.url.value.startswith(settings.BASE_URL + "/portal/meetings/")
    guest_event = vobject.readOne(_calendar_parts(messages["patricia@example.com"])[1].get_content()).vevent
    prefix = settings.BASE_URL + "/es/meetings/reply/"
    assert guest_event.url.value.startswith(prefix)  # signed with a timestamp: compare what it names
    assert Invitation.from_token(guest_event.url.value.removeprefix(prefix).rstrip("/")) == guest
    assert "https://reunion.example.org/red" in guest_event.description.value  # the online link stays readable


@override_settings(SECRETARIAT_REPLY_TO="secretaria.red@example.org")
def test_cancellation_keeps_the_uid_raises_the_sequence_and_is_method_cancel():
    meeting = MeetingFactory()
    InvitationFactory(meeting=meeting, organization=None, guest_name="Invitada", guest_email="invitada@example.com")
    meeting.convene()
    request = vobject.readOne(_calendar_parts(mail.outbox[-1])[1].get_content()).vevent
    meeting.cancel(comment="Falta de quórum")
    message = mail.outbox[-1]
    assert message.reply_to == ["secretaria.red@example.org"]
    parts = _calendar_parts(message)
    assert {part.get_param("method") for part in parts} == {"CANCEL"}
    cal = vobject.readOne(parts[1].get_content())
    assert cal.method.value == "CANCEL"
    event = cal.vevent
    assert event.uid.value == request.uid.value
    assert int(event.sequence.value) > int(request.sequence.value)
    assert event.status.value == "CANCELLED"
    assert event.attendee.value == "mailto:invitada@example.com"
    assert "RSVP" not in event.attendee.params  # nothing to answer


def test_organizer_is_the_secretariat_not_the_no_reply_sender():
    # SECRETARIAT_REPLY_TO defaults to the first of SECRETARIAT_EMAILS (settings.base)
    assert settings.SECRETARIAT_EMAILS[0] == settings.SECRETARIAT_REPLY_TO
    meeting = MeetingFactory()
    event = vobject.readOne(meeting_ics(meeting).decode()).vevent
    assert event.organizer.value == f"mailto:{settings.SECRETARIAT_EMAILS[0]}"
    assert email.utils.parseaddr(settings.DEFAULT_FROM_EMAIL)[1] not in event.organizer.value
    assert event.url.value == absolute_url(meeting.get_portal_url())


def test_downloaded_ics_parses_with_vobject_and_links_to_the_meeting():
    meeting = MeetingFactory(title="Reunión, con coma; y punto y coma")
    AgendaItemFactory(meeting=meeting, title="Bienvenida")
    cal = vobject.readOne(meeting_ics(meeting).decode())
    assert cal.method.value == "PUBLISH"
    event = cal.vevent
    assert event.summary.value == "Reunión, con coma; y punto y coma"
    assert event.dtstart.value == meeting.start
    assert "attendee" not in event.contents


def test_a_reminder_to_someone_who_accepted_says_so_in_the_attendee():
    meeting = MeetingFactory()
    invitation = InvitationFactory(meeting=meeting, organization=None, guest_name="A", guest_email="a@example.com")
    meeting.convene()
    invitation.transition_to(ReplyStatus.ACCEPTED)
    from meetings.notifications import send_reminder

    mail.outbox.clear()
    send_reminder(meeting)
    event = vobject.readOne(_calendar_parts(mail.outbox[0])[1].get_content()).vevent
    assert event.attendee.params["PARTSTAT"] == ["ACCEPTED"]
    assert event.attendee.params["RSVP"] == ["TRUE"]  # they may still change their answer
