import datetime
import io
import json

import pytest
from openpyxl import load_workbook

from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, timezone, translation

from wagtail.models import ModelLogEntry

from meetings.models import AgreementStatus, Attendance, Invitation, Meeting, MeetingStatus
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
    meeting.start = timezone.now() - datetime.timedelta(hours=1)  # it can be marked held once started
    meeting.end = meeting.start + datetime.timedelta(hours=3)
    meeting.save()
    organization = OrganizationFactory(name="Banco Nacional de Costa Rica", short_name="BNCR")
    PersonFactory(organization=organization, name="Ana Enlace", is_focal_point=True, email="ana@example.org")
    InvitationFactory(meeting=meeting, organization=organization)
    manage = reverse("meetings_admin:manage", args=[meeting.pk])

    convene = reverse("meetings_admin:transition", args=[meeting.pk, "convene"])
    page = staff_client.get(convene).content.decode()
    assert "1 dirección" in page or "1 address" in page  # the confirmation says how many e-mails go
    staff_client.post(convene)  # not confirmed: nothing is sent
    assert len(mail.outbox) == 0
    response = staff_client.post(convene, {"confirmed": "1"})
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
        staff_client.post(
            reverse("meetings_admin:transition", args=[meeting.pk, action]), {"reason": "ok", "confirmed": "1"}
        )
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
    name = rows[0].index("name")
    assert [row[name] for row in rows[1:]] == ["Persona de esta reunión"]


def test_a_button_makes_only_its_own_move(staff_client):
    """Posting "Approve the minutes" on a published meeting does not withdraw its summary (the
    unpublish move has the same target state)."""
    meeting = MeetingFactory(status=MeetingStatus.PUBLISHED, public_summary="Resumen público")
    response = staff_client.post(reverse("meetings_admin:transition", args=[meeting.pk, "approve"]))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED
    assert not meeting.history().exists()
    staff_client.post(reverse("meetings_admin:transition", args=[meeting.pk, "unpublish"]), {"confirmed": "1"})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED


# --- The agreement form: only this meeting's agenda items ---------------------------------------


def test_the_agreement_form_offers_only_the_meetings_agenda_items(staff_client, meeting):
    other = MeetingFactory(title="Otra reunión")
    mine = AgendaItemFactory(meeting=meeting, title="Seguimiento del plan")
    theirs = AgendaItemFactory(meeting=other, title="Seguimiento del plan")  # the same title elsewhere
    url = reverse("agreement:add") + f"?meeting={meeting.pk}"
    form = staff_client.get(url).context["form"]
    assert list(form.fields["agenda_item"].queryset) == [mine]
    assert list(form.fields["meeting"].queryset) == [meeting]

    data = {"meeting": meeting.pk, "agenda_item": theirs.pk, "text": "Enviar el informe", "due_date": "2030-06-30"}
    response = staff_client.post(url, data)
    assert response.status_code == 200  # another meeting's item is a form error
    assert response.context["form"].errors["agenda_item"]
    assert not meeting.agreements.exists()

    response = staff_client.post(url, {**data, "agenda_item": mine.pk})
    assert response.status_code == 302
    assert response["Location"] == meeting.get_admin_manage_url()  # back to the meeting
    agreement = meeting.agreements.get()
    assert agreement.agenda_item == mine

    edit = reverse("agreement:edit", args=[agreement.pk])
    response = staff_client.post(edit, {**data, "agenda_item": mine.pk, "text": "Enviar el informe final"})
    assert response["Location"] == meeting.get_admin_manage_url()


def test_the_agreement_form_refuses_an_item_of_another_meeting_even_when_listed(meeting):
    from meetings.forms import AgreementAdminForm
    from meetings.models import Agreement

    other_item = AgendaItemFactory(meeting=MeetingFactory())
    form_class = type(
        "Form",
        (AgreementAdminForm,),
        {"Meta": type("Meta", (), {"model": Agreement, "fields": ["meeting", "agenda_item", "text"]})},
    )
    form = form_class(data={"meeting": meeting.pk, "agenda_item": other_item.pk, "text": "x"})
    form.fields["agenda_item"].queryset = other_item.__class__.objects.all()  # even if it were offered
    assert not form.is_valid()
    with translation.override("es"):
        assert "otra reunión" in " ".join(form.errors["agenda_item"])


