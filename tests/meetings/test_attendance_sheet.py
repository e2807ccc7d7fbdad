"""The attendance sheet pre-fills the invitees; only rows whose attendance is chosen are saved."""

import datetime
import re

import pytest

from django.urls import reverse
from django.utils import timezone

from meetings.models import Attendance
from tests.meetings.factories import InvitationFactory
from tests.members.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_prefilled_invitees_are_recorded_only_when_their_attendance_is_chosen(staff_client, meeting):
    org = OrganizationFactory()
    PersonFactory(organization=org, is_focal_point=True)
    org2 = OrganizationFactory()
    InvitationFactory(meeting=meeting, organization=org)
    InvitationFactory(meeting=meeting, organization=org2)
    InvitationFactory(
        meeting=meeting,
        organization=None,
        guest_name="Patricia Vera",
        guest_email="p@example.org",
        guest_organization="SENAME",
    )
    url = reverse("meetings_admin:attendance", args=[meeting.pk])
    html = staff_client.get(url).content.decode()
    data = {}
    for m in re.finditer(r'<input[^>]*name="([^"]+)"[^>]*>', html):
        tag = m.group(0)
        v = re.search(r'value="([^"]*)"', tag)
        if 'type="checkbox"' in tag or ('type="radio"' in tag and "checked" not in tag):
            continue
        data[m.group(1)] = v.group(1) if v else ""
    for m in re.finditer(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        sel = re.search(r'<option value="([^"]*)"[^>]*selected', m.group(2))
        data[m.group(1)] = sel.group(1) if sel else ""
    guest = [k for k, v in data.items() if v == "Patricia Vera"][0]
    data[guest.replace("-name", "-status")] = "present"
    r = staff_client.post(url, data)
    assert r.status_code == 302
    record = Attendance.objects.get()
    assert record.name == "Patricia Vera"
    assert record.organization_name == "SENAME"
    assert record.body == "guests"


def test_each_row_shows_the_name_and_the_attendance_choice_first(staff_client, meeting):
    """One row per person: the name, then the three choices as radio buttons (keyboard: arrows),
    the other details in the row's disclosure; no pre-filled row has a choice made for it."""
    InvitationFactory(meeting=meeting, organization=None, guest_name="Patricia Vera", guest_email="p@example.org")
    html = staff_client.get(reverse("meetings_admin:attendance", args=[meeting.pk])).content.decode()
    row = re.search(r'<tr class="att-row[^"]*" data-row="0">(.*?)</tr>', html, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert 'value="Patricia Vera"' in cells[0]
    radios = re.findall(r'<input type="radio" name="attendance-0-status" value="(\w+)"[^>]*>', cells[1])
    assert radios == ["present", "absent", "excused"]
    assert "checked" not in cells[1]
    assert "<details" in cells[2] and 'name="attendance-0-organization"' in cells[2]
    assert 'name="attendance-0-organization"' not in cells[0] + cells[1]


def test_mark_held_is_offered_only_once_the_meeting_started(staff_client, meeting):
    InvitationFactory(meeting=meeting)
    meeting.convene()
    url = reverse("meetings_admin:attendance", args=[meeting.pk])
    assert 'name="mark_held"' not in staff_client.get(url).content.decode()  # 2030: not started
    meeting.start = timezone.now() - datetime.timedelta(minutes=5)
    meeting.save()
    assert 'name="mark_held"' in staff_client.get(url).content.decode()
