"""Questionnaire versions' publication moves to the one lifecycle history (Wagtail's audit log).

Entries of the old action "supplychain.questionnaire_published" become "lifecycle.transition"
with data {"from": "draft", "to": "published", "comment": ""}.
"""

from django.db import migrations

from network_site.lifecycle import migrate_to_one_history


def _published(data):
    return {**data, "from": data.get("from") or "draft", "to": "published", "comment": data.get("comment", "")}


def forwards(apps, schema_editor):
    migrate_to_one_history(
        apps, model="supplychain.Questionnaire", actions={"supplychain.questionnaire_published": _published}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("supplychain", "0004_status_history_in_audit_log"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
