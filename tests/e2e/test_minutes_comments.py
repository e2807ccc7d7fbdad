"""Journey 4, the minutes' round of comments: the secretariat circulates the draft minutes with a
deadline, the attendee's representative gets the e-mail, sees "minutes to comment" on the portal
dashboard, comments, and the secretariat reads the comment on the meeting's page."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e

TITLE = "Sesión de revisión del acta E2E"
REPRESENTATIVE = "nestle@example.org"  # members/demo.py: the representative of the demo's Nestlé
DEMO_PASSWORD = "demo-red-2026"
MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
COMMENT = "En el punto 1 falta mencionar a la Cámara de Industrias."

#: A held meeting in minutes draft, which the demo's Nestlé attended (run in the server's database).
SETUP = f"""
import datetime
from django.utils import timezone
from members.models import Organization
from meetings.models import AgendaItem, Attendance, Invitation, Meeting, MeetingStatus
start = timezone.now() - datetime.timedelta(days=2)
organization = Organization.objects.get(slug="nestle")
meeting = Meeting.objects.create(
    title={TITLE!r}, start=start, end=start + datetime.timedelta(hours=2),
    place="Sala de sesiones del MTSS", status=MeetingStatus.MINUTES_DRAFT,
)
AgendaItem.objects.create(meeting=meeting, title="Avances de la hoja de ruta", sort_order=1,
                          notes="<p>Se revisaron los avances.</p>")
Invitation.objects.create(meeting=meeting, organization=organization)
Attendance.objects.create(meeting=meeting, name="Laura Méndez", organization=organization, status="present")
print(meeting.pk)
"""


def test_minutes_circulated_for_comments_reach_the_attendee_and_come_back(e2e_server, browser):
    base = e2e_server.url
    meeting_pk = int(e2e_server.manage("shell", "-c", SETUP).strip().splitlines()[-1])
    manage_url = f"{base}/admin/meetings/{meeting_pk}/manage/"

    secretariat = browser.new_context(viewport={"width": 1366, "height": 900}, locale="es-CR")
    secretariat.set_default_timeout(15_000)
    admin = secretariat.new_page()
    admin.goto(f"{base}/admin/")
    admin.fill("input[name=login]", "secretaria@example.org")
    admin.fill("input[name=password]", DEMO_PASSWORD)
    admin.click("form:has(input[name=login]) button[type=submit]")
    admin.wait_for_url(f"{base}/admin/")

    # 1. Circulate: the button asks for the deadline; a past day is refused next to the field.
    admin.goto(manage_url)
    admin.click("button[data-action=circulate]")
    admin.wait_for_url("**/circulate/")
    deadline = admin.locator("#id_comments_due")
    default = datetime.date.fromisoformat(deadline.input_value())
    assert default > datetime.date.today()
    deadline.fill((datetime.date.today() - datetime.timedelta(days=1)).isoformat())
    admin.click("button[data-action=circulate]")
    expect(admin.get_by_text("Elija un día posterior a hoy")).to_be_visible()
    due = datetime.date.today() + datetime.timedelta(days=7)
    admin.locator("#id_comments_due").fill(due.isoformat())
    screenshot(admin, "minutes-comments-1-deadline")
    e2e_server.clear_emails()
    admin.click("button[data-action=circulate]")
    admin.wait_for_url("**/manage/")
    expect(admin.get_by_text("El acta está en consulta hasta el")).to_be_visible()

    # 2. The attendee's representative gets the e-mail with the deadline and the portal link.
    emails = [m for m in e2e_server.emails() if f"To: {REPRESENTATIVE}" in m]
    assert len(emails) == 1, [m[:300] for m in e2e_server.emails()]
    message = emails[0]
    assert "está abierto a comentarios" in message
    assert f"{due.day} de {MONTHS[due.month - 1]} de {due.year}" in message  # the deadline, in Spanish
    assert "Reply-To: secretaria@costa-rica.example.org" in message  # the network's secretariat (demo_networks)
    link = re.search(rf"{re.escape(base)}/portal/meetings/{meeting_pk}/#minutes", message)
    assert link, message

    # 3. The representative logs in, sees "minutes to comment" on the dashboard and comments.
    member = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-CR")
    member.set_default_timeout(15_000)
    portal = member.new_page()
    portal.goto(f"{base}/portal/account/login/")
    portal.fill("input[name=login]", REPRESENTATIVE)
    portal.fill("input[name=password]", DEMO_PASSWORD)
    portal.click("form:has(input[name=login]) button[type=submit]")
    portal.wait_for_url(f"{base}/portal/")
    due_item = portal.get_by_role("link", name=f"Acta para comentar: {TITLE}").first
    expect(due_item).to_be_visible()
    screenshot(portal, "minutes-comments-2-dashboard")
    due_item.click()
    portal.wait_for_url(f"**/portal/meetings/{meeting_pk}/**")
    expect(portal.get_by_text("Se reciben comentarios hasta el")).to_be_visible()
    portal.get_by_label("Comentario").fill(COMMENT)
    portal.get_by_role("button", name="Enviar comentario").click()
    expect(portal.get_by_text("Su comentario se envió a la secretaría.")).to_be_visible()
    expect(portal.get_by_text(COMMENT)).to_be_visible()
    screenshot(portal, "minutes-comments-3-commented")

    # 4. The secretariat reads it on the meeting's page.
    admin.goto(manage_url)
    expect(admin.get_by_text(COMMENT)).to_be_visible()
    screenshot(admin, "minutes-comments-4-secretariat")
    member.close()
    secretariat.close()
