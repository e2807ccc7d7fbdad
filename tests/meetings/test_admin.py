import datetime
import io
import json

import pytest
from openpyxl import load_workbook

from django.core import mail
from django.urls import reverse
from django.utils import translation

from wagtail.models import ModelLogEntry

from meetings.models import AgreementStatus, Attendance, Invitation, MeetingStatus
from tests.meetings.factories import AgendaItemFactory, AgreementFactory, InvitationFactory, MeetingFactory
from tests.members.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_meeting_admin_pages_render(staff_client, meeting):
    AgendaItemFactory(meeting=meeting, title="Bienvenida y apertura")
    for url in (
        reverse("meeting:index"),
        reverse("meeting:add"),
        reverse("meeting:edit", args=[meeting.pk]),
        reverse("meeting:inspect", args=[meeting.pk]),
        reverse("meetings_admin:manage", args=[meeting.pk]),
        reverse("meetings_admin:invite", args=[meeting.pk]),
        reverse("meetings_admin:attendance", args=[meeting.pk]),
        reverse("meetings_admin:reschedule", args=[meeting.pk]),
        reverse("meetings_admin:cancel", args=[meeting.pk]),
        reverse("agreement:index"),
        reverse("agreement:add"),
        "/admin/",
    ):
        response = staff_client.get(url)
        assert response.status_code == 200, url
    assert (
        "Bienvenida y apertura"
        in staff_client.get(reverse("meetings_admin:manage", args=[meeting.pk])).content.decode()
    )


def test_non_staff_cannot_use_the_tools(representative_client, meeting):
    url = reverse("meetings_admin:manage", args=[meeting.pk])
    response = representative_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


def test_invite_all_active_members_a_sector_people_and_guests(staff_client, meeting):
    active = OrganizationFactory(sector="agriculture")
    OrganizationFactory(membership_status="withdrawn")
    person = PersonFactory()
    url = reverse("meetings_admin:invite", args=[meeting.pk])
    response = staff_client.post(
        url,
        {
            "all_active_members": "on",
            "sector": "agriculture",
            "people": [person.pk],
            "guests": "Patricia Vera; SENAME; pvera@example.cl\nWilfredo Flores; MINEC; wflores@example.sv",
        },
    )
    assert response.status_code == 302
    kinds = sorted(inv.kind for inv in meeting.invitations.all())
    active_count = len([o for o in [active, person.organization] if o.membership_status == "active"])
    assert kinds.count("guest") == 2
    assert kinds.count("person") == 1
    assert kinds.count("organization") == active_count
    # inviting again adds nothing twice
    staff_client.post(url, {"all_active_members": "on", "guests": "Patricia Vera; SENAME; PVERA@example.cl"})
    assert meeting.invitations.count() == len(kinds)


def test_bad_guest_line_shows_error_and_writes_nothing(staff_client, meeting):
    response = staff_client.post(
        reverse("meetings_admin:invite", args=[meeting.pk]), {"guests": "Bien; Org; bien@example.org\nsin correo"}
    )
    assert response.status_code == 200
    assert "Línea 2" in response.content.decode()
    assert not Invitation.objects.exists()


