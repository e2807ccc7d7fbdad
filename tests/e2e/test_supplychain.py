"""Journey 6: a company's value-chain self-assessment, driven in Chromium.

The representative starts this year's assessment inside its window (pre-filled from last year's),
fills two sections (a minimum hiring age of 150 is refused), leaves and comes back to find it
saved; a colleague fills the supplier section at the same time and nothing is overwritten;
preview, submit, scores per section against the sector average, recommendations and action
items. Then a referral (counts and age bands only; the secretariat is e-mailed), referred and
its removal verified; an action item marked done with an evidence file, which the secretariat
verifies in the admin."""

import datetime
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e

EMAIL = "hotel-arenal@example.org"  # the demo leaves this member's current year unstarted
COLLEAGUE = "colega-arenal@example.org"
PASSWORD = "demo-red-2026"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

ADD_COLLEAGUE = f"""
from members.models import Organization, PortalAccount, PortalRole
from network_site.models import User
user, _ = User.objects.get_or_create(email="{COLLEAGUE}", defaults={{"first_name": "Colega", "last_name": "Arenal"}})
user.set_password("{PASSWORD}")
user.save()
hotel = Organization.objects.get(slug="hotel-arenal")
PortalAccount.objects.get_or_create(user=user, defaults={{"organization": hotel, "role": PortalRole.CONTRIBUTOR}})
"""


def log_in(page, base, email=EMAIL, landing="/portal/"):
    page.goto(f"{base}/portal/account/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:has(input[name=login]) button[type=submit]")
    page.wait_for_url(f"{base}{landing}")


def section_link(page, index):
    """The URL of the assessment's section number `index` (0-based), from the sections table."""
    return page.locator("table a").nth(index).get_attribute("href")