# --- Approving and publishing: confirmation, a summary, corrections after approval ---------------


def test_approve_and_publish_ask_for_confirmation_first(staff_client):
    meeting = MeetingFactory(status=MeetingStatus.MINUTES_DRAFT)
    manage = reverse("meetings_admin:manage", args=[meeting.pk])
    approve = reverse("meetings_admin:transition", args=[meeting.pk, "approve"])
    assert f'href="{approve}"' in staff_client.get(manage).content.decode()  # a link to the confirmation page
    page = staff_client.get(approve)
    assert page.status_code == 200
    assert 'name="confirmed" value="1"' in page.content.decode()
    # A post without the confirmation only leads to the confirmation page.
    response = staff_client.post(approve)
    assert response["Location"] == approve
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_DRAFT
    staff_client.post(approve, {"confirmed": "1"})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED

    publish = reverse("meetings_admin:transition", args=[meeting.pk, "publish"])
    assert staff_client.post(publish)["Location"] == publish
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED


def test_publishing_needs_a_public_summary(staff_client):
    meeting = MeetingFactory(status=MeetingStatus.MINUTES_APPROVED, public_summary="<p> </p>")
    publish = reverse("meetings_admin:transition", args=[meeting.pk, "publish"])
    page = staff_client.get(publish).content.decode()
    assert "Escriba el resumen público antes de publicarlo." in page
    assert 'name="confirmed"' not in page
    staff_client.post(publish, {"confirmed": "1"})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    with pytest.raises(ValidationError):
        meeting.transition_to(MeetingStatus.PUBLISHED, name="publish")

    staff_client.post(
        reverse("meetings_admin:summary", args=[meeting.pk]), {"public_summary": draftail("Se acordó el plan")}
    )
    meeting.refresh_from_db()
    assert "Se acordó el plan" in meeting.public_summary
    staff_client.post(publish, {"confirmed": "1"})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PUBLISHED
    assert meeting.is_public  # the summary is read on the public calendar


