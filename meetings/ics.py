"""iCalendar files of meetings, built with the icalendar library (which escapes every value).

Each meeting keeps one UID for its whole life; every change that is sent out raises its
SEQUENCE, so calendar programs update the entry they already have instead of adding one.
Times carry TZID=America/Costa_Rica (settings.TIME_ZONE) with its VTIMEZONE.
"""

import zoneinfo
from email.utils import parseaddr

import icalendar

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

PRODID = "-//Red de Empresas contra el Trabajo Infantil//Reuniones//ES"
ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"


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


def build_event(meeting, *, cancelled=False, items=None):
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
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
        event.add("url", meeting.online_url)
    if description:
        event.add("description", description)
    organizer_name, organizer_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if organizer_email:
        organizer = icalendar.vCalAddress(f"mailto:{organizer_email}")
        organizer.params["cn"] = icalendar.vText(_one_line(meeting.convening_body or organizer_name))
        event.add("organizer", organizer)
    event.add("status", "CANCELLED" if cancelled or meeting.is_cancelled else "CONFIRMED")
    return event


def build_calendar(meetings, *, method="PUBLISH", cancelled=False, name=None):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", _one_line(name))
    for meeting in meetings:
        calendar.add_component(build_event(meeting, cancelled=cancelled))
    calendar.add_missing_timezones()
    return calendar


def meeting_ics(meeting, *, method="PUBLISH"):
    """Bytes of a one-meeting calendar. Convocations use REQUEST; cancellations CANCEL."""
    cancelled = method == "CANCEL"
    return build_calendar([meeting], method=method, cancelled=cancelled).to_ical()


def ics_filename(meeting):
    return f"{slugify(meeting.title)[:60] or 'reunion'}.ics"


def ics_response(meeting):
    response = HttpResponse(meeting_ics(meeting), content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(meeting)}"'
    return response


def public_feed_response(meetings):
    meetings = meetings.prefetch_related("agenda_items__presenter__organization")
    body = build_calendar(meetings, name=settings.WAGTAIL_SITE_NAME).to_ical()
    response = HttpResponse(body, content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="reuniones.ics"'
    return response
