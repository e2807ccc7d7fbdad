import datetime

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgreementStatus, AgreementUpdate, MeetingStatus, MinutesComment, ReplyStatus
from tests.helpers import assert_not_found, background_pdf, pdf_text
from tests.meetings.factories import (
    AgendaItemFactory,
    AgreementFactory,
    AttendanceFactory,
    InvitationFactory,
    MeetingFactory,
)
from tests.members.factories import OrganizationFactory, PortalAccountFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign(other_organization):
    """Another organisation's meeting, invitation and agreement."""
    meeting = MeetingFactory(title="Reunión ajena", status=MeetingStatus.MINUTES_CIRCULATED)
    invitation = InvitationFactory(meeting=meeting, organization=other_organization)
    agreement = AgreementFactory(meeting=meeting, organizations=[other_organization])
    update = agreement.report_progress(
        AgreementStatus.IN_PROGRESS,
        organization=other_organization,
        comment="Avance",
        evidence=SimpleUploadedFile("informe.pdf", b"%PDF-1.4 prueba", content_type="application/pdf"),
    )
    return {"meeting": meeting, "invitation": invitation, "agreement": agreement, "update": update}


def test_list_shows_only_meetings_the_organisation_was_invited_to(representative_client, invited_meeting, foreign):
    response = representative_client.get(reverse("meetings_portal:list"))
    assert response.status_code == 200
    assert invited_meeting.title in response.content.decode()
    assert "Reunión ajena" not in response.content.decode()


def test_every_url_answers_404_for_another_organisations_ids(representative_client, invited_meeting, foreign):
    meeting, invitation = foreign["meeting"], foreign["invitation"]
    agreement, update = foreign["agreement"], foreign["update"]
    get_urls = [
        reverse("meetings_portal:detail", args=[meeting.pk]),
        reverse("meetings_portal:agenda_pdf", args=[meeting.pk]),
        reverse("meetings_portal:minutes_pdf", args=[meeting.pk]),
        reverse("meetings_portal:ics", args=[meeting.pk]),
        reverse("meetings_portal:agreement", args=[agreement.pk]),
        reverse("meetings_portal:evidence", args=[agreement.pk, update.pk]),
    ]
    for url in get_urls:
        assert_not_found(representative_client.get(url), url)
    post_urls = [
        reverse("meetings_portal:reply", args=[meeting.pk, invitation.pk]),
        # our own meeting with the other organisation's invitation id
        reverse("meetings_portal:reply", args=[invited_meeting.pk, invitation.pk]),
        reverse("meetings_portal:comment", args=[meeting.pk]),
        reverse("meetings_portal:agreement", args=[agreement.pk]),
    ]
    for url in post_urls:
        response = representative_client.post(url, {"status": "accepted", "text": "x", "comment": "x"})
        assert_not_found(response, url)
    invitation.refresh_from_db()
    assert invitation.status == ReplyStatus.PENDING
    assert not MinutesComment.objects.exists()
    assert AgreementUpdate.objects.count() == 1


