"""A big PDF in a browser (network_site/background.py): the member's yearly progress PDF link lands
on a status page with a progress bar; the download is offered when the job is done, and the page's
script (a static file, no inline code) follows a job still running until its download appears."""

import re

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from tests.e2e.conftest import portal_log_in, screenshot
from tests.helpers import pdf_text

pytestmark = pytest.mark.e2e

REPRESENTATIVE = "bncr@example.org"  # Banco Nacional: approved commitments with reports
DEMO_PASSWORD = "demo-red-2026"  # printed by `make run` (members/demo.py)
SET_STATE = """
from network_site.models import RenderedDocument
RenderedDocument.objects.filter(pk={pk}).update(state="{state}", progress={progress}, step="{step}")
print(RenderedDocument.objects.get(pk={pk}).state)
"""


def test_the_progress_pdf_link_shows_progress_then_the_download(e2e_server, page, tmp_path):
    base = e2e_server.url
    year = timezone.localdate().year
    portal_log_in(page, base, REPRESENTATIVE, DEMO_PASSWORD)
    page.goto(f"{base}/portal/commitments/")
    page.click(f"a[href='/portal/commitments/progress/{year}.pdf']")
    page.wait_for_url(re.compile(r".*/portal/documents/\d+/$"))
    pk = re.search(r"/portal/documents/(\d+)/", page.url).group(1)
    progress = page.locator("progress[data-role=progress]")
    expect(progress).to_have_attribute("value", "100")
    expect(page.locator("[data-role=step]")).to_have_text(re.compile(r"^Listo"))
    link = page.locator("a[data-role=download-link]")
    expect(link).to_be_visible()
    screenshot(page, "background-pdf-1-ready")
    with page.expect_download() as download:
        link.click()
    data = download.value.path().read_bytes()
    assert data.startswith(b"%PDF") and download.value.suggested_filename.endswith(f"-{year}.pdf")
    assert "Banco Nacional" in " ".join(pdf_text(data).split())

    # A job still running: the page shows how far it got, and its script shows the download once
    # the worker has finished, without a reload.
    e2e_server.manage("shell", "-c", SET_STATE.format(pk=pk, state="running", progress=70, step="writing"))
    page.reload()
    expect(progress).to_have_attribute("value", "70")
    expect(page.locator("[data-role=step]")).to_have_text(re.compile(r"^Escribiendo el PDF"))
    expect(link).to_be_hidden()
    expect(page.locator("[data-role=refresh] a")).to_be_visible()  # without JavaScript: a refresh link
    screenshot(page, "background-pdf-2-running")
    e2e_server.manage("shell", "-c", SET_STATE.format(pk=pk, state="done", progress=100, step="done"))
    expect(link).to_be_visible(timeout=15000)
    expect(progress).to_have_attribute("value", "100")
    expect(page.locator("[data-role=refresh]")).to_be_hidden()
    screenshot(page, "background-pdf-3-done-by-script")
