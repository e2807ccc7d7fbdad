import datetime
import io
import zoneinfo

import icalendar
import pytest

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from meetings.models import AgreementStatus, AttendanceStatus, Invitation, MeetingStatus
from tests.helpers import pdf_text
from tests.meetings.factories import (
    AgendaItemFactory,
    AgreementFactory,
    AttendanceFactory,
    InvitationFactory,
    MeetingFactory,
)
from tests.members.factories import OrganizationFactory, PersonFactory, PortalAccountFactory

pytestmark = pytest.mark.django_db
TZ = zoneinfo.ZoneInfo("America/Costa_Rica")


def test_each_invitee_gets_exactly_one_email_per_sending():
    organization = OrganizationFactory()
    focal = PersonFactory(organization=organization, is_focal_point=True, email="focal@example.com")
    PortalAccountFactory(organization=organization, user__email="FOCAL@example.com")  # same address, other case
    PortalAccountFactory(organization=organization, user__email="rep@example.com")
    other = OrganizationFactory()
    PersonFactory(organization=other, is_focal_point=True, email="otra@example.com")
    meeting = MeetingFactory()
    InvitationFactory(meeting=meeting, organization=organization)
    InvitationFactory(meeting=meeting, organization=other)
    InvitationFactory(meeting=meeting, organization=None, person=focal)  # invited by name too
    InvitationFactory(meeting=meeting, organization=None, guest_name="Invitada", guest_email="guest@example.com")

    sent = meeting.convene()

    recipients = sorted(address.lower() for message in mail.outbox for address in message.to)
    assert recipients == ["focal@example.com", "guest@example.com", "otra@example.com", "rep@example.com"]
    assert sent == 4
    assert all(len(message.to) == 1 for message in mail.outbox)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED

    mail.outbox.clear()
    meeting.resend_convocation()
    assert len(mail.outbox) == 4  # one per address again for the new sending


def test_convocation_carries_agenda_date_time_place_and_follow_up():
    organization = OrganizationFactory(name="Empresa Responsable S.A.", short_name="Responsable")
    earlier = MeetingFactory(
        title="Reunión anterior", start=datetime.datetime(2030, 1, 10, 9, 0, tzinfo=TZ), status=MeetingStatus.PUBLISHED
    )
    AgreementFactory(meeting=earlier, text="Enviar el mapeo de sistemas", organizations=[organization])
    AgreementFactory(meeting=earlier, text="Acuerdo ya cumplido", status=AgreementStatus.DONE)
    meeting = MeetingFactory(
        title="Reunión ordinaria de marzo",
        start=datetime.datetime(2030, 3, 27, 9, 0, tzinfo=TZ),
        end=datetime.datetime(2030, 3, 27, 12, 0, tzinfo=TZ),
        place="Sala de sesiones del MTSS",
    )
    AgendaItemFactory(meeting=meeting, title="Conversatorio participativo", presenters_text="Red de Empresas")
    InvitationFactory(meeting=meeting, organization=None, guest_name="Invitada", guest_email="guest@example.com")
    PersonFactory(organization=organization, is_focal_point=True, email="focal@example.com")
    InvitationFactory(meeting=meeting, organization=organization)
    meeting.convene()

    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"guest@example.com", "focal@example.com"}
    message, member = by_address["guest@example.com"], by_address["focal@example.com"]
    # The members' follow-up of open agreements reaches members, never a guest outside the network.
    assert "Enviar el mapeo de sistemas" in member.body  # open agreement of an earlier meeting
    assert "Acuerdo ya cumplido" not in member.body
    assert "- Enviar el mapeo de sistemas (Responsable) — vence el 30/06/2030 · Pendiente" in member.body.splitlines()
    assert "Enviar el mapeo de sistemas" not in message.body
    assert "Reunión ordinaria de marzo" in message.subject
    body = message.body
    assert "27" in body and "marzo" in body.lower()
    assert "09:00" in body and "12:00" in body
    assert "Sala de sesiones del MTSS" in body
    assert "Conversatorio participativo" in body
    assert "/meetings/reply/" in body  # the guest's signed link
    assert message.subject == "Convocatoria: Reunión ordinaria de marzo (27/03/2030 09:00)"
    assert message.to == ["guest@example.com"]
    lines = body.splitlines()
    assert lines[2:5] == [
        "Fecha: miércoles 27 de marzo de 2030",
        "Hora: 09:00 – 12:00 (America/Costa_Rica)",
        "Lugar: Sala de sesiones del MTSS",
    ]
    assert "- 09:00–09:30 Conversatorio participativo [Sesión A] — Red de Empresas" in lines


