"""The progress-report import in bulk: the dry run writes nothing, a confirmed file is written at once."""

import datetime
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from wagtail.models import ModelLogEntry

from commitments.models import ProgressReport, ReportStatus
from commitments.resources import ProgressReportResource
from network_site import page_cache
from network_site.spreadsheets import import_file

from .factories import ApprovedCommitmentFactory

pytestmark = pytest.mark.django_db

PERIODS = [f"{y}-Q{q}" for y in (2024, 2025) for q in (1, 2, 3, 4)]


def csv_bytes(rows):
    lines = ["commitment,period,value,narrative", *[",".join(map(str, r)) for r in rows]]
    return "\n".join(lines).encode()


def writes(queries):
    """The statements that write (an executemany is logged once, as "N times: UPDATE …")."""
    statements = [re.sub(r"^\d+ times: ", "", q["sql"].lstrip()) for q in queries]
    return [sql for sql in statements if sql.upper().startswith(("UPDATE", "INSERT", "DELETE"))]


@pytest.fixture
def commitments(organization):
    commitments = [ApprovedCommitmentFactory(organization=organization) for _ in range(2)]
    for commitment in commitments:
        commitment.refresh_from_db()
    return commitments


def test_dry_run_writes_nothing_and_confirm_writes_in_a_fixed_number_of_statements(commitments, staff_user):
    def run(rows, dry_run):
        with CaptureQueriesContext(connection) as ctx:
            report = import_file(ProgressReportResource(user=staff_user), csv_bytes(rows), "a.csv", dry_run=dry_run)
        assert report.ok, report.errors
        return ctx.captured_queries

    small = [(commitments[0].reference, p, 1, "") for p in PERIODS[:2]]
    large = [(c.reference, p, 2, "Dos") for c in commitments for p in PERIODS]
    assert writes(run(large, dry_run=True)) == []
    assert len(run(large, dry_run=True)) == len(run(small, dry_run=True))  # no savepoint per row either
    assert not ProgressReport.objects.filter(value__isnull=False).exists()

    written = writes(run(large, dry_run=False))  # the reports' UPDATE, then their history's INSERT
    assert len(written) == 2 and "wagtailcore_modellogentry" in written[1]
    assert ProgressReport.objects.filter(value=2, narrative="Dos", status=ReportStatus.SUBMITTED).count() == 16


def test_confirm_sets_what_a_save_did(commitments, representative, monkeypatch):
    commitment = commitments[0]
    before = timezone.now()
    late = commitment.reports.get(period="2024-Q1")  # deadline long past
    on_time = commitment.reports.get(period="2025-Q4")  # deadline 2026-01-30
    late_status, on_time_status = late.status, on_time.status
    monkeypatch.setattr(timezone, "localdate", lambda *a: datetime.date(2026, 1, 10))
    data = csv_bytes(
        [
            (commitment.reference, "2024-Q1", "12.5", "Doce y medio"),
            (commitment.reference.lower(), " 2025-q4 ", 7, ""),
            (commitment.reference, "2024-M03", 3, "Un mes"),  # no such report yet: added
        ]
    )
    report = import_file(ProgressReportResource(user=representative), data, "a.csv", dry_run=False)
    assert report.ok and report.applied, report.errors
    assert report.totals["update"] == 2 and report.totals["new"] == 1

    late.refresh_from_db()
    assert (late.value, late.narrative, late.status) == (12.5, "Doce y medio", ReportStatus.SUBMITTED)
    assert late.is_late is True and late.submitted_by == representative
    assert late.submitted_at >= before and late.updated_at >= before
    assert late.period_start == datetime.date(2024, 1, 1) and late.period_end == datetime.date(2024, 3, 31)
    on_time.refresh_from_db()
    assert (on_time.value, on_time.status, on_time.is_late) == (7, ReportStatus.SUBMITTED, False)
    added = commitment.reports.get(period="2024-M03")
    assert (added.value, added.narrative, added.status, added.is_late) == (3, "Un mes", ReportStatus.SUBMITTED, True)
    assert (added.period_start, added.period_end) == (datetime.date(2024, 3, 1), datetime.date(2024, 3, 31))
    assert added.deadline > added.period_end and added.submitted_by == representative
    # Each filed report's history says who filed it and from which status, as in the portal.
    entries = ModelLogEntry.objects.filter(action="lifecycle.transition")
    events = {(int(e.object_id), e.data["from"], e.data["to"], e.user_id) for e in entries}
    assert events == {
        (report.pk, from_status, ReportStatus.SUBMITTED, representative.pk)
        for report, from_status in ((late, late_status), (on_time, on_time_status), (added, ReportStatus.DRAFT))
    }


