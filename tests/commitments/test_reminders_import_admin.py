"""send_reminders and the progress-report import (command and portal); the review is in test_review_admin."""

import datetime
import io

import pytest

from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from commitments import reminders
from commitments.models import ProgressReport, ReminderLog, ReportStatus
from commitments.resources import ProgressReportResource
from network_site.models import ImportJob
from network_site.spreadsheets import import_file

from .factories import ApprovedCommitmentFactory, CommitmentFactory

# --- Reminders -----------------------------------------------------------------------------


def test_reminders_are_sent_once_per_stage(organization, representative, settings):
    settings.SECRETARIAT_EMAILS = ["secretaria@example.org"]
    commitment = ApprovedCommitmentFactory(organization=organization)
    report = commitment.reports.get(period="2025-Q4")  # deadline 2026-01-30
    commitment.reports.exclude(pk=report.pk).update(status=ReportStatus.APPROVED, value=1)
    mail.outbox.clear()

    day = report.deadline - datetime.timedelta(days=30)
    assert reminders.run(day)["reports"] == 1
    assert reminders.run(day)["reports"] == 0  # same day again: nothing new
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [representative.email]
    assert "2025-Q4" in mail.outbox[0].body

    assert reminders.run(report.deadline - datetime.timedelta(days=20))["reports"] == 0  # still the 30-day stage
    assert reminders.run(report.deadline - datetime.timedelta(days=7))["reports"] == 1
    assert reminders.run(report.deadline - datetime.timedelta(days=1))["reports"] == 1
    assert reminders.run(report.deadline - datetime.timedelta(days=1))["reports"] == 0
    mail.outbox.clear()
    after = report.deadline + datetime.timedelta(days=1)
    counts = reminders.run(after)
    assert counts == {"reports": 1, "secretariat": 1, "pledge": 0}
    to = sorted(m.to[0] for m in mail.outbox)
    assert to == sorted([representative.email, "secretaria@example.org"])
    secretariat_mail = next(m for m in mail.outbox if m.to == ["secretaria@example.org"])
    assert organization.name in secretariat_mail.body
    mail.outbox.clear()
    assert reminders.run(after) == {"reports": 0, "secretariat": 0, "pledge": 0}
    assert mail.outbox == []
    assert set(ReminderLog.objects.values_list("kind", flat=True)) == {
        "before_30",
        "before_7",
        "before_1",
        "overdue",
        "secretariat",
    }


def test_no_reminder_for_filed_reports_or_inactive_members(organization, representative):
    commitment = ApprovedCommitmentFactory(organization=organization)
    commitment.reports.update(status=ReportStatus.SUBMITTED, value=1)
    assert reminders.run(datetime.date(2026, 1, 1))["reports"] == 0


def test_send_reminders_command(organization, representative):
    ApprovedCommitmentFactory(organization=organization)
    out = io.StringIO()
    call_command("send_reminders", "--date", "2026-01-05", stdout=out)
    assert "Reminders sent" in out.getvalue()
    sent = len(mail.outbox)
    call_command("send_reminders", "--date", "2026-01-05", stdout=io.StringIO())
    assert len(mail.outbox) == sent
    with pytest.raises(CommandError):
        call_command("send_reminders", "--date", "ayer")


# --- Import --------------------------------------------------------------------------------


def csv_bytes(rows):
    lines = ["commitment,period,value,narrative", *[",".join(map(str, r)) for r in rows]]
    return "\n".join(lines).encode()


def test_import_command_scoped_to_the_users_organisation(tmp_path, organization, representative, other_organization):
    own = ApprovedCommitmentFactory(organization=organization)
    foreign = ApprovedCommitmentFactory(organization=other_organization)
    own.refresh_from_db()
    foreign.refresh_from_db()
    path = tmp_path / "avance.csv"
    path.write_bytes(csv_bytes([(own.reference, "2024-Q1", 5, "Cinco"), (foreign.reference, "2024-Q1", 9, "Ajeno")]))
    err = io.StringIO()
    with translation.override("es"), pytest.raises(CommandError):
        call_command("import_data", "progress_reports", str(path), "--user", representative.email, stderr=err)
    assert "fila 3" in err.getvalue()
    assert not ProgressReport.objects.filter(value__isnull=False).exists()  # nothing half-written

    path.write_bytes(csv_bytes([(own.reference, "2024-Q1", 5, "Cinco"), (own.reference.lower(), "2024-q2", 6, "")]))
    call_command("import_data", "progress_reports", str(path), "--user", representative.email, stdout=io.StringIO())
    q1 = own.reports.get(period="2024-Q1")
    assert q1.value == 5 and q1.status == ReportStatus.SUBMITTED and q1.is_late is True
    assert own.reports.get(period="2024-Q2").value == 6


