import datetime
import io
import zoneinfo

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.documents import minutes_context
from meetings.models import AgreementStatus, AttendanceBody, AttendanceStatus, MeetingStatus
from network_site.pdf import render_pdf
from tests.helpers import background_pdf, pdf_text
from tests.meetings.factories import (
    AgendaItemFactory,
    AgreementFactory,
    AttendanceFactory,
    InvitationFactory,
    MeetingFactory,
)
from tests.members.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db
TZ = zoneinfo.ZoneInfo("America/Costa_Rica")


def test_minutes_pdf_holds_agenda_agreements_and_attendance(staff_client):
    uccaep = OrganizationFactory(name="Unión de Cámaras", short_name="UCCAEP")
    meeting = MeetingFactory(
        title="Intercambio de experiencias",
        start=datetime.datetime(2017, 3, 27, 9, 0, tzinfo=TZ),
        end=datetime.datetime(2017, 3, 29, 13, 30, tzinfo=TZ),
        status=MeetingStatus.MINUTES_APPROVED,
        general_conclusions="<p>Los participantes se comprometieron a intercambiar documentos.</p>",
    )
    AgendaItemFactory(
        meeting=meeting, title="Bienvenida y apertura", session="Sesión A", notes="<p>Cooperación Sur Sur</p>"
    )
    AgendaItemFactory(meeting=meeting, title="Conversatorio con la Red", day=datetime.date(2017, 3, 29))
    AgreementFactory(meeting=meeting, text="Enviar información sobre hogares solidarios", organizations=[uccaep])
    AttendanceFactory(meeting=meeting, name="Mariano Arias", organization=uccaep, body=AttendanceBody.NETWORK_MEMBERS)
    AttendanceFactory(
        meeting=meeting,
        name="Noor Denkers",
        organization=None,
        organization_name="OIT",
        body=AttendanceBody.INTERNATIONAL,
    )
    AttendanceFactory(
        meeting=meeting, name="Ausente Justificada", organization=uccaep, status=AttendanceStatus.EXCUSED
    )
    response = staff_client.get(f"/admin/meetings/{meeting.pk}/files/minutes.pdf")  # rendered in the background
    text = pdf_text(background_pdf(staff_client, response))
    for expected in (
        "Intercambio de experiencias",
        "Bienvenida y apertura",
        "Conversatorio con la Red",
        "Cooperación Sur Sur",
        "Enviar información sobre hogares solidarios",
        "Mariano Arias",
        "Noor Denkers",
        "OIT",
        "UCCAEP",
        "intercambiar documentos",
    ):
        assert expected in text, expected
    # participant list grouped by body, in the seed's order
    assert text.index("Mariano Arias") < text.index("Noor Denkers")
    assert "1 / " in text  # page numbers


def test_minutes_context_queries_do_not_grow():
    def build(n):
        meeting = MeetingFactory()
        earlier = MeetingFactory(start=meeting.start - datetime.timedelta(days=30))
        organization = OrganizationFactory()
        for i in range(n):
            AgendaItemFactory(meeting=meeting, sort_order=i)
            AttendanceFactory(meeting=meeting, organization=organization)
            AgreementFactory(meeting=meeting, organizations=[organization, OrganizationFactory()])
            AgreementFactory(meeting=earlier, organizations=[organization], status=AgreementStatus.IN_PROGRESS)
        return meeting

    counts = []
    for n in (2, 8):
        meeting = build(n)
        with CaptureQueriesContext(connection) as context:
            render_pdf("meetings/pdf/minutes.html", minutes_context(meeting))
        counts.append(len(context))
    assert counts[0] == counts[1]


def test_sign_in_sheet_lists_invitees_and_attendance(staff_client):
    meeting = MeetingFactory(title="Reunión con firmas")
    AttendanceFactory(meeting=meeting, name="Carolina Rodríguez", organization_name="PIMA", organization=None)
    response = staff_client.get(f"/admin/meetings/{meeting.pk}/files/sign-in.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Reunión con firmas" in text
    assert "Carolina Rodríguez" in text
    assert "1 Carolina Rodríguez PIMA" in text
    assert "miércoles 27 marzo 2030, 09:00 · Ministerio de Trabajo y Seguridad Social, San José" in text


def test_sign_in_sheet_before_attendance_lists_the_invitees_by_organisation(staff_client):
    meeting = MeetingFactory(title="Reunión con firmas", place="Sala B")
    InvitationFactory(meeting=meeting, organization=OrganizationFactory(short_name="UCCAEP"))
    InvitationFactory(
        meeting=meeting,
        organization=None,
        guest_name="Patricia Vera",
        guest_email="p@example.org",
        guest_organization="OIT",
    )
    person = PersonFactory(name="Mariano Arias", organization=OrganizationFactory(short_name="BNCR"))
    InvitationFactory(meeting=meeting, organization=None, person=person)
    response = staff_client.get(f"/admin/meetings/{meeting.pk}/files/sign-in.pdf")
    text = pdf_text(response.content)
    assert "miércoles 27 marzo 2030, 09:00 · Sala B" in text
    assert "1 Mariano Arias BNCR 2 Patricia Vera OIT 3 UCCAEP" in text  # by organisation, then name


def test_large_meeting_renders(staff_client):
    """The bench target's shape: 30 agenda items and 60 attendees (time is measured by `make bench`)."""
    meeting = MeetingFactory(status=MeetingStatus.MINUTES_APPROVED)
    for i in range(30):
        AgendaItemFactory(meeting=meeting, sort_order=i, notes="<p>Idea principal</p>")
    organizations = [OrganizationFactory() for _ in range(10)]
    for i in range(60):
        AttendanceFactory(meeting=meeting, organization=organizations[i % 10])
    response = staff_client.get(f"/admin/meetings/{meeting.pk}/files/minutes.pdf")
    text = pdf_text(background_pdf(staff_client, response))
    assert "Persona Asistente" in text


def test_sign_in_sheet_columns_fit_long_names(staff_client):
    """Landscape with fixed column widths: a long name stays whole in its own column (it wraps
    inside the cell, never into the signature's room)."""
    from pypdf import PdfReader

    meeting = MeetingFactory(title="Reunión con firmas")
    long_name = "María de los Ángeles Rodríguez Castro-Villalobos"
    AttendanceFactory(
        meeting=meeting, name=long_name, organization_name="Cámara Costarricense de la Industria Alimentaria",
        organization=None,
    )  # fmt: skip
    response = staff_client.get(f"/admin/meetings/{meeting.pk}/files/sign-in.pdf")
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    lines = page.extract_text(extraction_mode="layout").splitlines()  # keeps the columns' positions
    header = next(line for line in lines if "Nombre" in line and "Firma" in line)
    row = next(line for line in lines if "María" in line)
    assert long_name in row  # whole, on one line of its own column
    assert row.index(long_name) < row.index("Cámara Costarricense")
    assert header.index("Firma") > header.index("Correo") > header.index("Organización")
    assert long_name in pdf_text(response.content)
