"""Journey 2: an organisation applies, the secretariat approves, the representative sets a password."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e

INVITATION_LINK = re.compile(r"https?://\S+/portal/invitation/\S+/\S+/")


def test_apply_approve_set_password_and_log_in(e2e_server, page):
    base = e2e_server.url

    # 1. Someone applies on "Únase a la Red"; a typo is reported next to the field, values stay.
    page.goto(f"{base}/es/unase/")
    page.fill("#id_name", "Café Orgánico del Sur S.A.")
    page.select_option("#id_sector", "agroindustry")
    page.select_option("#id_size", "small")
    page.fill("#id_region", "Pérez Zeledón")
    page.fill("#id_contact_name", "Valeria Quesada Monge")
    page.fill("#id_contact_position", "Gerente General")
    page.fill("#id_contact_email", "valeria-arroba-cafe")
    page.check("#id_accepts_principles")
    page.click("form.join-form button[type=submit]")
    expect(page.locator("#id_contact_email_error")).to_be_visible()  # waits for the answer to the post
    assert page.input_value("#id_name") == "Café Orgánico del Sur S.A."
    screenshot(page, "joining-1-error")
    page.fill("#id_contact_email", "valeria@cafesur.example.org")
    page.check("#id_accepts_principles")
    page.click("form.join-form button[type=submit]")
    page.wait_for_url("**/gracias/")
    assert "hemos recibido su solicitud" in page.content().lower()
    confirmations = [m for m in e2e_server.emails() if "To: valeria@cafesur.example.org" in m]
    assert len(confirmations) == 1

    # 2. The secretariat logs into the admin and approves it from the dashboard panel.
    page.goto(f"{base}/admin/")  # staff log in through the same (throttled, MFA-ready) login
    page.fill("input[name=login]", "secretaria@example.org")
    page.fill("input[name=password]", "demo-red-2026")
    page.click("form:has(input[name=login]) button[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    page.click("text=Café Orgánico del Sur S.A.")
    # "Aprobar" sits in the header's actions menu (a dropdown Wagtail's JS opens on click).
    page.get_by_role("button", name="Acciones").first.click()
    page.get_by_role("link", name="Aprobar").click()
    page.wait_for_url("**/approve/**")
    page.fill("textarea[name=reason]", "Cumple los requisitos de adhesión.")
    screenshot(page, "joining-2-approve")
    page.click("[data-action-submit]")
    page.wait_for_url("**/network/organizations/inspect/**")
    assert "Cumple los requisitos de adhesión." in page.content()
    page.context.clear_cookies()

    # 3. The representative opens the one-time link from the e-mail and sets a password.
    invitations = [m for m in e2e_server.emails() if "/portal/invitation/" in m and "valeria@cafesur" in m]
    assert len(invitations) == 1
    link = INVITATION_LINK.search(invitations[0]).group(0)
    page.goto(link)
    page.fill("input[name=new_password1]", "Cafe-del-sur-2026!")
    page.fill("input[name=new_password2]", "Cafe-del-sur-2026!")
    screenshot(page, "joining-3-set-password")
    page.click("form:has(input[name=new_password1]) button[type=submit]")
    page.wait_for_url(f"{base}/portal/**")
    assert "Café Orgánico del Sur S.A." in page.content()

    # 4. The link works only once; the new password logs in to the portal.
    page.context.clear_cookies()
    page.goto(link)
    assert "new_password1" not in page.content()
    page.goto(f"{base}/portal/account/login/")
    page.fill("input[name=login]", "valeria@cafesur.example.org")
    page.fill("input[name=password]", "Cafe-del-sur-2026!")
    page.click("form:has(input[name=login]) button[type=submit]")
    page.wait_for_url(f"{base}/portal/")
    assert "Café Orgánico del Sur S.A." in page.content()
    screenshot(page, "joining-4-dashboard")
