"""Journey 5: the secretariat's week, in Chromium.

The admin dashboard's panels; last quarter's progress imported from a partner's spreadsheet
(the preview shows the two invalid rows with their reason in Spanish, naming the column, and
nothing is written; the corrected file is imported); the member list exported to XLSX and
opened (typed cells, Spanish labels).
"""

import datetime
import io
import json
import re

import pytest
from openpyxl import Workbook, load_workbook

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e

#: Commitments of the demo that may report on last quarter: approved, running then, and
#: without a report for it already submitted or approved (the import files them).
FIND_COMMITMENTS = """
import json
from commitments.models import Commitment, CommitmentStatus, IndicatorKind, ProgressReport, ReportStatus, parse_period
code, start, end = parse_period({period!r})
done = ProgressReport.objects.filter(period=code, status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED])
found = (
    Commitment.objects.filter(status=CommitmentStatus.APPROVED, indicator_kind=IndicatorKind.NUMBER)
    .filter(start_date__lte=end, end_date__gte=start)
    .exclude(pk__in=done.values("commitment_id"))
    .order_by("reference")
    .values_list("reference", flat=True)[:4]
)
print(json.dumps(list(found)))
"""

REPORTS_OF = """
import json
from commitments.models import ProgressReport
rows = ProgressReport.objects.filter(commitment__reference__in={references!r}, period={period!r}, value__isnull=False)
print(json.dumps(sorted((r.commitment.reference, str(r.value), r.status) for r in rows)))
"""


def shell_json(server, code):
    """Run Python in the server's ``manage.py shell``; its last printed line, as JSON (the shell
    prints its auto-imports first)."""
    return json.loads(server.manage("shell", "-c", code).strip().splitlines()[-1])


def last_quarter(today=None):
    today = today or datetime.date.today()
    quarter = (today.month - 1) // 3  # the current quarter's index, 0..3
    return f"{today.year}-Q{quarter}" if quarter else f"{today.year - 1}-Q4"


