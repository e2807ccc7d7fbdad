"""The attendance sheet pre-fills the invitees; only rows whose attendance is chosen are saved."""

import re

import pytest

from django.urls import reverse

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
        if 'type="checkbox"' in tag:
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