def test_the_public_summary_can_be_corrected_after_approval_but_the_minutes_stay_frozen(staff_client, client):
    from wagtail.models import Site

    from meetings.models import CalendarPage

    calendar = Site.objects.get(is_default_site=True).root_page.add_child(
        instance=CalendarPage(title="Calendario", slug="calendario")
    )
    meeting = MeetingFactory(
        status=MeetingStatus.PUBLISHED,
        is_public=True,
        public_summary="<p>Resumen con una errata</p>",
        general_conclusions="<p>Conclusiones aprobadas</p>",
    )
    public_url = calendar.url + calendar.reverse_subpage("meeting", args=(meeting.pk,))
    assert "Resumen con una errata" in client.get(public_url).content.decode()  # (now cached)
    summary = reverse("meetings_admin:summary", args=[meeting.pk])
    response = staff_client.post(summary, {"public_summary": draftail("Resumen corregido")})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert "Resumen corregido" in meeting.public_summary
    assert meeting.status == MeetingStatus.PUBLISHED
    html = client.get(public_url).content.decode()  # the republished content
    assert "Resumen corregido" in html and "errata" not in html
    # An empty published summary is refused.
    response = staff_client.post(summary, {"public_summary": draftail("")})
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert "Resumen corregido" in meeting.public_summary

    # The edit form: the summary may still change; the approved minutes may not.
    edit = reverse("meeting:edit", args=[meeting.pk])
    data = _edit_data(staff_client, edit, meeting, public_summary=draftail("Resumen final"))
    response = staff_client.post(edit, data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert "Resumen final" in meeting.public_summary
    data = _edit_data(staff_client, edit, meeting, general_conclusions=draftail("Cambiadas"))
    response = staff_client.post(edit, data)
    assert response.status_code == 200 and "bloqueada" in response.content.decode()
    meeting.refresh_from_db()
    assert "Conclusiones aprobadas" in meeting.general_conclusions


def _edit_data(staff_client, url, meeting, **changes):
    form = staff_client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(
        {
            "start": meeting.local_start.strftime("%Y-%m-%d %H:%M"),
            "end": meeting.local_end.strftime("%Y-%m-%d %H:%M"),
            "general_conclusions": draftail("Conclusiones aprobadas"),
            "public_summary": draftail(str(meeting.public_summary).replace("<p>", "").replace("</p>", "")),
            **{
                f"{name}-{key}": value
                for name in ("agenda_items", "attachments")
                for key, value in (
                    ("TOTAL_FORMS", "0"),
                    ("INITIAL_FORMS", "0"),
                    ("MIN_NUM_FORMS", "0"),
                    ("MAX_NUM_FORMS", "1000"),
                )
            },
            **changes,
        }
    )
    data["is_public"] = "on"
    for key in ("series", "number"):
        if data.get(key) is None:
            data[key] = ""
    return data


def test_a_meeting_cannot_be_marked_held_before_it_starts(staff_client, meeting):
    InvitationFactory(meeting=meeting)
    meeting.convene()
    manage = reverse("meetings_admin:manage", args=[meeting.pk])
    page = staff_client.get(manage).content.decode()
    assert 'data-action="held"' not in page
    staff_client.post(reverse("meetings_admin:transition", args=[meeting.pk, "held"]))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED
    with translation.override("en"), pytest.raises(ValidationError) as error:
        meeting.transition_to(MeetingStatus.HELD)
    assert "has not started yet" in error.value.messages[0]
    meeting.start = timezone.now() - datetime.timedelta(minutes=1)
    meeting.save()
    assert 'data-action="held"' in staff_client.get(manage).content.decode()
    staff_client.post(reverse("meetings_admin:transition", args=[meeting.pk, "held"]))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD


# --- Copy a meeting; meetings of a series -----------------------------------------------------------


def test_copy_for_the_next_session_of_a_series(staff_client, staff_user):
    from meetings.models import MeetingSeries

    series = MeetingSeries.objects.create(name="Sesión ordinaria", interval_weeks=8)
    first = MeetingFactory(
        title="Sesión ordinaria n.º 1", series=series, number=1, status=MeetingStatus.PUBLISHED, is_public=True
    )
    first.public_summary = "<p>Resumen</p>"
    first.general_conclusions = "<p>Conclusiones</p>"
    first.save()
    AgendaItemFactory(
        meeting=first,
        title="Bienvenida",
        notes="<p>Ideas</p>",
        conclusions="<p>Concl.</p>",
        day=first.local_start.date(),
    )
    AgendaItemFactory(meeting=first, title="Seguimiento de acuerdos")
    org = OrganizationFactory()
    InvitationFactory(meeting=first, organization=org, status="accepted", reply_note="Iré")
    InvitationFactory(
        meeting=first, organization=None, guest_name="Patricia Vera", guest_email="pv@example.cl", status="declined"
    )
    Attendance.objects.create(meeting=first, name="Ana", organization_name="X")
    AgreementFactory(meeting=first)

    url = reverse("meetings_admin:copy", args=[first.pk])
    form = staff_client.get(url).context["form"]
    assert form.initial["title"] == "Sesión ordinaria n.º 2"
    assert form.initial["start"].date() == (first.local_start + datetime.timedelta(weeks=8)).date()

    response = staff_client.post(
        url,
        {
            "title": "Sesión ordinaria n.º 2",
            "start": "2030-05-22T09:00",
            "end": "2030-05-22T12:00",
            "invite_same": "on",
        },
    )
    assert response.status_code == 302
    copy = series.meetings.get(number=2)
    assert response["Location"] == copy.get_admin_manage_url()
    assert copy.status == MeetingStatus.PLANNED and copy.place == first.place
    assert not copy.is_public  # not on the public calendar until the secretariat says so
    assert [item.title for item in copy.agenda_items.all()] == ["Bienvenida", "Seguimiento de acuerdos"]
    item = copy.agenda_items.get(title="Bienvenida")
    assert item.day == datetime.date(2030, 5, 22) and not item.notes and not item.conclusions
    # Never copied: replies, attendance, minutes, agreements.
    assert not copy.public_summary and not copy.general_conclusions
    assert {inv.status for inv in copy.invitations.all()} == {"pending"} and copy.invitations.count() == 2
    assert not copy.invitations.exclude(reply_note="").exists()
    assert not copy.attendance.exists() and not copy.agreements.exists() and not copy.attachments.exists()
    assert not copy.history().exists()

    # The series lists its meetings together; the next copy is number 3.
    page = staff_client.get(reverse("meetings_admin:series", args=[series.pk])).content.decode()
    assert "Sesión ordinaria n.º 1" in page and "Sesión ordinaria n.º 2" in page
    assert (
        staff_client.get(reverse("meetings_admin:copy", args=[first.pk])).context["form"].initial["title"]
        == "Sesión ordinaria n.º 3"
    )
    manage = staff_client.get(copy.get_admin_manage_url()).content.decode()
    assert "Sesión ordinaria n.º 1" in manage  # the other meetings of the series


def test_a_copy_with_a_bad_date_is_refused_and_nothing_is_created(staff_client, meeting):
    response = staff_client.post(
        reverse("meetings_admin:copy", args=[meeting.pk]),
        {"title": "Siguiente", "start": "2030-05-22T12:00", "end": "2030-05-22T09:00"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["end"]
    assert Meeting.objects.count() == 1


def test_a_session_number_is_unique_in_its_series(meeting):
    from meetings.models import MeetingSeries

    series = MeetingSeries.objects.create(name="Sesión ordinaria")
    MeetingFactory(series=series, number=4)
    meeting.series, meeting.number = series, 4
    with pytest.raises(ValidationError):
        meeting.full_clean()
    meeting.series = None
    with pytest.raises(ValidationError):
        meeting.full_clean()


def test_the_new_tools_are_for_the_secretariat_only(client, representative_client, meeting):
    from django.contrib.auth.models import Permission

    from meetings.models import MeetingSeries
    from tests.network_site.factories import NetworkStaffUserFactory

    series = MeetingSeries.objects.create(name="Sesión ordinaria")
    urls = [
        reverse("meetings_admin:summary", args=[meeting.pk]),
        reverse("meetings_admin:copy", args=[meeting.pk]),
        reverse("meetings_admin:series", args=[series.pk]),
        reverse("meetings_admin:transition", args=[meeting.pk, "approve"]),
    ]
    for url in urls:
        response = representative_client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login")), url
    # An admin user who may change meetings but not add them cannot copy one.
    editor = NetworkStaffUserFactory()
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "change_meeting", "view_meeting"])
    )
    client.force_login(editor)
    assert client.get(urls[0]).status_code == 200
    refused = client.get(urls[1])  # Wagtail answers a refusal with a redirect to the dashboard
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    response = client.post(urls[1], {"title": "x", "start": "2030-05-22T09:00", "end": "2030-05-22T12:00"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert Meeting.objects.count() == 1


def test_unknown_meetings_and_series_answer_404(staff_client, meeting):
    for url in (
        reverse("meetings_admin:summary", args=[meeting.pk + 100]),
        reverse("meetings_admin:copy", args=[meeting.pk + 100]),
        reverse("meetings_admin:series", args=[999]),
        reverse("meetings_admin:transition", args=[meeting.pk, "held"]),  # no confirmation page
    ):
        assert staff_client.get(url).status_code == 404, url


def test_the_proposed_date_of_a_copy_is_never_in_the_past():
    old = MeetingFactory(start=timezone.now() - datetime.timedelta(days=400))
    proposed = old.proposed_next_start()
    assert timezone.now() < proposed <= timezone.now() + datetime.timedelta(weeks=4)
    assert (proposed - old.start) % datetime.timedelta(weeks=4) == datetime.timedelta(0)


def test_approving_during_the_comment_period_warns_that_it_closes_comments_early(staff_client):
    due = timezone.localdate() + datetime.timedelta(days=3)
    meeting = MeetingFactory(status=MeetingStatus.MINUTES_CIRCULATED, minutes_comments_due=due)
    approve = reverse("meetings_admin:transition", args=[meeting.pk, "approve"])
    with translation.override("es"):
        due_text = formats.date_format(due, "DATE_FORMAT")
    page = staff_client.get(approve, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'data-warning="comments-open"' in page
    assert f"podrían comentar el acta hasta el {due_text}" in page
    assert 'name="confirmed" value="1"' in page  # a warning: approving stays possible
    # Once the deadline has passed, no warning.
    meeting.minutes_comments_due = timezone.localdate() - datetime.timedelta(days=1)
    meeting.save(update_fields=["minutes_comments_due"])
    assert 'data-warning="comments-open"' not in staff_client.get(approve).content.decode()