def test_secretariat_cycle_convene_attendance_minutes(staff_client, meeting, staff_user):
    organization = OrganizationFactory(name="Banco Nacional de Costa Rica", short_name="BNCR")
    PersonFactory(organization=organization, name="Ana Enlace", is_focal_point=True, email="ana@example.org")
    InvitationFactory(meeting=meeting, organization=organization)
    manage = reverse("meetings_admin:manage", args=[meeting.pk])

    response = staff_client.post(reverse("meetings_admin:transition", args=[meeting.pk, "convene"]))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED

    # attendance: the invitee is pre-filled; choosing "present" records it
    page = staff_client.get(reverse("meetings_admin:attendance", args=[meeting.pk])).content.decode()
    assert "Ana Enlace" in page
    data = {
        "attendance-TOTAL_FORMS": "3",
        "attendance-INITIAL_FORMS": "0",
        "attendance-MIN_NUM_FORMS": "0",
        "attendance-MAX_NUM_FORMS": "1000",
        "attendance-0-name": "Ana Enlace",
        "attendance-0-organization": organization.pk,
        "attendance-0-organization_name": "BNCR",
        "attendance-0-body": "network_members",
        "attendance-0-status": "present",
        "attendance-0-role": "delegate",
        "attendance-1-name": "Sin marcar",
        "attendance-1-body": "guests",
        "attendance-1-role": "delegate",
        "attendance-2-role": "delegate",
        "attendance-2-body": "network_members",
        "mark_held": "1",
    }
    response = staff_client.post(reverse("meetings_admin:attendance", args=[meeting.pk]), data)
    # a row with a name but no attendance is an error: nothing is saved
    assert response.status_code == 200
    assert not Attendance.objects.exists()
    data["attendance-1-name"] = ""
    data["attendance-1-body"] = "network_members"
    response = staff_client.post(reverse("meetings_admin:attendance", args=[meeting.pk]), data)
    assert response.status_code == 302
    record = Attendance.objects.get()
    assert record.name == "Ana Enlace" and record.organization == organization
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD

    for action in ("minutes_draft", "circulate", "approve"):
        staff_client.post(reverse("meetings_admin:transition", args=[meeting.pk, action]), {"reason": "ok"})
        if action == "circulate":  # the button leads to the comment deadline's form (meetings.circulation)
            due = datetime.date.today() + datetime.timedelta(days=10)
            staff_client.post(reverse("meetings_admin:circulate", args=[meeting.pk]), {"comments_due": str(due)})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    assert meeting.minutes_approved_by == staff_user
    assert meeting.minutes_approved_at is not None
    logs = ModelLogEntry.objects.filter(action="lifecycle.transition", object_id=str(meeting.pk))
    assert logs.count() == 5
    assert all(entry.user == staff_user for entry in logs)
    assert [(e.data["from"], e.data["to"]) for e in reversed(meeting.history())] == [
        ("planned", "convened"),
        ("convened", "held"),
        ("held", "minutes_draft"),
        ("minutes_draft", "minutes_circulated"),
        ("minutes_circulated", "minutes_approved"),
    ]
    assert "Acta aprobada" in staff_client.get(manage).content.decode()
    history = staff_client.get(reverse("meeting:history", args=[meeting.pk])).content.decode()
    with translation.override("es"):
        old, new = MeetingStatus.MINUTES_CIRCULATED.label, MeetingStatus.MINUTES_APPROVED.label
        assert f"Estado cambiado de «{old}» a «{new}»" in history

    # refused move: approving twice
    staff_client.post(reverse("meetings_admin:transition", args=[meeting.pk, "held"]))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED


def draftail(text):
    block = {"key": "a", "type": "unstyled", "text": text, "depth": 0, "inlineStyleRanges": [], "entityRanges": []}
    return json.dumps({"blocks": [block], "entityMap": {}})


def test_approved_minutes_are_locked(staff_client):
    meeting = MeetingFactory(status=MeetingStatus.MINUTES_APPROVED, general_conclusions="<p>Texto aprobado</p>")
    url = reverse("meeting:edit", args=[meeting.pk])
    response = staff_client.get(url)
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = value
    data.update(
        {
            "start": meeting.local_start.strftime("%Y-%m-%d %H:%M"),
            "end": meeting.local_end.strftime("%Y-%m-%d %H:%M"),
            "general_conclusions": draftail("Cambiado"),
            "public_summary": draftail(""),
            "agenda_items-TOTAL_FORMS": "0",
            "agenda_items-INITIAL_FORMS": "0",
            "agenda_items-MIN_NUM_FORMS": "0",
            "agenda_items-MAX_NUM_FORMS": "1000",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "attachments-MIN_NUM_FORMS": "0",
            "attachments-MAX_NUM_FORMS": "1000",
        }
    )
    data.pop("is_public", None)
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "bloqueada" in response.content.decode()
    meeting.refresh_from_db()
    assert "Texto aprobado" in meeting.general_conclusions