def test_import_refuses_locked_reports_bad_periods_and_values(organization, representative, staff_user):
    commitment = ApprovedCommitmentFactory(organization=organization, indicator_kind="percentage", target=90)
    commitment.refresh_from_db()
    approved = commitment.reports.get(period="2024-Q1")
    approved.value = 10
    approved.save()
    approved.transition_to("submitted", user=representative)
    approved.transition_to("approved", user=staff_user)
    draft = CommitmentFactory(organization=organization)
    draft.refresh_from_db()
    data = csv_bytes(
        [
            (commitment.reference, "2024-Q1", 50, ""),
            (commitment.reference, "2031-Q1", 50, ""),
            (commitment.reference, "2024-Q7", 50, ""),
            (commitment.reference, "2024-Q2", 150, ""),
            (draft.reference, "2024-Q1", 1, ""),
        ]
    )
    report = import_file(ProgressReportResource(user=representative), data, "a.csv", dry_run=False)
    assert not report.ok
    assert sorted({e.row for e in report.errors}) == [2, 3, 4, 5, 6]
    approved.refresh_from_db()
    assert approved.value == 10


def test_import_does_not_query_per_row(organization, staff_user):
    commitments = [ApprovedCommitmentFactory(organization=organization) for _ in range(2)]
    for c in commitments:
        c.refresh_from_db()

    def run(rows):
        data = csv_bytes(rows)
        with CaptureQueriesContext(connection) as ctx:
            result = import_file(ProgressReportResource(user=staff_user), data, "a.csv", dry_run=True)
        assert result.ok, result.errors
        return [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]

    periods = [f"{y}-Q{q}" for y in (2024, 2025) for q in (1, 2, 3, 4)]
    small = run([(commitments[0].reference, p, 1, "") for p in periods[:2]])
    large = run([(c.reference, p, 1, "") for c in commitments for p in periods])
    # Reading is a fixed number of queries (and the dry run writes nothing: test_import_bulk).
    assert len(large) <= len(small) <= 3


def test_portal_import_preview_and_confirm(representative_client, organization, representative):
    commitment = ApprovedCommitmentFactory(organization=organization)
    commitment.refresh_from_db()
    upload = io.BytesIO(csv_bytes([(commitment.reference, "2024-Q3", 4, "Cuatro charlas")]))
    upload.name = "avance.csv"
    response = representative_client.post(reverse("commitments_portal:import"), {"file": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.status == ImportJob.Status.PREVIEWED
    assert commitment.reports.get(period="2024-Q3").value is None  # the preview writes nothing
    page = representative_client.get(reverse("commitments_portal:import_preview", args=[job.pk])).content.decode()
    assert "Cuatro charlas" in page
    representative_client.post(reverse("commitments_portal:import_preview", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.APPLIED
    assert commitment.reports.get(period="2024-Q3").value == 4


def test_portal_import_of_another_organisations_commitment_is_a_row_error(representative_client, other_organization):
    foreign = ApprovedCommitmentFactory(organization=other_organization)
    foreign.refresh_from_db()
    upload = io.BytesIO(csv_bytes([(foreign.reference, "2024-Q3", 4, "")]))
    upload.name = "avance.csv"
    representative_client.post(reverse("commitments_portal:import"), {"file": upload})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED and job.report["errors"][0]["row"] == 2
    representative_client.post(reverse("commitments_portal:import_preview", args=[job.pk]))
    assert foreign.reports.get(period="2024-Q3").value is None


def test_contributors_cannot_import(client, contributor):
    client.force_login(contributor)
    assert client.get(reverse("commitments_portal:import")).status_code == 403


def test_portal_import_errors_and_changes_are_in_the_users_language(representative_client, organization):
    from tests.helpers import speak

    commitment = ApprovedCommitmentFactory(organization=organization)
    commitment.refresh_from_db()
    rows = [(commitment.reference, "2024-Q3", 4, "Cuatro"), (commitment.reference, "2024-Q4", "veinte", "")]
    upload = io.BytesIO(csv_bytes(rows))
    upload.name = "avance.csv"
    speak(representative_client, "es").post(reverse("commitments_portal:import"), {"file": upload})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert [(e["row"], e["column"]) for e in job.report["errors"]] == [(3, "value")]
    page = representative_client.get(reverse("commitments_portal:import_preview", args=[job.pk])).content.decode()
    assert "fila 3 · valor (<code>value</code>): «veinte» no es un número" in page
    assert not commitment.reports.filter(value__isnull=False).exists()  # nothing half-written

    upload = io.BytesIO(csv_bytes([rows[0], (commitment.reference, "2024-Q4", "20", "")]))
    upload.name = "avance-corregido.csv"
    representative_client.post(reverse("commitments_portal:import"), {"file": upload})
    job = ImportJob.objects.get(filename="avance-corregido.csv")
    page = representative_client.get(reverse("commitments_portal:import_preview", args=[job.pk])).content.decode()
    assert "<td>Modificada</td>" in page and "<td>update</td>" not in page
    assert "Modificada 2" in page  # the totals too
