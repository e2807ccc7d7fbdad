"""Meetings' and agreements' status history moves to the one lifecycle history (Wagtail's audit log).

Entries of the old actions "meetings.status_change" and "meetings.agreement_status" become
"lifecycle.transition" with the same data (their reason is the comment).
"""

from django.db import migrations

from network_site.lifecycle import migrate_to_one_history, reason_as_comment


def forwards(apps, schema_editor):
    migrate_to_one_history(apps, model="meetings.Meeting", actions={"meetings.status_change": reason_as_comment})
    migrate_to_one_history(apps, model="meetings.Agreement", actions={"meetings.agreement_status": reason_as_comment})


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_private_files"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
