"""Commitments' and progress reports' history moves to the one lifecycle history (Wagtail's audit log).

Entries of the old actions ("commitments.submit", "commitments.report_approve"...) become
"lifecycle.transition" with the same data; each CommitmentEvent or ReportEvent with no matching
entry (demo data, spreadsheet imports) becomes one.
"""

from django.db import migrations

from network_site.lifecycle import migrate_to_one_history, reason_as_comment

EVENT_FIELDS = {
    "from": "from_status",
    "to": "to_status",
    "comment": "comment",
    "user": "user_id",
    "timestamp": "created_at",
}


def forwards(apps, schema_editor):
    migrate_to_one_history(
        apps,
        model="commitments.Commitment",
        actions=dict.fromkeys(
            ("commitments.submit", "commitments.approve", "commitments.return", "commitments.close"), reason_as_comment
        ),
        events=("commitments.CommitmentEvent", "commitment_id", EVENT_FIELDS),
        label=lambda commitment: f"{commitment.reference} {commitment.title}".strip(),
    )
    migrate_to_one_history(
        apps,
        model="commitments.ProgressReport",
        actions=dict.fromkeys(
            ("commitments.report_submit", "commitments.report_approve", "commitments.report_return"), reason_as_comment
        ),
        events=("commitments.ReportEvent", "report_id", EVENT_FIELDS),
        label=lambda report: report.period,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
