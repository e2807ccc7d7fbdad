"""Journey 2: an organisation applies, the secretariat approves, the representative sets a password,
signs the pledge and downloads the certificate, whose code anyone verifies from the site's footer."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.helpers import pdf_text

pytestmark = pytest.mark.e2e

INVITATION_LINK = re.compile(r"https?://\S+/portal/invitation/\S+/\S+/")
CERTIFICATE_CODE = re.compile(r"\b(?:[A-Z2-9]{4}-){3}[A-Z2-9]{4}\b")


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

    # 5. "Sign the pledge" is the first thing due; the representative signs it.
    first_due = page.locator("section[aria-labelledby=due-heading] .due-item a").first
    expect(first_due).to_have_text(re.compile("Firmar el compromiso"))
    first_due.click()
    page.wait_for_url(f"{base}/portal/commitments/pledge/")
    page.fill("#id_signer_position", "Gerente General")
    page.check("#id_accept")
    screenshot(page, "joining-5-pledge")
    page.click("form:has(#id_accept) button[type=submit]")
    expect(page.locator("a:has-text('Descargar certificado (PDF)')")).to_be_visible()

    # 6. The adhesion certificate (PDF) prints a verification code and the page to check it.
    href = page.locator("a:has-text('Descargar certificado (PDF)')").first.get_attribute("href")
    response = page.request.get(f"{base}{href}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = " ".join(pdf_text(response.body()).split())
    code = CERTIFICATE_CODE.search(text).group(0)
    assert f"{base}/es/commitments/verify/" in text.replace(" ", "")

    # 7. Anyone verifies the code on the public site, from the footer's link, typed in lower case.
    page.context.clear_cookies()
    page.goto(f"{base}/es/")
    page.locator("footer >> text=Verificar un certificado").click()
    page.wait_for_url(f"{base}/es/commitments/verify/")
    page.fill("#verify-code", code.lower().replace("-", " "))
    page.click("form:has(#verify-code) button[type=submit]")
    expect(page.locator(".message--success")).to_have_text(re.compile("Este certificado es auténtico"))
    assert "Café Orgánico del Sur S.A." in page.content()
    screenshot(page, "joining-6-verified")