def test_reply_to_invitation_in_the_portal(representative_client, invited_meeting, representative):
    invitation = invited_meeting.invitations.get()
    response = representative_client.get(reverse("meetings_portal:detail", args=[invited_meeting.pk]))
    assert response.status_code == 200
    url = reverse("meetings_portal:reply", args=[invited_meeting.pk, invitation.pk])
    response = representative_client.post(url, {"status": "accepted", "note": "Asistirá la gerente"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == ReplyStatus.ACCEPTED
    assert invitation.replied_by == representative
    entry = invitation.history().get()  # the one history entry: who, from, to, the note
    assert entry.user == representative
    assert entry.data.items() >= {"from": "pending", "to": "accepted", "comment": "Asistirá la gerente"}.items()
    page = representative_client.get(reverse("meetings_portal:detail", args=[invited_meeting.pk])).content.decode()
    assert "Asistirá la gerente" in page


def test_observers_cannot_reply(client, invited_meeting, organization):
    observer = PortalAccountFactory(organization=organization, role="observer").user
    client.force_login(observer)
    invitation = invited_meeting.invitations.get()
    response = client.post(
        reverse("meetings_portal:reply", args=[invited_meeting.pk, invitation.pk]), {"status": "accepted"}
    )
    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == ReplyStatus.PENDING


def test_downloads_of_own_meeting(representative_client, invited_meeting):
    AgendaItemFactory(meeting=invited_meeting, title="Bienvenida")
    response = representative_client.get(reverse("meetings_portal:ics", args=[invited_meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    response = representative_client.get(reverse("meetings_portal:agenda_pdf", args=[invited_meeting.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    # minutes are not visible before they are circulated
    response = representative_client.get(reverse("meetings_portal:minutes_pdf", args=[invited_meeting.pk]))
    assert response.status_code == 404


def test_comment_on_circulated_minutes(representative_client, invited_meeting, organization):
    url = reverse("meetings_portal:comment", args=[invited_meeting.pk])
    representative_client.post(url, {"text": "Demasiado pronto"})
    assert not MinutesComment.objects.exists()  # not circulated yet
    invited_meeting.status = MeetingStatus.MINUTES_CIRCULATED
    invited_meeting.save()
    page = representative_client.get(reverse("meetings_portal:detail", args=[invited_meeting.pk])).content.decode()
    assert 'name="text"' in page
    response = representative_client.post(url, {"text": "Corregir el nombre de la empresa en la lista"})
    assert response.status_code == 302
    comment = MinutesComment.objects.get()
    assert comment.organization == organization
    assert comment.text == "Corregir el nombre de la empresa en la lista"
    response = representative_client.get(reverse("meetings_portal:minutes_pdf", args=[invited_meeting.pk]))
    assert pdf_text(background_pdf(representative_client, response))  # rendered in the background


def test_progress_on_an_agreement(representative_client, invited_meeting, organization):
    agreement = AgreementFactory(meeting=invited_meeting, organizations=[organization], text="Compartir el convenio")
    url = reverse("meetings_portal:agreement", args=[agreement.pk])
    response = representative_client.get(url)
    assert response.status_code == 200
    assert "Compartir el convenio" in response.content.decode()
    bad = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = representative_client.post(url, {"status": "in_progress", "comment": "Avance", "evidence": bad})
    assert response.status_code == 200
    assert "exe" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.PENDING
    assert not agreement.updates.exists()
    good = SimpleUploadedFile("convenio.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    response = representative_client.post(url, {"status": "done", "comment": "Enviado por correo", "evidence": good})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DONE
    update = agreement.updates.get()
    assert update.organization == organization
    assert update.comment == "Enviado por correo"
    evidence = representative_client.get(reverse("meetings_portal:evidence", args=[agreement.pk, update.pk]))
    assert evidence.status_code == 200


def test_agreement_of_person_of_the_organisation_is_visible(representative_client, invited_meeting, organization):
    from tests.members.factories import PersonFactory

    person = PersonFactory(organization=organization)
    agreement = AgreementFactory(meeting=invited_meeting)
    agreement.responsible_people.add(person)
    response = representative_client.get(reverse("meetings_portal:agreements"))
    assert agreement.text in response.content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


def test_query_counts_do_not_grow_with_data(representative_client, invited_meeting, organization):
    def add(n):
        for _ in range(n):
            meeting = MeetingFactory()
            InvitationFactory(meeting=meeting, organization=organization)
            AgendaItemFactory(meeting=invited_meeting)
            AttendanceFactory(meeting=invited_meeting)
            AgreementFactory(meeting=meeting, organizations=[organization, OrganizationFactory()])

    add(2)
    urls = [
        reverse("meetings_portal:list"),
        reverse("meetings_portal:detail", args=[invited_meeting.pk]),
        reverse("meetings_portal:agreements"),
        "/portal/",
    ]
    [_queries(representative_client, url) for url in urls]  # warm caches (site, locale...)
    small = [_queries(representative_client, url) for url in urls]
    add(6)
    [_queries(representative_client, url) for url in urls]  # saves clear the shared caches: warm again
    large = [_queries(representative_client, url) for url in urls]
    assert large == small


def test_dashboard_lists_open_agreements_and_pending_replies(representative_client, invited_meeting, organization):
    AgreementFactory(meeting=invited_meeting, organizations=[organization], text="Acuerdo del panel")
    invited_meeting.status = MeetingStatus.CONVENED
    invited_meeting.save()
    page = representative_client.get("/portal/").content.decode()
    assert "Acuerdo del panel" in page
    assert invited_meeting.title in page


# --- Minutes circulated for comments: the dashboard and the deadline ---------------------------


def _circulated(meeting, organization, due):
    AttendanceFactory(meeting=meeting, name="Persona de la empresa", organization=organization)
    meeting.status = MeetingStatus.MINUTES_CIRCULATED
    meeting.minutes_comments_due = due
    meeting.save()
    return meeting


def test_dashboard_lists_minutes_to_comment_until_the_deadline(
    representative_client, invited_meeting, organization, other_organization
):
    today = timezone.localdate()
    _circulated(invited_meeting, organization, today + datetime.timedelta(days=3))
    page = representative_client.get("/portal/").content.decode()
    assert f"Acta para comentar: {invited_meeting.title}" in page
    assert f"{invited_meeting.get_portal_url()}#minutes" in page

    # another organisation that did not attend sees nothing
    other_client = Client()
    other_client.force_login(PortalAccountFactory(organization=other_organization).user)
    InvitationFactory(meeting=invited_meeting, organization=other_organization)
    assert "Acta para comentar" not in other_client.get("/portal/").content.decode()

    # on the deadline's day it is still listed; the day after, it is gone
    invited_meeting.minutes_comments_due = today
    invited_meeting.save()
    assert "Acta para comentar" in representative_client.get("/portal/").content.decode()
    invited_meeting.minutes_comments_due = today - datetime.timedelta(days=1)
    invited_meeting.save()
    assert "Acta para comentar" not in representative_client.get("/portal/").content.decode()


def test_comments_are_accepted_until_the_deadline_and_refused_after(
    representative_client, invited_meeting, organization
):
    today = timezone.localdate()
    _circulated(invited_meeting, organization, today)
    detail = reverse("meetings_portal:detail", args=[invited_meeting.pk])
    url = reverse("meetings_portal:comment", args=[invited_meeting.pk])
    page = representative_client.get(detail).content.decode()
    assert "Se reciben comentarios hasta el" in page and 'name="text"' in page
    response = representative_client.post(url, {"text": "Último día: corregir la lista"})
    assert response.status_code == 302
    assert MinutesComment.objects.count() == 1

    invited_meeting.minutes_comments_due = today - datetime.timedelta(days=1)
    invited_meeting.save()
    page = representative_client.get(detail).content.decode()
    assert "El plazo para comentarios terminó el" in page
    assert 'name="text"' not in page
    response = representative_client.post(url, {"text": "Demasiado tarde"}, follow=True)
    assert "El plazo para comentarios terminó el" in response.content.decode()
    assert "su comentario no se envió" in response.content.decode()
    assert MinutesComment.objects.count() == 1


def test_an_empty_comment_shows_the_error_on_the_page(representative_client, invited_meeting, organization):
    _circulated(invited_meeting, organization, timezone.localdate() + datetime.timedelta(days=5))
    url = reverse("meetings_portal:comment", args=[invited_meeting.pk])
    response = representative_client.post(url, {"text": "   "})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Su comentario no se envió" in page
    assert 'class="field__error"' in page
    assert not MinutesComment.objects.exists()


def test_the_dashboard_query_count_does_not_grow_with_circulated_minutes(
    representative_client, invited_meeting, organization
):
    due = timezone.localdate() + datetime.timedelta(days=5)

    def add(n):
        for _ in range(n):
            meeting = MeetingFactory()
            InvitationFactory(meeting=meeting, organization=organization)
            _circulated(meeting, organization, due)

    add(3)  # the panel's "next meetings" shows three at most: count beyond them
    for _ in range(2):  # warm the shared caches (site, settings, menus) that saves drop
        _queries(representative_client, "/portal/")
    small = _queries(representative_client, "/portal/")
    add(5)
    for _ in range(2):
        _queries(representative_client, "/portal/")
    assert _queries(representative_client, "/portal/") == small