def test_the_public_pages_cache_moves_on_after_a_confirmed_import_only(
    commitments, staff_user, django_capture_on_commit_callbacks
):
    data = csv_bytes([(commitments[0].reference, p, 1, "") for p in PERIODS])
    generation = page_cache.generation()
    with django_capture_on_commit_callbacks() as callbacks:
        assert import_file(ProgressReportResource(user=staff_user), data, "a.csv", dry_run=True).ok
    assert page_cache.generation() == generation and callbacks == []

    with django_capture_on_commit_callbacks() as callbacks:
        assert import_file(ProgressReportResource(user=staff_user), data, "a.csv", dry_run=False).applied
    assert page_cache.generation() != generation
    assert callbacks == [page_cache.invalidate]  # and once more when the import commits


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_wrong_row_after_good_ones_writes_nothing(commitments, staff_user, dry_run):
    rows = [(c.reference, p, 1, "") for c in commitments for p in PERIODS]
    rows.append((commitments[1].reference, "2026-Q1", 1, ""))  # after the commitment's end
    report = import_file(ProgressReportResource(user=staff_user), csv_bytes(rows), "a.csv", dry_run=dry_run)
    assert not report.applied
    assert [(e.row, e.column) for e in report.errors] == [(len(rows) + 1, "period")]
    assert not ProgressReport.objects.filter(value__isnull=False).exists()
    assert not ProgressReport.objects.filter(period="2026-Q1").exists()


@pytest.mark.parametrize("dry_run", [True, False])
def test_one_new_period_written_twice_is_a_row_error(commitments, staff_user, dry_run):
    reference = commitments[0].reference
    data = csv_bytes([(reference, "2024-M03", 1, ""), (reference, "2024-Q2", 2, ""), (reference, "2024-M3", 3, "")])
    with translation.override("es"):
        report = import_file(ProgressReportResource(user=staff_user), data, "a.csv", dry_run=dry_run)
        message = str(report.errors[0].message)
    assert [(e.row, e.column) for e in report.errors] == [(4, "period")]
    assert "fila 2" in message
    assert not ProgressReport.objects.filter(period="2024-M03").exists()
    assert not ProgressReport.objects.filter(value__isnull=False).exists()


def test_one_existing_period_written_twice_is_refused_as_before(commitments, staff_user):
    reference = commitments[0].reference
    data = csv_bytes([(reference, "2024-Q2", 1, ""), (reference, "2024-Q02", 2, "")])
    report = import_file(ProgressReportResource(user=staff_user), data, "a.csv", dry_run=False)
    assert [(e.row, e.column) for e in report.errors] == [(3, "period")]
    assert commitments[0].reports.get(period="2024-Q2").value is None


def test_another_organisations_report_is_refused_in_bulk_too(commitments, other_organization, representative):
    foreign = ApprovedCommitmentFactory(organization=other_organization)
    rows = [(commitments[0].reference, p, 1, "") for p in PERIODS] + [(foreign.reference, "2024-Q1", 1, "")]
    report = import_file(ProgressReportResource(user=representative), csv_bytes(rows), "a.csv", dry_run=False)
    assert [(e.row, e.column) for e in report.errors] == [(len(rows) + 1, "commitment")]
    assert not ProgressReport.objects.filter(value__isnull=False).exists()


def test_a_report_gone_before_the_write_fails_the_whole_import(commitments, staff_user, monkeypatch):
    """The UPDATE must reach every report it was checked against; otherwise nothing is written."""
    gone = commitments[0].reports.get(period="2024-Q1")
    original = ProgressReportResource.before_import

    def before_import(self, dataset, **kwargs):
        original(self, dataset, **kwargs)
        ProgressReport.objects.filter(pk=gone.pk).delete()

    monkeypatch.setattr(ProgressReportResource, "before_import", before_import)
    data = csv_bytes([(commitments[0].reference, p, 1, "") for p in PERIODS])
    report = import_file(ProgressReportResource(user=staff_user), data, "a.csv", dry_run=False)
    assert not report.ok and not report.applied
    assert ProgressReport.objects.filter(pk=gone.pk).exists()  # rolled back with the rest
    assert not ProgressReport.objects.filter(value__isnull=False).exists()
