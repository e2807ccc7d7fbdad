import io
from types import SimpleNamespace

import pytest

from meetings import demo
from meetings.models import AgreementStatus, CalendarPage, Meeting, MeetingStatus

pytestmark = pytest.mark.django_db


def command():
    return SimpleNamespace(stdout=io.StringIO())


def test_demo_loads_the_2017_exchange_and_is_idempotent(client):
    assert demo.load(command()) == []
    exchange = Meeting.objects.get(title=demo.EXCHANGE_TITLE)
    assert exchange.local_start.date().isoformat() == "2017-03-27"
    assert exchange.local_end.date().isoformat() == "2017-03-29"
    titles = list(exchange.agenda_items.values_list("title", flat=True))
    assert "Bienvenida y apertura" in titles
    assert any("PANI" in title for title in titles)
    assert exchange.attendance.filter(name="Mariano Arias", body="network_members").exists()
    assert exchange.agreements.count() == 3
    statuses = set(Meeting.objects.values_list("status", flat=True))
    assert {MeetingStatus.PUBLISHED, MeetingStatus.MINUTES_APPROVED, MeetingStatus.CONVENED} <= statuses
    agreement_states = set(exchange.agreements.model.objects.values_list("status", flat=True))
    assert {AgreementStatus.PENDING, AgreementStatus.IN_PROGRESS, AgreementStatus.DONE} <= agreement_states
    count = Meeting.objects.count()
    demo.load(command())
    assert Meeting.objects.count() == count
    page = CalendarPage.objects.get()
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Reunión ordinaria de la Red — próximo trimestre" in response.content.decode()
    assert "Intercambio de experiencias" in response.content.decode()  # published summary


def test_calendar_page_routes(client):
    demo.load(command())
    page = CalendarPage.objects.get()
    upcoming = Meeting.objects.get(title="Reunión ordinaria de la Red — próximo trimestre")
    private = Meeting.objects.get(title="Reunión ordinaria de la Red de Empresas")
    response = client.get(f"{page.url}{upcoming.pk}/")
    assert response.status_code == 200
    assert client.get(f"{page.url}{private.pk}/").status_code == 404
    feed = client.get(f"{page.url}feed/")
    assert feed.status_code == 200
    assert b"BEGIN:VCALENDAR" in feed.content
    assert "próximo trimestre".encode() in feed.content


def test_ecuador_gets_its_own_meetings_in_its_time_zone(client):
    from members import demo as members_demo
    from network_site import demo_networks
    from network_site.networks import activate

    _costa_rica, ecuador = demo_networks.ensure(command())
    with activate(ecuador):
        members_demo.load(command())
        assert demo.load(command()) == []
        demo.load(command())  # idempotent
        meetings = list(Meeting.objects.order_by("start"))
        assert [meeting.title for meeting in meetings] == [demo.EC_FIRST_TITLE, demo.EC_UPCOMING_TITLE]
        assert all(str(meeting.local_start.tzinfo) == "America/Guayaquil" for meeting in meetings)
        assert meetings[0].local_start.hour == 9 and meetings[1].local_start.hour == 15
        assert meetings[0].agreements.count() == 3 and meetings[0].attendance.exists()
        assert meetings[1].invitations.filter(organization__slug="floricola-andina").exists()
    assert not Meeting.objects.filter(network=ecuador, title=demo.EXCHANGE_TITLE).exists()
    page = CalendarPage.objects.descendant_of(ecuador.site.root_page).get()
    response = client.get(page.get_url_parts()[2], HTTP_HOST="ecuador.localhost")
    assert response.status_code == 200
    assert demo.EC_UPCOMING_TITLE in response.content.decode()