def test_fill_part_leave_come_back_and_submit(e2e_server, page, browser, tmp_path):
    base = e2e_server.url
    log_in(page, base)

    # Start this year's self-assessment inside its window, pre-filled from last year's answers.
    page.goto(f"{base}/portal/value-chain/")
    expect(page.locator(".assessment-window")).to_contain_text("fecha límite")
    assert page.locator("input[name=prefill]").is_checked()
    page.click("form[action$='/assessments/start/'] button[type=submit]")
    page.wait_for_url("**/value-chain/assessments/*/")
    assessment_url = page.url
    first_section, second_section, supplier_section = (
        base + section_link(page, 0),
        base + section_link(page, 1),
        base + section_link(page, 4),
    )
    screenshot(page, "supplychain-1-sections")

    # A colleague opens the supplier section now, before the representative saves anything there.
    e2e_server.manage("shell", "-c", ADD_COLLEAGUE)
    colleague_context = browser.new_context(locale="es-CR")
    colleague = colleague_context.new_page()
    log_in(colleague, base, COLLEAGUE)
    colleague.goto(supplier_section)

    # First section: two answers, one out of range at first.
    page.goto(first_section)
    page.check("input[name='q_politica-publica'][value='si']")
    page.fill("input[name='q_politica-edad-minima']", "150")
    page.click("button[name=save]")
    # The impossible age is refused next to its question, in Spanish; what was typed stays.
    errors = page.locator("#question-politica-edad-minima .field__errors")
    expect(errors).to_contain_text("La respuesta debe estar entre 12 y 30")
    assert page.input_value("input[name='q_politica-edad-minima']") == "150"
    page.fill("input[name='q_politica-edad-minima']", "18")
    page.click("button[name=save]")
    page.wait_for_url(assessment_url)

    # Second section.
    page.goto(second_section)
    page.check("input[name='q_dd-riesgo'][value='si']")
    page.check("input[name='q_dd-riesgo-frecuencia'][value='anual']")  # shown once "yes" is chosen
    page.check("input[name='q_dd-visitas'][value='4']")
    page.click("button[name=save]")
    page.wait_for_url(assessment_url)

    # The supplier section at the same time: the representative loads it, the colleague saves one
    # answer, the representative saves another one: both are kept, nothing is overwritten.
    page.goto(supplier_section)
    colleague.check("input[name='q_prov-codigo'][value='si']")
    colleague.click("button[name=save]")
    colleague.wait_for_url(assessment_url)
    page.check("input[name='q_prov-incumplimiento'][value='plan']")
    page.click("button[name=save]")
    page.wait_for_url(assessment_url)
    colleague.goto(supplier_section)
    assert colleague.locator("input[name='q_prov-codigo'][value='si']").is_checked()
    assert colleague.locator("input[name='q_prov-incumplimiento'][value='plan']").is_checked()
    colleague_context.close()

    # Leave: log out, log in again the next day, and find everything saved.
    page.context.clear_cookies()
    log_in(page, base)
    page.goto(first_section)
    assert page.locator("input[name='q_politica-publica'][value='si']").is_checked()
    assert page.input_value("input[name='q_politica-edad-minima']") in ("18", "18.00", "18,00")
    page.goto(second_section)
    assert page.locator("input[name='q_dd-visitas'][value='4']").is_checked()
    screenshot(page, "supplychain-2-saved")

    # Preview, then submit.
    page.goto(assessment_url + "preview/")
    assert "18" in page.content()
    page.click("form[action$='/submit/'] button[type=submit]")
    page.wait_for_url("**/results/")
    # Scores per section against the sector average, recommendations, action items.
    expect(page.locator("table caption").first).to_be_visible()
    assert "<svg" in page.content()
    expect(page.locator("table").first).to_contain_text("sector")
    expect(page.locator("#recommendations")).to_be_visible()
    expect(page.locator("#actions")).to_be_visible()
    screenshot(page, "supplychain-3-results")
    pdf = page.request.get(page.url.replace("results/", "report.pdf"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"

    # A referral after a supplier visit: two adolescents in hazardous work, counts and age bands only.
    e2e_server.clear_emails()
    page.goto(f"{base}/portal/value-chain/referrals/new/")
    assert page.locator("input[name*=name], input[name*=cedula]").count() == 0  # nothing to identify a child
    page.fill("input[name=detected_on]", datetime.date.today().isoformat())
    page.select_option("select[name=region]", index=1)
    page.fill("input[name=activity]", "Recolección de café")
    page.check("input[name=hazardous]")
    page.fill("input[name=girls_15_17]", "1")
    page.fill("input[name=boys_15_17]", "1")
    page.select_option("select[name=authority]", "mtss")
    page.click("form:has(input[name=activity]) button[type=submit]")
    page.wait_for_url(re.compile(r".*/referrals/\d+/$"))
    expect(page.locator(".message--success")).to_be_visible()
    notice = next(m for m in e2e_server.emails() if "Referencia registrada" in m)
    assert "15 a 17: 1 niñas, 1 niños" in notice and "Recolección de café" in notice
    # Referred to the ministry, later the removal verified.
    page.click("form[action$='/next-step/'] button[type=submit]")
    expect(page.locator(".message--success")).to_contain_text("Referida")
    page.fill("textarea[name=notes]", "Visita de seguimiento: ya no trabajan en la finca.")
    page.click("form[action$='/next-step/'] button[type=submit]")
    expect(page.locator(".message--success")).to_contain_text("Desvinculación verificada")
    screenshot(page, "supplychain-4-referral")

    # An action item done, with an evidence file.
    page.goto(f"{base}/portal/value-chain/actions/")
    page.locator("table a", has_text="Editar").first.click()
    page.wait_for_url("**/actions/*/edit/")
    item_url = page.url.replace("edit/", "")
    evidence = tmp_path / "acta-capacitacion.pdf"
    evidence.write_bytes(PDF)
    page.select_option("select[name=status]", "done")
    page.set_input_files("input[name=evidence]", str(evidence))
    page.fill("textarea[name=evidence_note]", "Lista de asistencia firmada")
    page.click("form:has(input[name=evidence]) button[type=submit]")
    page.wait_for_url("**/actions/")
    expect(page.locator(".message--success")).to_be_visible()
    page.goto(item_url)
    expect(page.get_by_role("link", name="Descargar la evidencia")).to_be_visible()
    action_id = item_url.rstrip("/").rsplit("/", 1)[1]

    # The secretariat verifies it in the admin against the evidence.
    page.context.clear_cookies()
    page.goto(f"{base}/admin/")
    page.fill("input[name=login]", "secretaria@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.click("form:has(input[name=login]) button[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    expect(page.locator("#supplychain-follow-up-heading")).to_be_visible()
    page.locator("a", has_text="por verificar").click()
    page.wait_for_url(re.compile(r".*/supplychain_actions/\?status=done$"))
    page.goto(f"{base}/admin/supplychain_actions/{action_id}/verify/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Abrir el archivo de evidencia").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    page.fill("textarea[name=comment]", "Evidencia revisada")
    page.get_by_role("button", name="Marcar como verificada").click()
    page.wait_for_url(f"**/supplychain_actions/inspect/{action_id}/")
    expect(page.locator(".lifecycle-history")).to_contain_text("Evidencia revisada")
    expect(page.locator(".lifecycle-history")).to_contain_text("Verificada")
    screenshot(page, "supplychain-5-verified")
