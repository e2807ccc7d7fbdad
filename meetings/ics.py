"""iCalendar files of meetings, built with the icalendar library (which escapes every value).

Each meeting keeps one UID for its whole life; every change that is sent out raises its
SEQUENCE, so calendar programs update the entry they already have instead of adding one.
Times carry the TZID of the meeting's network (e.g. America/Costa_Rica) with its VTIMEZONE.

E-mailed files are meeting requests (RFC 5546/6047): METHOD:REQUEST (or CANCEL), the secretariat
as ORGANIZER (the network's secretariat and reply-to address: a mailbox people read, never the
no-reply sender), the e-mail's one invitee as ATTENDEE with RSVP=TRUE, and a URL back to the meeting page.
"""

import zoneinfo
from email.utils import parseaddr

import icalendar

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from network_site.links import absolute_url
from network_site.networks import secretariat

PRODID = "-//Red de Empresas contra el Trabajo Infantil//Reuniones//ES"
ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"
#: The MIME type of an e-mailed invitation or cancellation (the METHOD repeated, as RFC 6047 asks).
REQUEST_MIMETYPE = "text/calendar; method=REQUEST"
CANCEL_MIMETYPE = "text/calendar; method=CANCEL"
#: An invitation's reply (ReplyStatus values) as the attendee's participation status.
PARTSTATS = {"accepted": "ACCEPTED", "declined": "DECLINED"}


def _one_line(value):
    """Titles and places are single-line values: line breaks become spaces."""
    return " ".join(str(value or "").split())


def agenda_text(meeting, items=None):
    """The agenda as plain text (used in DESCRIPTION and in e-mails)."""
    lines = []
    for day, day_items in meeting.agenda_by_day(items):
        if day:
            lines.append(day.strftime("%d/%m/%Y"))
        for item in day_items:
            time = item.start_time.strftime("%H:%M") + " " if item.start_time else ""
            presenters = f" ({item.presenters})" if item.presenters else ""
            lines.append(f"- {time}{_one_line(item.title)}{presenters}")
    return "\n".join(lines)


def organizer_address():
    """(name, address) of the secretariat: the ORGANIZER of invitations and the e-mails' Reply-To.

    SECRETARIAT_REPLY_TO (default: the first of SECRETARIAT_EMAILS) is a mailbox people read;
    DEFAULT_FROM_EMAIL is only the no-reply sender, used when no secretariat address is set.
    """
    speaker = secretariat()
    address = speaker.reply_to or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    name = speaker.name or parseaddr(settings.DEFAULT_FROM_EMAIL)[0]
    return _one_line(name), address.strip()


def _attendee(address, name="", *, rsvp=True, partstat="NEEDS-ACTION"):
    attendee = icalendar.vCalAddress(f"mailto:{address}")
    if name:
        attendee.params["cn"] = icalendar.vText(_one_line(name))
    attendee.params["cutype"] = icalendar.vText("INDIVIDUAL")
    attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = icalendar.vText(partstat)
    if rsvp:
        attendee.params["rsvp"] = icalendar.vText("TRUE")
    return attendee


def build_event(meeting, *, cancelled=False, items=None, attendee=None, url=None):
    """One VEVENT. ``attendee`` is an (address, name) or (address, name, reply) tuple: the invitee
    of a request (RSVP=TRUE; PARTSTAT from their reply, e.g. ACCEPTED on a reminder);
    ``url`` the absolute link to the meeting's page (the online link when none is given)."""
    tz = meeting.network.zone
    cancelled = cancelled or meeting.is_cancelled
    event = icalendar.Event()
    event.add("uid", meeting.ical_uid)
    event.add("dtstamp", timezone.now().astimezone(zoneinfo.ZoneInfo("UTC")))
    event.add("dtstart", meeting.start.astimezone(tz))
    event.add("dtend", meeting.end.astimezone(tz))
    event.add("sequence", meeting.sequence)
    event.add("summary", _one_line(meeting.title))
    location = _one_line(meeting.place or meeting.online_url)
    if location:
        event.add("location", location)
    description = meeting.description.strip()
    agenda = agenda_text(meeting, items)
    if agenda:
        description = f"{description}\n\n{_('Agenda')}:\n{agenda}".strip()
    if meeting.online_url:
        description = f"{description}\n\n{_('Online link')}: {meeting.online_url}".strip()
    if url:
        page_label = _("Meeting page")
        description = f"{description}\n\n{page_label}: {url}".strip()
    if url or meeting.online_url:
        event.add("url", url or meeting.online_url)
    if description:
        event.add("description", description)
    organizer_name, organizer_email = organizer_address()
    if organizer_email:
        organizer = icalendar.vCalAddress(f"mailto:{organizer_email}")
        organizer.params["cn"] = icalendar.vText(organizer_name or _one_line(meeting.convening_body))
        event.add("organizer", organizer)
    if attendee:
        address, name, *reply = attendee
        partstat = PARTSTATS.get(reply[0] if reply else "", "NEEDS-ACTION")
        event.add("attendee", _attendee(address, name, rsvp=not cancelled, partstat=partstat))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def build_calendar(meetings, *, method="PUBLISH", cancelled=False, name=None, attendee=None, url_for=None):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", _one_line(name))
    for meeting in meetings:
        url = url_for(meeting) if url_for else None
        calendar.add_component(build_event(meeting, cancelled=cancelled, attendee=attendee, url=url))
    calendar.add_missing_timezones()
    return calendar


def meeting_url(meeting):
    """The meeting's page in the portal, absolute."""
    return absolute_url(meeting.get_portal_url())


def meeting_ics(meeting, *, method="PUBLISH", attendee=None, url=None):
    """Bytes of a one-meeting calendar. E-mailed invitations are requests (METHOD:REQUEST) to one
    ``attendee`` (address, name); cancellations METHOD:CANCEL with the same UID and a higher SEQUENCE."""
    cancelled = method == "CANCEL"
    url = url or meeting_url(meeting)
    return build_calendar(
        [meeting], method=method, cancelled=cancelled, attendee=attendee, url_for=lambda _meeting: url
    ).to_ical()


def ics_filename(meeting):
    return f"{slugify(meeting.title)[:60] or 'reunion'}.ics"


def ics_response(meeting):
    response = HttpResponse(meeting_ics(meeting), content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(meeting)}"'
    return response


def public_feed_response(meetings):
    meetings = meetings.prefetch_related("agenda_items__presenter__organization")
    body = build_calendar(meetings, name=secretariat().network_name).to_ical()
    response = HttpResponse(body, content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="reuniones.ics"'
    return response
