"""The minutes PDF is rendered in the background (meetings/documents.py), in the portal and the
admin, behind the meeting page's own rule: invited organisations once circulated; the staff of the
meeting's network."""

import pytest

from django.contrib.auth.models import Permission
from django.urls import reverse

from meetings.models import MeetingStatus
from network_site.models import RenderedDocument
from network_site.networks import working_for
from tests.helpers import assert_not_found, background_pdf, pdf_text
from tests.network_site.factories import NetworkStaffUserFactory

from .factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _urls(job, area="background_documents:"):
    if area == "admin":
        names = ["network_site_document_status", "network_site_document_status_json", "network_site_document_download"]
    else:
        names = [f"background_documents:{name}" for name in ("status", "status_json", "download")]
    return [reverse(name, args=[job.pk]) for name in names]


def test_members_get_the_minutes_through_a_job_others_get_404(
    client, representative_client, invited_meeting, other_representative
):
    AgendaItemFactory(meeting=invited_meeting, title="Informe de la secretaría técnica")
    invited_meeting.status = MeetingStatus.MINUTES_CIRCULATED
    invited_meeting.save()
    response = representative_client.get(reverse("meetings_portal:minutes_pdf", args=[invited_meeting.pk]))
    job = RenderedDocument.objects.get()
    assert (job.kind, job.params, job.state) == ("meetings.minutes", {"meeting": invited_meeting.pk}, "done")
    assert "Informe de la secretaría técnica" in pdf_text(background_pdf(representative_client, response))
    client.force_login(other_representative)  # not invited
    for url in _urls(job):
        assert_not_found(client.get(url), url)


def test_the_job_follows_the_rule_when_the_minutes_are_withdrawn(representative_client, invited_meeting):
    invited_meeting.status = MeetingStatus.MINUTES_CIRCULATED
    invited_meeting.save()
    representative_client.get(reverse("meetings_portal:minutes_pdf", args=[invited_meeting.pk]))
    job = RenderedDocument.objects.get()
    invited_meeting.status = MeetingStatus.HELD
    invited_meeting.save()
    for url in _urls(job):
        assert_not_found(representative_client.get(url), url)


def test_the_secretariat_gets_the_minutes_through_an_admin_job(staff_client, meeting):
    response = staff_client.get(f"/admin/meetings/{meeting.pk}/files/minutes.pdf")
    job = RenderedDocument.objects.get()
    assert job.kind == "meetings.minutes_admin"
    assert response["Location"] == reverse("network_site_document_status", args=[job.pk])
    page = staff_client.get(response["Location"]).content.decode()
    assert "<progress" in page and meeting.get_admin_manage_url() in page
    assert pdf_text(background_pdf(staff_client, response))
    # The portal's URLs do not serve an admin job.
    for url in _urls(job):
        assert_not_found(staff_client.get(url), url)


def test_staff_of_another_network_get_404_for_the_admin_job(client, staff_client, other_network):
    with working_for(other_network):
        meeting = MeetingFactory(title="Reunión de Ecuador")
    staff_client.get(f"/admin/meetings/{meeting.pk}/files/minutes.pdf")
    job = RenderedDocument.objects.get()
    assert job.network == other_network
    editor = NetworkStaffUserFactory()  # the default network's staff
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "view_meeting"]))
    client.force_login(editor)
    for url in _urls(job, "admin"):
        assert_not_found(client.get(url), url)