def test_cancel_and_reschedule_from_the_admin(staff_client, meeting):
    InvitationFactory(meeting=meeting, organization=None, guest_name="G", guest_email="g@example.org")
    meeting.convene()
    mail.outbox.clear()
    response = staff_client.post(
        reverse("meetings_admin:reschedule", args=[meeting.pk]),
        {"start": "2030-04-10T14:00", "end": "2030-04-10T16:00", "place": "Sala B", "reason": "Cambio"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.local_start.hour == 14 and meeting.place == "Sala B"
    assert len(mail.outbox) == 1 and "Sala B" in mail.outbox[0].body
    response = staff_client.post(reverse("meetings_admin:cancel", args=[meeting.pk]), {"reason": ""})
    assert response.status_code == 200  # a reason is required
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED
    staff_client.post(reverse("meetings_admin:cancel", args=[meeting.pk]), {"reason": "Sin quórum"})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert "Sin quórum" in mail.outbox[-1].body


def test_agreement_register_filters_status_change_and_export(staff_client, meeting):
    bncr = OrganizationFactory(short_name="BNCR")
    pima = OrganizationFactory(short_name="PIMA")
    first = AgreementFactory(
        meeting=meeting, text="Acuerdo del BNCR", organizations=[bncr], due_date=datetime.date(2000, 1, 1)
    )
    AgreementFactory(meeting=meeting, text="Acuerdo de PIMA", organizations=[pima])
    index = reverse("agreement:index")
    page = staff_client.get(index, {"organization": bncr.pk}).content.decode()
    assert "Acuerdo del BNCR" in page and "Acuerdo de PIMA" not in page
    page = staff_client.get(index, {"overdue": "true"}).content.decode()
    assert "Acuerdo del BNCR" in page and "Acuerdo de PIMA" not in page

    url = reverse("meetings_admin:agreement_status", args=[first.pk])
    response = staff_client.post(url, {"status": "dropped", "reason": ""})
    assert response.status_code == 200
    first.refresh_from_db()
    assert first.status == AgreementStatus.PENDING
    staff_client.post(url, {"status": "dropped", "reason": "Ya no aplica"})
    first.refresh_from_db()
    assert first.status == AgreementStatus.DROPPED and first.dropped_reason == "Ya no aplica"

    response = staff_client.get(reverse("meetings_admin:agreements_export"), {"organization": pima.pk})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    texts = [row[rows[0].index("agreement")] for row in rows[1:]]
    assert texts == ["Acuerdo de PIMA"]


def test_admin_dashboard_panel_shows_overdue_agreements_and_next_meetings(staff_client):
    MeetingFactory(title="Próxima reunión de la Red")
    AgreementFactory(text="Acuerdo vencido del panel", due_date=datetime.date(2000, 1, 1))
    page = staff_client.get("/admin/").content.decode()
    assert "Próxima reunión de la Red" in page
    assert "Acuerdo vencido del panel" in page


def test_attendance_export_of_one_meeting(staff_client, meeting):
    other = MeetingFactory()
    Attendance.objects.create(meeting=meeting, name="Persona de esta reunión", organization_name="X")
    Attendance.objects.create(meeting=other, name="Persona de otra reunión", organization_name="Y")
    response = staff_client.get(reverse("meetings_admin:document", args=[meeting.pk, "attendance.xlsx"]))
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert [row[3] for row in rows[1:]] == ["Persona de esta reunión"]


def test_a_button_makes_only_its_own_move(staff_client):
    """Posting "Approve the minutes" on a published meeting does not withdraw its summary (the
    unpublish move has the same target state)."""
    meeting = MeetingFactory(status=MeetingStatus.PUBLISHED, public_summary="Resumen público")
    response = staff_client.post(reverse("meetings_admin:transition", args=[meeting.pk, "approve"]))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED
    assert not meeting.history().exists()
    staff_client.post(reverse("meetings_admin:transition", args=[meeting.pk, "unpublish"]))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