def test_line_break_in_title_cannot_inject_an_email_header():
    meeting = MeetingFactory(title="Reunión\r\nBcc: intruso@example.com\nX-Evil: 1")
    InvitationFactory(meeting=meeting, organization=None, guest_name="Invitada", guest_email="guest@example.com")
    meeting.convene()
    (message,) = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    headers = message.message()
    assert headers["Bcc"] is None
    assert headers["X-Evil"] is None
    assert message.bcc == []
    assert message.to == ["guest@example.com"]


def test_reminders_are_sent_once_and_only_within_the_period():
    soon = timezone.now() + datetime.timedelta(days=1)
    later = timezone.now() + datetime.timedelta(days=10)
    near = MeetingFactory(start=soon, end=soon + datetime.timedelta(hours=2), title="Reunión cercana")
    far = MeetingFactory(start=later, end=later + datetime.timedelta(hours=2), title="Reunión lejana")
    for meeting in (near, far):
        InvitationFactory(meeting=meeting, organization=None, guest_name="G", guest_email="g@example.com")
        meeting.convene()
    mail.outbox.clear()

    call_command("send_meeting_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.subject for m in mail.outbox] == [mail.outbox[0].subject]
    assert "Reunión cercana" in mail.outbox[0].subject
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["g@example.com"]
    assert mail.outbox[0].subject == f"Recordatorio: Reunión cercana ({timezone.localtime(soon):%d/%m/%Y %H:%M})"

    call_command("send_meeting_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1  # idempotent

    far.reminder_days = 15
    far.save()
    call_command("send_meeting_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2


def test_convening_without_invitations_is_refused():
    from django.core.exceptions import ValidationError

    meeting = MeetingFactory()
    with pytest.raises(ValidationError):
        meeting.convene()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    assert mail.outbox == []


def _remindable(**fields):
    """A meeting on Wednesday 27 March 2030, 9:00-12:00, whose reminder period has begun, convened
    to one guest; the outbox is emptied after the convocation."""
    meeting = MeetingFactory(
        title="Reunión ordinaria de marzo",
        start=datetime.datetime(2030, 3, 27, 9, 0, tzinfo=TZ),
        end=datetime.datetime(2030, 3, 27, 12, 0, tzinfo=TZ),
        place="Sala de sesiones del MTSS",
        online_url="https://reunion.example.org/red",
        **fields,
    )
    meeting.reminder_days = (meeting.start - timezone.now()).days + 1
    meeting.save()
    InvitationFactory(meeting=meeting, organization=None, guest_name="Invitada", guest_email="guest@example.com")
    meeting.convene()
    mail.outbox.clear()
    return meeting


def test_the_reminder_gives_the_date_time_and_place():
    meeting = _remindable()
    call_command("send_meeting_reminders", stdout=io.StringIO())
    (message,) = mail.outbox
    assert message.to == ["guest@example.com"]
    assert message.subject == "Recordatorio: Reunión ordinaria de marzo (27/03/2030 09:00)"
    lines = message.body.splitlines()
    assert lines[0] == "Recordatorio: «Reunión ordinaria de marzo» se acerca."
    assert lines[2:6] == [
        "Fecha: miércoles 27 de marzo de 2030",
        "Hora: 09:00 – 12:00 (America/Costa_Rica)",
        "Lugar: Sala de sesiones del MTSS",
        "Enlace en línea: https://reunion.example.org/red",
    ]
    # Not replied yet: the reply link names this invitation (its token is signed with a timestamp).
    (ask,) = [line for line in lines if line.startswith("Por favor, indíquenos si asistirá: ")]
    reply_url = ask.removeprefix("Por favor, indíquenos si asistirá: ")
    prefix = settings.WAGTAILADMIN_BASE_URL + "/es/meetings/reply/"
    assert reply_url.startswith(prefix)
    assert Invitation.from_token(reply_url.removeprefix(prefix).rstrip("/")) == meeting.invitations.get()
    (name, content, mimetype) = message.attachments[0]
    assert (name, mimetype.split(";")[0]) == ("reunion-ordinaria-de-marzo.ics", "text/calendar")
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == meeting.start and event.decoded("dtend") == meeting.end
    assert str(event["location"]).startswith("Sala de sesiones del MTSS")


def test_a_reminder_after_a_reschedule_gives_the_new_date_time_and_place():
    meeting = _remindable()
    new_start = datetime.datetime(2030, 4, 10, 14, 0, tzinfo=TZ)
    meeting.reschedule(new_start, new_start + datetime.timedelta(hours=2), reason="Cambio de sala", place="Sala B")
    (rescheduled,) = mail.outbox
    assert rescheduled.subject == "Nueva fecha: Reunión ordinaria de marzo (10/04/2030 14:00)"
    lines = rescheduled.body.splitlines()
    start = lines.index("Nueva fecha, hora y lugar:")
    assert lines[start + 1 : start + 4] == [
        "Fecha: miércoles 10 de abril de 2030",
        "Hora: 14:00 – 16:00 (America/Costa_Rica)",
        "Lugar: Sala B",
    ]
    assert "Cambio de sala" in lines
    mail.outbox.clear()
    meeting.refresh_from_db()
    meeting.reminder_days = (meeting.start - timezone.now()).days + 1
    meeting.save()
    call_command("send_meeting_reminders", stdout=io.StringIO())
    (reminder,) = mail.outbox
    assert reminder.subject == "Recordatorio: Reunión ordinaria de marzo (10/04/2030 14:00)"
    assert "Fecha: miércoles 10 de abril de 2030\nHora: 14:00 – 16:00 (America/Costa_Rica)\nLugar: Sala B\n" in (
        reminder.body
    )


def test_the_cancellation_gives_the_reason_date_and_place():
    meeting = _remindable()
    meeting.cancel(comment="Sin quórum")
    (message,) = mail.outbox
    assert message.to == ["guest@example.com"]
    assert message.subject == "Cancelada: Reunión ordinaria de marzo (27/03/2030 09:00)"
    lines = message.body.splitlines()
    assert lines[0] == "La reunión «Reunión ordinaria de marzo» ha sido cancelada."
    assert "Motivo: Sin quórum" in lines
    assert "Fecha: miércoles 27 marzo 2030, 09:00" in lines
    assert "Lugar: Sala de sesiones del MTSS" in lines
    calendar = icalendar.Calendar.from_ical(message.attachments[0][1])
    assert str(calendar["method"]) == "CANCEL"


# --- Minutes circulated for comments ----------------------------------------------------------


@pytest.fixture
def held_meeting(db):
    """A meeting in minutes draft with an attendance register: an organisation present (a contact
    person, a representative with a portal account), a guest present, an absent person."""
    organization = OrganizationFactory(name="Empresa Asistente S.A.")
    person = PersonFactory(organization=organization, name="Ana Enlace", email="ana@example.com", languages="en, es")
    PortalAccountFactory(organization=organization, user__email="rep@example.com")
    absent_org = OrganizationFactory(name="Empresa Ausente S.A.")
    PortalAccountFactory(organization=absent_org, user__email="ausente@example.com")
    meeting = MeetingFactory(title="Reunión ordinaria de marzo", status=MeetingStatus.MINUTES_DRAFT)
    AttendanceFactory(meeting=meeting, name="Ana Enlace", person=person, organization=organization)
    AttendanceFactory(meeting=meeting, name="Patricia Vera", organization=None, email="patricia@example.com")
    AttendanceFactory(meeting=meeting, name="Luis Ausente", organization=absent_org, status=AttendanceStatus.ABSENT)
    return meeting


@override_settings(SECRETARIAT_REPLY_TO="secretaria.red@example.org", SECRETARIAT_NAME="Secretaría técnica")
def test_circulating_asks_for_a_deadline_and_emails_each_attendee_in_their_language(staff_client, held_meeting):
    url = reverse("meetings_admin:circulate", args=[held_meeting.pk])
    # the status button leads to the deadline's form
    response = staff_client.post(reverse("meetings_admin:transition", args=[held_meeting.pk, "circulate"]))
    assert response.status_code == 302 and response["Location"] == url
    held_meeting.refresh_from_db()
    assert held_meeting.status == MeetingStatus.MINUTES_DRAFT
    page = staff_client.get(url).content.decode()
    default = timezone.localdate() + datetime.timedelta(days=settings.MINUTES_COMMENT_DAYS)
    assert f'value="{default.isoformat()}"' in page
    assert "3 direcciones" in page  # who will be told

    due = timezone.localdate() + datetime.timedelta(days=7)
    response = staff_client.post(url, {"comments_due": due.isoformat()})
    assert response.status_code == 302
    held_meeting.refresh_from_db()
    assert held_meeting.status == MeetingStatus.MINUTES_CIRCULATED
    assert held_meeting.minutes_comments_due == due
    entry = held_meeting.history()[0]
    assert (entry.data["from"], entry.data["to"], entry.data["emails"]) == ("minutes_draft", "minutes_circulated", 3)
    assert due.strftime("%Y") in entry.data["comment"]

    messages = {message.to[0]: message for message in mail.outbox}
    assert set(messages) == {"ana@example.com", "rep@example.com", "patricia@example.com"}  # not the absent
    assert all(message.reply_to == ["secretaria.red@example.org"] for message in messages.values())
    portal_link = settings.BASE_URL + held_meeting.get_portal_url() + "#minutes"
    with translation.override("es"):
        due_es = formats.date_format(due, "DATE_FORMAT")
    with translation.override("en"):
        due_en = formats.date_format(due, "DATE_FORMAT")
    # Ana's contact record says English first
    english = messages["ana@example.com"]
    assert english.subject == f"Minutes for comment: Reunión ordinaria de marzo (until {due:%d/%m/%Y})"
    assert "Dear Ana Enlace," in english.body
    assert due_en in english.body
    assert portal_link in english.body
    # the representative (portal account) comments in the portal
    spanish = messages["rep@example.com"]
    assert spanish.subject == f"Acta para comentarios: Reunión ordinaria de marzo (hasta el {due:%d/%m/%Y})"
    assert due_es in spanish.body
    assert "Lea el acta y envíe sus comentarios en el portal de miembros" in spanish.body
    assert portal_link in spanish.body
    assert "Secretaría técnica" in spanish.body
    assert spanish.attachments == []  # reads the minutes in the portal
    # the guest has no portal: the minutes come attached as a PDF, and she replies to the e-mail
    guest = messages["patricia@example.com"]
    assert f"Para comentar, responda a este correo antes de que termine el {due_es}." in guest.body
    assert "El borrador del acta va adjunto a este correo (PDF)." in guest.body
    ((filename, content, mimetype),) = guest.attachments
    assert mimetype == "application/pdf" and filename.endswith(".pdf")
    assert content.startswith(b"%PDF")
    assert "Reunión ordinaria de marzo" in pdf_text(content)


def test_a_past_or_todays_deadline_is_a_form_error_and_nothing_changes(staff_client, held_meeting):
    url = reverse("meetings_admin:circulate", args=[held_meeting.pk])
    for day in (timezone.localdate() - datetime.timedelta(days=1), timezone.localdate()):
        response = staff_client.post(url, {"comments_due": day.isoformat()})
        assert response.status_code == 200
        assert "Elija un día posterior a hoy" in response.content.decode()
    response = staff_client.post(url, {"comments_due": "mañana"})
    assert response.status_code == 200
    held_meeting.refresh_from_db()
    assert held_meeting.status == MeetingStatus.MINUTES_DRAFT
    assert held_meeting.minutes_comments_due is None
    assert mail.outbox == []


def test_only_minutes_in_draft_can_be_circulated(staff_client, held_meeting):
    held_meeting.status = MeetingStatus.MINUTES_APPROVED
    held_meeting.save()
    url = reverse("meetings_admin:circulate", args=[held_meeting.pk])
    assert "Solo un acta en borrador" in staff_client.get(url).content.decode()
    due = timezone.localdate() + datetime.timedelta(days=7)
    response = staff_client.post(url, {"comments_due": due.isoformat()})
    assert response.status_code == 200
    held_meeting.refresh_from_db()
    assert held_meeting.status == MeetingStatus.MINUTES_APPROVED
    assert held_meeting.minutes_comments_due is None
    assert mail.outbox == []


def test_circulate_minutes_refuses_a_past_deadline_in_the_model(held_meeting):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        held_meeting.circulate_minutes(timezone.localdate())
    held_meeting.refresh_from_db()
    assert held_meeting.status == MeetingStatus.MINUTES_DRAFT


def test_circulation_page_needs_the_permission(client, held_meeting):
    from tests.network_site.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(reverse("meetings_admin:circulate", args=[held_meeting.pk]))
    assert response.status_code in (302, 403)
