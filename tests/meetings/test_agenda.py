"""The agenda's times, sessions, presenters and days, wherever it is shown: the portal, the admin's
manage page, a guest's reply page, the public calendar, the agenda and minutes PDFs and the
convocation e-mail."""

import datetime
import html
import re

import pytest

from django.core import mail
from django.urls import reverse

from wagtail.models import Site

from meetings.models import CalendarPage, MeetingStatus
from tests.helpers import background_pdf, pdf_text, speak
from tests.meetings.factories import TZ, AgendaItemFactory, AgreementFactory, InvitationFactory, MeetingFactory
from tests.members.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db

#: (time, session, item, presenters) of each row of each day's table, in order.
ROWS = [
    ("09:00–09:45", "Sesión A", "Bienvenida y apertura", "Juan Alfaro López, Propia"),
    ("10:15–11:45", "Sesión B", "Conversatorio con la Red Lugar: Auditorio del MTSS", "Red de Empresas; OIT"),
    ("11:30", "", "Cierre y acuerdos", ""),
]
DAYS = ["Miércoles 27 de marzo de 2030", "Jueves 28 de marzo de 2030"]


@pytest.fixture
def agenda_meeting(organization, representative):
    """A two-day meeting, `organization` invited, with an agenda: two timed items in two sessions on
    the first day (one presented by a contact person, one by names typed in) and an item with a
    start but no duration and no session on the second day. Stored out of order on purpose."""
    meeting = MeetingFactory(
        title="Intercambio de experiencias",
        start=datetime.datetime(2030, 3, 27, 9, 0, tzinfo=TZ),
        end=datetime.datetime(2030, 3, 28, 12, 30, tzinfo=TZ),
        place="Sala de sesiones del MTSS, San José",
        is_public=True,
    )
    presenter = PersonFactory(organization=organization, name="Juan Alfaro López")
    AgendaItemFactory(
        meeting=meeting,
        title="Cierre y acuerdos",
        day=datetime.date(2030, 3, 28),
        start_time=datetime.time(11, 30),
        duration_minutes=None,
        session="",
        sort_order=3,
    )
    AgendaItemFactory(
        meeting=meeting,
        title="Bienvenida y apertura",
        start_time=datetime.time(9, 0),
        duration_minutes=45,
        session="Sesión A",
        presenter=presenter,
        sort_order=1,
    )
    AgendaItemFactory(
        meeting=meeting,
        title="Conversatorio con la Red",
        start_time=datetime.time(10, 15),
        duration_minutes=90,
        session="Sesión B",
        presenters_text="Red de Empresas; OIT",
        place="Auditorio del MTSS",
        sort_order=2,
    )
    InvitationFactory(meeting=meeting, organization=organization)
    return meeting


