"""Import of a 10,000-row progress-report XLSX: dry run, then confirm; seconds and peak memory.

The rows fill open (draft or returned) reports of approved commitments of the bench data,
so every row is valid. Both steps go through `network_site.spreadsheets.import_file`, as the
admin's import view does, inside a transaction that is rolled back: the bench database
stays as it was. Prints {"rows", "errors", "dry_run_s", "confirm_s", "total_s", "peak_mb",
"xlsx_kb"}; peak_mb is the process's peak resident memory (Django included).
"""

import io
import random

from common import Timer, emit, peak_rss_mb, setup

setup()

from openpyxl import Workbook  # noqa: E402

from django.db import transaction  # noqa: E402 - after django.setup()

from commitments.models import CommitmentStatus, ProgressReport, ReportStatus  # noqa: E402
from network_site.spreadsheets import get_resource_class, import_file  # noqa: E402

ROWS = 10_000


def build_xlsx():
    reports = (
        ProgressReport.objects.filter(
            commitment__status=CommitmentStatus.APPROVED, status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED]
        )
        .select_related("commitment")
        .order_by("pk")[:ROWS]
    )
    rng = random.Random(10)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("avances")
    sheet.append(["commitment", "period", "value", "narrative"])
    count = 0
    for report in reports.iterator(chunk_size=2000):
        commitment = report.commitment
        if commitment.indicator_kind == "yes_no":
            value = rng.choice([0, 1])
        elif commitment.indicator_kind == "percentage":
            value = rng.randint(0, 100)
        else:
            value = round(float(commitment.baseline) + rng.random() * float(commitment.target), 2)
        sheet.append([commitment.reference, report.period, value, "Avance cargado desde la hoja de cálculo."])
        count += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count


data, rows = build_xlsx()
resource_class = get_resource_class("progress_reports")
with transaction.atomic():
    with Timer() as dry:
        dry_report = import_file(resource_class(user=None), data, "avances.xlsx", dry_run=True)
    with Timer() as confirm:
        report = import_file(resource_class(user=None), data, "avances.xlsx", dry_run=False)
    transaction.set_rollback(True)

errors = [str(e) for e in (dry_report.errors + report.errors)][:5]
emit(
    {
        "rows": rows,
        "errors": len(dry_report.errors) + len(report.errors),
        "first_errors": errors,
        "applied": report.applied,
        "dry_run_s": round(dry.seconds, 2),
        "confirm_s": round(confirm.seconds, 2),
        "total_s": round(dry.seconds + confirm.seconds, 2),
        "peak_mb": peak_rss_mb(),
        "xlsx_kb": round(len(data) / 1024),
    }
)
