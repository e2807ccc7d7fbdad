"""Commitments in a browser: a representative files a quarterly progress report with a photo,
submits it, finds it locked; the public observatory shows its charts with their tables."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from django.utils import timezone

from tests.e2e.conftest import portal_log_in, screenshot
from tests.helpers import pdf_text

pytestmark = pytest.mark.e2e

REPRESENTATIVE = "bncr@example.org"  # Banco Nacional: approved commitments with reports due
DEMO_PASSWORD = "demo-red-2026"  # printed by `make run` (members/demo.py)


def test_representative_files_a_progress_report(e2e_server, page, tmp_path):
    base = e2e_server.url
    portal_log_in(page, base, REPRESENTATIVE, DEMO_PASSWORD)
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


DASHBOARD_LINK = re.compile(r"https?://\S+/portal/(?=\s)")
REPORT_LINK = re.compile(r"/portal/commitments/reports/(\d+)/")
STAFF = "secretaria@example.org"


def what_is_due(page):
    return page.locator("section[aria-labelledby=due-heading]")


def staff_log_in(page, base):
    page.context.clear_cookies()
    page.goto(f"{base}/admin/")
    page.fill("input[name=login]", STAFF)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form:has(input[name=login]) button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def review(page, base, report_id, action, comment):
    page.goto(f"{base}/admin/commitments-review/report/{report_id}/")
    page.fill("textarea[name=comment]", comment)
    page.click(f"button[name=action][value={action}]")
    page.wait_for_url(f"{base}/admin/commitments-review/reports/")


def file_report(page, base, report_id, value, narrative, photo):
    page.goto(f"{base}/portal/commitments/reports/{report_id}/")
    page.fill("#id_value", value)
    page.fill("#id_narrative", narrative)
    page.set_input_files("#id_evidence_files", str(photo))
    page.click("button[name=submit]")
    expect(page.locator(".badge--submitted").first).to_be_visible()


#: Picks, in the demo, a representative whose organisation has at least two reports to file and an
#: open agreement of a meeting (what journey 3 starts from); prints "<e-mail> <has agreement>".
PICK_REPRESENTATIVE = """
from django.db.models import Count
from commitments.models import ProgressReport
from meetings.models import Agreement
from members.models import PortalAccount
busy = set(ProgressReport.objects.to_file().values("commitment__organization").annotate(n=Count("pk"))
           .filter(n__gte=2).values_list("commitment__organization", flat=True))
agreed = set(Agreement.objects.exclude(status__in=["done", "dropped"])
             .values_list("responsible_organizations", flat=True))
accounts = PortalAccount.objects.filter(role="representative", organization__in=busy,
                                        organization__is_partner=False).exclude(organization__slug="bncr")