def _text(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def agenda(page):
    """[(day heading, [(time, session, item, presenters)])] of the page's agenda tables."""
    days = []
    for heading, table in re.findall(
        r"<h3>(.*?)</h3>\s*<div class=\"table-wrapper\"><table class=\"agenda\">(.*?)</table>", page, re.S
    ):
        body = table.split("<tbody>", 1)[1]
        rows = [
            tuple(_text(cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.S))
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
        ]
        days.append((_text(heading), rows))
    return days


EXPECTED = [(DAYS[0], ROWS[:2]), (DAYS[1], ROWS[2:])]


def test_the_portal_shows_the_agenda_by_day_with_times_sessions_and_presenters(representative_client, agenda_meeting):
    page = speak(representative_client, "es").get(reverse("meetings_portal:detail", args=[agenda_meeting.pk]))
    assert page.status_code == 200
    assert agenda(page.content.decode()) == EXPECTED


def test_the_admin_manage_page_shows_the_same_agenda(staff_client, agenda_meeting):
    page = speak(staff_client, "es").get(reverse("meetings_admin:manage", args=[agenda_meeting.pk]))
    assert page.status_code == 200
    assert agenda(page.content.decode()) == EXPECTED


def test_a_guests_reply_page_shows_the_same_agenda(client, agenda_meeting):
    guest = InvitationFactory(
        meeting=agenda_meeting, organization=None, guest_name="Invitada", guest_email="g@example.org"
    )
    page = speak(client, "es").get(reverse("meetings:reply", args=[guest.token]))
    assert page.status_code == 200
    assert agenda(page.content.decode()) == EXPECTED


def test_the_public_calendar_shows_the_same_agenda(client, agenda_meeting):
    root = Site.objects.get(is_default_site=True).root_page
    calendar = root.add_child(instance=CalendarPage(title="Calendario", slug="calendario"))
    page = client.get(calendar.url + calendar.reverse_subpage("meeting", args=(agenda_meeting.pk,)))
    assert page.status_code == 200
    assert calendar.url.startswith("/es/")
    assert agenda(page.content.decode()) == EXPECTED


def test_the_agenda_pdf_holds_the_date_place_times_sessions_and_presenters(representative_client, agenda_meeting):
    text = pdf_text(
        speak(representative_client, "es").get(reverse("meetings_portal:agenda_pdf", args=[agenda_meeting.pk]))
    )
    assert "Intercambio de experiencias" in text
    assert "Fecha: 27 de marzo de 2030 a las 09:00 – 28 de marzo de 2030 a las 12:30" in text
    assert "Lugar: Sala de sesiones del MTSS, San José" in text
    expected_rows = [" ".join(part for part in row if part) for row in ROWS]
    positions = [text.index(DAYS[0]), text.index(expected_rows[0]), text.index(expected_rows[1])]
    positions += [text.index(DAYS[1]), text.index(expected_rows[2])]
    assert positions == sorted(positions)  # by day, in the agenda's order


def test_the_minutes_pdf_holds_the_agenda_too(staff_client, agenda_meeting):
    agenda_meeting.status = MeetingStatus.MINUTES_APPROVED
    agenda_meeting.save()
    response = speak(staff_client, "es").get(f"/admin/meetings/{agenda_meeting.pk}/files/minutes.pdf")
    text = pdf_text(background_pdf(staff_client, response))
    for row in ROWS:
        assert " ".join(part for part in row if part) in text, row


def test_the_convocation_lists_the_agenda_by_day_with_times_sessions_and_presenters(agenda_meeting):
    PersonFactory(
        organization=agenda_meeting.invitations.get().organization,
        email="enlace@propia.example.org",
        is_focal_point=True,
    )
    agenda_meeting.convene()
    message = next(m for m in mail.outbox if m.to == ["enlace@propia.example.org"])
    lines = message.body.splitlines()
    start = lines.index("Agenda")
    assert lines[start : start + 7] == [
        "Agenda",
        "",
        "miércoles 27 de marzo de 2030",
        "- 09:00–09:45 Bienvenida y apertura [Sesión A] — Juan Alfaro López, Propia",
        "- 10:15–11:45 Conversatorio con la Red [Sesión B] — Red de Empresas; OIT",
        "",
        "jueves 28 de marzo de 2030",
    ]
    assert lines[start + 7] == "- 11:30 Cierre y acuerdos"


def test_rescheduling_earlier_by_days_and_hours_keeps_the_agenda_on_the_meetings_days():
    """A negative shift of days and hours (−103 days −1 h) moves the agenda by the difference of the
    local start dates, not by the floored timedelta days (which would be one day too far back)."""
    meeting = MeetingFactory(
        start=datetime.datetime(2027, 3, 15, 9, 0, tzinfo=TZ), end=datetime.datetime(2027, 3, 15, 12, 0, tzinfo=TZ)
    )
    item = AgendaItemFactory(meeting=meeting, day=datetime.date(2027, 3, 15), start_time=datetime.time(9, 0))
    second = AgendaItemFactory(meeting=meeting, day=datetime.date(2027, 3, 16), start_time=datetime.time(9, 0))
    new_start = datetime.datetime(2026, 12, 2, 8, 0, tzinfo=TZ)
    assert (new_start - meeting.start).days == -104  # the trap: −103 days −1 h floors to −104
    meeting.reschedule(new_start, new_start + datetime.timedelta(hours=3))
    item.refresh_from_db()
    second.refresh_from_db()
    assert item.day == datetime.date(2026, 12, 2)
    assert second.day == datetime.date(2026, 12, 3)


def test_a_guests_reply_page_does_not_show_the_members_open_agreements(client, agenda_meeting):
    """Seguimiento de acuerdos names other organisations' open (and overdue) agreements: members only."""
    other = OrganizationFactory(name="Otra Empresa S.A.")
    earlier = MeetingFactory(start=datetime.datetime(2030, 1, 10, 9, 0, tzinfo=TZ), status=MeetingStatus.PUBLISHED)
    AgreementFactory(meeting=earlier, text="Acuerdo reservado de otra empresa", organizations=[other])
    assert list(agenda_meeting.follow_up_agreements())  # the agreement is in the members' follow-up
    guest = InvitationFactory(
        meeting=agenda_meeting, organization=None, guest_name="Invitada", guest_email="g@example.org"
    )
    page = speak(client, "es").get(reverse("meetings:reply", args=[guest.token])).content.decode()
    assert "Acuerdo reservado de otra empresa" not in page
    assert "Seguimiento de acuerdos" not in page
