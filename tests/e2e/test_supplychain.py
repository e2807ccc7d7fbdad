"""Journey 6: a representative fills part of the year's self-assessment, leaves, comes back,
finds it saved, previews and submits, and sees the results."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e

EMAIL = "hotel-arenal@example.org"  # the demo leaves this member's current year unstarted
PASSWORD = "demo-red-2026"


def log_in(page, base):
    page.goto(f"{base}/portal/account/login/")
    page.fill("input[name=login]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.click("form:has(input[name=login]) button[type=submit]")
    page.wait_for_url(f"{base}/portal/")


def test_fill_part_leave_come_back_and_submit(e2e_server, page):
    base = e2e_server.url
    log_in(page, base)

    # Start this year's self-assessment, pre-filled from last year's answers.
    page.goto(f"{base}/portal/value-chain/")
    assert page.locator("input[name=prefill]").is_checked()
    page.click("form[action$='/assessments/start/'] button[type=submit]")
    page.wait_for_url("**/value-chain/assessments/*/")
    assessment_url = page.url
    screenshot(page, "supplychain-1-sections")

    # Fill part of the first section: change two answers, one of them invalid at first.
    page.locator("table a").first.click()
    page.wait_for_url("**/sections/*/")
    section_url = page.url
    page.check("input[name='q_politica-publica'][value='si']")
    page.fill("input[name='q_politica-edad-minima']", "-5")
    page.click("button[name=save]")
    # The invalid number is refused next to its question; what was typed stays; the rest is saved.
    expect(page.locator("#question-politica-edad-minima .field__errors")).to_be_visible()  # waits for the answer
    assert page.locator(".field--error").count() >= 1
    page.fill("input[name='q_politica-edad-minima']", "18")
    page.click("button[name=save]")
    page.wait_for_url(assessment_url)

    # Leave: log out, log in again the next day, and find everything saved.
    page.context.clear_cookies()
    log_in(page, base)
    page.goto(section_url)
    assert page.locator("input[name='q_politica-publica'][value='si']").is_checked()
    assert page.input_value("input[name='q_politica-edad-minima']") in ("18", "18.00", "18,00")
    screenshot(page, "supplychain-2-saved")

    # Preview, then submit.
    page.goto(assessment_url + "preview/")
    assert "18" in page.content()
    page.click("form[action$='/submit/'] button[type=submit]")
    page.wait_for_url("**/results/")
    content = page.content()
    assert "<svg" in content
    assert page.locator("table caption").first.is_visible()
    screenshot(page, "supplychain-3-results")
    pdf = page.request.get(page.url.replace("results/", "report.pdf"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