def workbook(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def log_in(page, base):
    page.goto(f"{base}/admin/")
    page.fill("input[name=login]", "secretaria@example.org")
    page.fill("input[name=password]", "demo-red-2026")
    page.click("form:has(input[name=login]) button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def test_dashboard_import_with_errors_then_fixed_and_member_export(e2e_server, page, tmp_path):
    from playwright.sync_api import expect

    base = e2e_server.url
    log_in(page, base)

    # 1. The dashboard: what is waiting for the secretariat this week.
    main = page.locator("main")
    expect(main).to_contain_text(re.compile(r"\d+ solicitud(es)? por revisar"))
    expect(main).to_contain_text("Compromisos y avance")
    expect(main).to_contain_text(re.compile(r"\d+ compromisos? pendientes? de revisión"))
    expect(main).to_contain_text(re.compile(r"\d+ informes? de avance"))
    expect(main).to_contain_text(re.compile(r"\d+ organizaci(ón|ones) atrasadas?"))
    expect(main).to_contain_text(re.compile(r"\d+ acuerdos? vencidos?"))
    expect(main).to_contain_text("Próximas reuniones")
    screenshot(page, "secretariat-1-dashboard")

    # 2. A partner's spreadsheet of last quarter's progress, with two wrong rows.
    period = last_quarter()
    references = shell_json(e2e_server, FIND_COMMITMENTS.format(period=period))
    assert len(references) >= 3, (period, references)
    first, second, third = references[:3]
    header = ["commitment", "period", "value", "narrative"]
    wrong = workbook(
        [
            header,
            [first, period, 12, "Doce becas entregadas"],
            [second, period, "veinte", "Veinte charlas"],
            [third, "tercer trimestre", 5, "Cinco visitas"],
        ]
    )
    (tmp_path / "avances.xlsx").write_bytes(wrong)
    page.goto(f"{base}/admin/spreadsheets/")
    section = page.locator("section#resource-progress_reports, section:has(#resource-progress_reports)").first
    section.locator("input[type=file]").set_input_files(str(tmp_path / "avances.xlsx"))
    section.locator("button[type=submit]").click()
    errors = page.locator("table:has(caption:text('Errores'))")
    expect(errors).to_be_visible()
    expect(page.locator("p[role=alert]")).to_contain_text("no se importó")
    rows = errors.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("3")
    expect(rows.nth(0)).to_contain_text("valor (value)")
    expect(rows.nth(0)).to_contain_text("«veinte» no es un número")
    expect(rows.nth(1)).to_contain_text("4")
    expect(rows.nth(1)).to_contain_text("period")
    expect(rows.nth(1)).to_contain_text("2024-Q1")  # says how to write a period
    preview = page.locator("table:has(caption:text('Primeras filas'))")
    expect(preview.locator("tbody tr td:nth-child(2)")).to_have_text(
        [re.compile("^(Nueva|Modificada)$"), "No válida", "No válida"]
    )
    expect(page.get_by_role("button", name="Confirmar e importar")).to_have_count(0)
    screenshot(page, "secretariat-2-import-errors")
    # Nothing was written, not even the good row.
    assert shell_json(e2e_server, REPORTS_OF.format(references=references[:3], period=period)) == []

    # 3. The corrected file: checked again, confirmed, imported.
    fixed = workbook(
        [
            header,
            [first, period, 12, "Doce becas entregadas"],
            [second, period, 20, "Veinte charlas"],
            [third, period, "5,5", "Cinco visitas y media"],
        ]
    )
    (tmp_path / "avances-corregido.xlsx").write_bytes(fixed)
    page.goto(f"{base}/admin/spreadsheets/")
    section = page.locator("section:has(#resource-progress_reports)").first
    section.locator("input[type=file]").set_input_files(str(tmp_path / "avances-corregido.xlsx"))
    section.locator("button[type=submit]").click()
    confirm = page.get_by_role("button", name="Confirmar e importar")
    expect(confirm).to_be_visible()
    expect(page.locator("table:has(caption:text('Primeras filas')) tbody tr")).to_have_count(3)
    screenshot(page, "secretariat-3-import-preview")
    confirm.click()
    expect(page.locator("p[role=status]")).to_contain_text("El archivo se ha importado")
    written = shell_json(e2e_server, REPORTS_OF.format(references=references[:3], period=period))
    assert sorted((reference, status) for reference, _value, status in written) == [
        (first, "submitted"),
        (second, "submitted"),
        (third, "submitted"),
    ]
    assert {reference: value for reference, value, _status in written}[third] == "5.50"
    screenshot(page, "secretariat-4-imported")

    # 4. The member list for the minister's office, as XLSX.
    page.goto(f"{base}/admin/spreadsheets/")
    section = page.locator("section:has(#resource-organizations)").first
    with page.expect_download() as download_info:
        section.get_by_role("link", name="XLSX").click()
    path = tmp_path / "miembros.xlsx"
    download_info.value.save_as(path)
    sheet = load_workbook(path).worksheets[0]
    table = list(sheet.iter_rows())
    columns = [cell.value for cell in table[0]]
    members = [dict(zip(columns, row, strict=True)) for row in table[1:]]
    assert len(members) > 10
    assert "membership_status_code" in columns and "sector_code" in columns
    active = [m for m in members if m["membership_status_code"].value == "active"]
    assert active and all(m["membership_status"].value == "Activo" for m in active)
    labels = {m["sector"].value for m in members if m["sector_code"].value == "agroindustry"}
    assert labels == {"Agroindustria"}
    dated = [m["date_joined"] for m in members if m["date_joined"].value is not None]
    assert dated and all(cell.is_date for cell in dated)
    assert all(m["is_partner"].data_type == "b" for m in members)
    assert not any(cell.data_type == "f" for row in table for cell in row)
    assert not any(isinstance(cell.value, str) and cell.value.startswith("'") for row in table for cell in row)
