"""The membership's history moves to the one lifecycle history (Wagtail's audit log).

Entries of the old action "members.status_change" become "lifecycle.transition" (their reason is
the comment); each MembershipChange with no matching entry (demo data, imports) becomes one.
"""

from django.db import migrations

from network_site.lifecycle import migrate_to_one_history, reason_as_comment


def forwards(apps, schema_editor):
    migrate_to_one_history(
        apps,
        model="members.Organization",
        actions={"members.status_change": reason_as_comment},
        events=(
            "members.MembershipChange",
            "organization_id",
            {
                "from": "from_status",
                "to": "to_status",
                "comment": "reason",
                "user": "changed_by_id",
                "timestamp": "changed_at",
            },
        ),
        label=lambda organization: organization.name,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_joinpage_memberdirectorypage_application"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
