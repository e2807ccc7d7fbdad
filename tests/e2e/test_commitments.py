"""Commitments in a browser: a representative files a quarterly progress report with a photo,
submits it, finds it locked; the public observatory shows its charts with their tables."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e

REPRESENTATIVE = "bncr@example.org"  # Banco Nacional: approved commitments with reports due
DEMO_PASSWORD = "demo-red-2026"  # printed by `make run` (members/demo.py)


def log_in(page, base, email, password):
    page.goto(f"{base}/portal/account/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.click("form:has(input[name=login]) button[type=submit]")
    page.wait_for_url(f"{base}/portal/")


def test_representative_files_a_progress_report(e2e_server, page, tmp_path):
    base = e2e_server.url
    log_in(page, base, REPRESENTATIVE, DEMO_PASSWORD)
    page.goto(f"{base}/portal/commitments/")
    screenshot(page, "commitments-1-list")
    page.locator("tr:has(.badge--approved) th a").first.click()
    page.wait_for_selector("text=Informes de avance")
    page.locator("tr:has(.badge--draft) th a").first.click()
    page.wait_for_selector("#id_value")

    # A wrong file is refused with a clear error next to the field, and nothing is saved.
    bad = tmp_path / "foto.png"
    bad.write_bytes(b"%PDF-1.4 this is no image")
    page.fill("#id_value", "12")
    page.set_input_files("#id_evidence_files", str(bad))
    page.click("button[name=submit]")
    expect(page.locator(".field__errors").first).to_be_visible()  # waits for the answer to the post
    assert "no contiene lo que indica su extensión" in page.content()

    photo = tmp_path / "entrega-de-becas.png"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (224, 122, 31)).save(buffer, format="PNG")
    photo.write_bytes(buffer.getvalue())
    page.fill("#id_value", "12")
    page.fill("#id_narrative", "Doce becas entregadas a hijos e hijas de colaboradores en la zona sur.")
    page.set_input_files("#id_evidence_files", str(photo))
    screenshot(page, "commitments-2-report-form")
    page.click("button[name=submit]")
    page.wait_for_selector(".badge--submitted")
    content = page.content()
    assert "Doce becas entregadas" in content
    assert "entrega-de-becas.png" in content
    assert page.locator("#id_value").count() == 0  # a submitted report is locked
    screenshot(page, "commitments-3-report-submitted")

    # The evidence is served through the portal, to the organisation only.
    href = page.locator("a:has-text('entrega-de-becas.png')").get_attribute("href")
    assert href.startswith("/portal/commitments/evidence/")
    response = page.request.get(f"{base}{href}")
    assert response.status == 200 and response.headers["content-type"] == "image/png"


def test_public_observatory_has_charts_tables_and_open_data(e2e_server, page):
    base = e2e_server.url
    page.goto(f"{base}/es/observatorio/")
    assert page.locator("svg.chart__svg").count() >= 5
    assert page.locator("table caption").count() >= 5
    screenshot(page, "commitments-4-observatory")
    response = page.request.get(f"{base}/es/commitments/data/commitments.csv")
    assert response.status == 200 and "reference" in response.text()
