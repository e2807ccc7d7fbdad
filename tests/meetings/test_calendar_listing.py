"""The public calendar's listing, built once per cache generation."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Site

from meetings.models import CalendarPage, MeetingStatus
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar_page(db):
    root = Site.objects.get(is_default_site=True).root_page
    return root.add_child(instance=CalendarPage(title="Calendario", slug="calendario"))


def test_a_meeting_that_ends_leaves_the_upcoming_list_without_any_change(client, calendar_page, monkeypatch):
    now = timezone.now()
    MeetingFactory(
        title="Reunión ordinaria de marzo", is_public=True, start=now + datetime.timedelta(hours=1),
        end=now + datetime.timedelta(hours=3),
    )  # fmt: skip
    MeetingFactory(
        title="Intercambio con Chile", is_public=True, status=MeetingStatus.PUBLISHED,
        start=now - datetime.timedelta(days=30), end=now - datetime.timedelta(days=30, hours=-2),
        public_summary="<p>Se compartieron las experiencias de las redes de Chile y Costa Rica.</p>",
    )  # fmt: skip
    client.get(calendar_page.url)  # creates the site's settings row: a new generation
    client.get(calendar_page.url)  # builds the listing
    with CaptureQueriesContext(connection) as steady:
        html = client.get(calendar_page.url).content.decode()
    assert "Reunión ordinaria de marzo" in html
    assert "Se compartieron las experiencias" in html
    assert not [q for q in steady.captured_queries if "meetings_meeting" in q["sql"]]

    later = now + datetime.timedelta(hours=4)
    monkeypatch.setattr(timezone, "now", lambda: later)
    html = client.get(calendar_page.url).content.decode()
    assert "Reunión ordinaria de marzo" not in html
    assert "Por ahora no hay reuniones públicas previstas." in html
    assert "Intercambio con Chile" in html


def test_a_new_meeting_appears_at_once(client, calendar_page):
    client.get(calendar_page.url)
    start = timezone.now() + datetime.timedelta(days=7)
    MeetingFactory(
        title="Taller de cadena de valor", is_public=True, start=start, end=start + datetime.timedelta(hours=2)
    )
    assert "Taller de cadena de valor" in client.get(calendar_page.url).content.decode()
