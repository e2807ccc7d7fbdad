"""Applications' decisions join the one lifecycle history: the old "members.application_approve"
and "members.application_reject" entries become "lifecycle.transition" (pending → approved or
rejected, the reason as the comment)."""

from django.db import migrations

from network_site.lifecycle import migrate_to_one_history


def _decided(to):
    def convert(data):
        return {**data, "from": "pending", "to": to, "comment": data.pop("reason", "") or ""}

    return convert


def forwards(apps, schema_editor):
    migrate_to_one_history(
        apps,
        model="members.Application",
        actions={
            "members.application_approve": _decided("approved"),
            "members.application_reject": _decided("rejected"),
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0004_delete_membershipchange"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
