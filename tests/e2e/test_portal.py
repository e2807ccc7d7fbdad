"""Member portal in a browser: a representative keeps the profile and contacts, invites a colleague
as observer; the colleague sets a password from the e-mail and can read but not change."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.conftest import portal_log_in, screenshot

pytestmark = pytest.mark.e2e

INVITATION_LINK = re.compile(r"https?://\S+/portal/invitation/\S+/\S+/")
REPRESENTATIVE = "agroexport-caribe@example.org"
DEMO_PASSWORD = "demo-red-2026"  # printed by `make run` (members/demo.py)
COLLEAGUE = "observadora@agroexport.example.org"


def test_representative_keeps_profile_and_contacts_and_invites_an_observer(e2e_server, page, tmp_path):
    base = e2e_server.url
    portal_log_in(page, base, REPRESENTATIVE, DEMO_PASSWORD)
    assert page.locator("#due-heading").is_visible()
    screenshot(page, "portal-1-dashboard")

    # Profile with a logo (checked by Wagtail's image rules).
    logo = tmp_path / "logo.png"
    buffer = io.BytesIO()
    Image.new("RGB", (240, 120), (11, 79, 108)).save(buffer, format="PNG")
    logo.write_bytes(buffer.getvalue())
    page.click(".portal-nav >> text=Perfil")
    page.click("text=Editar el perfil")
    page.fill("#id_description", "Exportadora de banano y piña comprometida con una cadena libre de trabajo infantil.")
    page.set_input_files("#id_logo_file", str(logo))
    page.click(".portal-content form button[type=submit]")
    page.wait_for_url(f"{base}/portal/profile/")
    assert "Exportadora de banano y piña" in page.content()
    assert page.locator("img.profile-logo").is_visible()
    screenshot(page, "portal-2-profile")

    # A contact: a typo is shown next to the field, what was typed stays.
    page.click(".portal-nav >> text=Contactos")
    page.click("text=Añadir un contacto")
    page.fill("#id_name", "Mauricio Salas Brenes")
    page.fill("#id_email", "mauricio-arroba")
    page.click(".portal-content form button[type=submit]")
    expect(page.locator("#id_email_errors")).to_be_visible()  # waits for the answer to the post
    assert page.input_value("#id_name") == "Mauricio Salas Brenes"
    page.fill("#id_email", "mauricio@agroexport.example.org")
    page.click(".portal-content form button[type=submit]")
    page.wait_for_url(f"{base}/portal/contacts/")
    assert "Mauricio Salas Brenes" in page.content()
    screenshot(page, "portal-3-contacts")

    # Invite a colleague as observer.
    page.click(".portal-nav >> text=Colegas")
    page.click("text=Invitar a un colega")
    page.fill("#id_email", COLLEAGUE)
    page.fill("#id_first_name", "Sofía")
    page.check("input[name=role][value=observer]")
    page.click(".portal-content form button[type=submit]")
    page.wait_for_url(f"{base}/portal/colleagues/")
    assert "Invitación aún no aceptada" in page.content()
    screenshot(page, "portal-4-colleagues")
    page.context.clear_cookies()

    # The colleague sets a password from the e-mail and lands on the dashboard.
    invitations = [m for m in e2e_server.emails() if "/portal/invitation/" in m and COLLEAGUE in m]
    assert len(invitations) == 1
    page.goto(INVITATION_LINK.search(invitations[0]).group(0))
    page.fill("input[name=new_password1]", "Banano-y-pina-2026")
    page.fill("input[name=new_password2]", "Banano-y-pina-2026")
    page.click("form:has(input[name=new_password1]) button[type=submit]")
    page.wait_for_url(f"{base}/portal/")
    assert "Observador" in page.content()

    # An observer reads but changes nothing.
    page.click(".portal-nav >> text=Perfil")
    assert "Exportadora de banano y piña" in page.content()
    assert page.locator("text=Editar el perfil").count() == 0
    response = page.goto(f"{base}/portal/profile/edit/")
    assert response.status == 403
    screenshot(page, "portal-5-observer")
