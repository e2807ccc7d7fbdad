"""Journey 4: the secretariat convenes a meeting, records attendance and approves the minutes."""

import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e

TITLE = "Reunión extraordinaria de prueba E2E"


def test_convene_record_attendance_and_approve_minutes(e2e_server, page):
    base = e2e_server.url
    page.goto(f"{base}/admin/")  # staff log in through the allauth login
    page.fill("input[name=login]", "secretaria@example.org")
    page.fill("input[name=password]", "demo-red-2026")
    page.click("form:has(input[name=login]) button[type=submit]")
    page.wait_for_url(f"{base}/admin/")

    # 1. Create the meeting.
    page.goto(f"{base}/admin/meetings/new/")
    page.fill("#id_title", TITLE)
    page.select_option("#id_kind", "extraordinary")
    page.fill("#id_start", "2031-05-20 09:00")
    page.fill("#id_end", "2031-05-20 12:00")
    page.fill("#id_place", "Sala de sesiones del MTSS")
    screenshot(page, "meetings-1-create")
    page.locator("footer button.button-longrunning[type=submit]").first.click()
    page.wait_for_url("**/manage/")
    assert TITLE in page.content()

    # 2. Invite all active members and one guest.
    page.click("a[href$='/invite/']")
    page.check("#id_all_active_members")
    page.fill("#id_guests", "Patricia Vera; SENAME; invitada.e2e@example.org")
    page.click("button[data-action=invite]")
    page.wait_for_url("**/invite/")
    assert "Patricia Vera" in page.content()

    # 3. Convene: every invitee gets one e-mail with the agenda text and the calendar file.
    e2e_server.clear_emails()
    page.goto(page.url.replace("/invite/", "/manage/"))
    page.click("button[data-action=convene]")
    page.wait_for_url("**/manage/")
    assert "Convocada" in page.content()
    emails = [m for m in e2e_server.emails() if TITLE in m]
    assert emails
    guest = [m for m in emails if "To: invitada.e2e@example.org" in m]
    assert len(guest) == 1
    assert "Sala de sesiones del MTSS" in guest[0]
    assert "text/calendar" in guest[0]
    screenshot(page, "meetings-2-convened")

    # 4. Record attendance: the guest is pre-filled; mark her present (and the meeting held).
    page.click("a[href$='/attendance/']")
    row = page.locator("tr", has=page.locator("input[value='Patricia Vera']"))
    row.locator("select[name$='-status']").select_option("present")
    screenshot(page, "meetings-3-attendance")
    page.click("button[data-action=save-attendance]")
    page.wait_for_url("**/attendance/")
    assert "Asistencia guardada" in page.content()

    # 5. Minutes: draft, circulate, approve.
    page.goto(page.url.replace("/attendance/", "/manage/"))
    assert "Realizada" in page.content()
    for action in ("minutes_draft", "circulate", "approve"):
        page.click(f"button[data-action={action}]")
        if action == "circulate":  # the comment deadline's form (default: 10 days from today)
            page.wait_for_url("**/circulate/")
            page.click("button[data-action=circulate]")
        page.wait_for_url("**/manage/")
    assert "Acta aprobada" in page.content()
    screenshot(page, "meetings-4-approved")
    minutes = page.request.get(page.url.replace("/manage/", "/files/minutes.pdf"))
    assert minutes.ok
    assert minutes.body().startswith(b"%PDF")