account = (accounts.filter(organization__in=agreed) or accounts).order_by("pk").first()
print(account.user.email, account.organization_id in agreed)
"""


def observatory_reports(page, base):
    data = page.request.get(f"{base}/es/commitments/data/observatory.json").json()
    return sum(row["reports"] for row in data["by_quarter"])


def test_a_representatives_quarter(e2e_server, page, tmp_path):
    """Journey 3: reminder → dashboard → file two reports → one returned → corrected → approved →
    counted in the observatory → the year's progress PDF."""
    base = e2e_server.url
    representative, has_agreement = e2e_server.manage("shell", "-c", PICK_REPRESENTATIVE).split()[-2:]
    e2e_server.clear_emails()
    e2e_server.manage("send_reminders")
    reminders = [
        m for m in e2e_server.emails() if f"To: {representative}" in m and "/portal/commitments/reports/" in m
    ]
    assert reminders, "no reminder e-mail for the representative"
    reminder = reminders[-1]
    link = DASHBOARD_LINK.search(reminder).group(0)
    assert link == f"{base}/portal/"  # the link is on the server's own port (BASE_URL)

    # The reminder's link asks to log in, then lands on the dashboard.
    page.goto(link)
    page.fill("input[name=login]", representative)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form:has(input[name=login]) button[type=submit]")
    page.wait_for_url(f"{base}/portal/")
    organization = page.locator("h1").first.inner_text().strip()
    due = what_is_due(page)
    expect(due).to_be_visible()
    due_html = due.inner_html()
    due_reports = list(dict.fromkeys(REPORT_LINK.findall(due_html)))
    assert len(due_reports) >= 2, due_html
    if has_agreement == "True":
        assert "Acuerdo" in due.inner_text()  # the agreement of a meeting that is theirs
    assert set(REPORT_LINK.findall(reminder)) <= set(due_reports)  # the e-mail and the dashboard agree
    screenshot(page, "quarter-1-dashboard")

    # The representative files two reports, each with a value, a narrative and a photo.
    photo = tmp_path / "taller-con-familias.png"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (31, 122, 224)).save(buffer, format="PNG")
    photo.write_bytes(buffer.getvalue())
    first, second = due_reports[:2]
    file_report(page, base, first, "7", "Siete talleres con familias de la zona norte.", photo)
    file_report(page, base, second, "3", "Tres visitas a proveedores.", photo)
    screenshot(page, "quarter-2-submitted")

    # The secretariat returns one with a comment, in the admin; the e-mail says why.
    e2e_server.clear_emails()
    staff_log_in(page, base)
    review(page, base, first, "return", "Adjunte la lista de asistencia de los talleres.")
    returned = [m for m in e2e_server.emails() if f"To: {representative}" in m]
    assert returned and "Adjunte la lista de asistencia de los talleres." in returned[-1]

    # Back in the portal, it is listed under "Pendientes"; corrected and submitted again.
    page.context.clear_cookies()
    portal_log_in(page, base, representative, DEMO_PASSWORD)
    due = what_is_due(page)
    item = due.locator(f"a[href='/portal/commitments/reports/{first}/']")
    expect(item).to_be_visible()
    assert "devuelto para corrección" in item.inner_text()
    screenshot(page, "quarter-3-returned-is-due")
    item.click()
    assert "Adjunte la lista de asistencia de los talleres." in page.content()
    page.fill("#id_value", "8")
    page.fill("#id_narrative", "Ocho talleres con familias; se adjunta la lista de asistencia.")
    page.click("button[name=submit]")
    expect(page.locator(".badge--submitted").first).to_be_visible()

    # Approved, it counts in the observatory.
    before = observatory_reports(page, base)
    public = page.request.get(f"{base}/es/commitments/data/commitments.csv").text()
    staff_log_in(page, base)
    review(page, base, first, "approve", "")
    after = observatory_reports(page, base)
    assert after >= before
    page.goto(f"{base}/admin/commitments-review/report/{first}/")
    reference = re.search(r"C-\d{6}", page.content()).group(0)
    year = re.search(r"\b(20\d\d)-(?:Q[1-4]|M\d\d|S[12])\b", page.content()).group(1)
    if reference in public:  # a public commitment: the open data shows the approved value
        assert after == before + 1
        rows = page.request.get(f"{base}/es/commitments/data/commitments.csv").text()
        row = next(line for line in rows.splitlines() if line.startswith(reference))
        assert ",8" in row

    # At year end, the organisation's progress PDF for its board.
    page.context.clear_cookies()
    portal_log_in(page, base, representative, DEMO_PASSWORD)
    page.goto(f"{base}/portal/commitments/")
    expect(page.locator("#reports-to-file")).to_be_visible()
    assert page.locator(f"a[href='/portal/commitments/progress/{timezone.localdate().year}.pdf']").count()
    # It is rendered in the background: its link lands on the status page, which offers the download.
    page.goto(f"{base}/portal/commitments/progress/{year}.pdf")
    page.wait_for_url(re.compile(r".*/portal/documents/\d+/$"))
    with page.expect_download() as download:
        page.click("a[data-role=download-link]")
    text = " ".join(pdf_text(download.value.path().read_bytes()).split())
    assert organization in text and "Ocho talleres con familias" in text
