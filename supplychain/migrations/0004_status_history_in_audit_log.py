"""Self-assessments' and referrals' status history moves to the one lifecycle history (Wagtail's audit log).

Entries of the old actions ("supplychain.assessment_submitted", "..._reviewed", "..._returned",
"supplychain.referral_step") become "lifecycle.transition" with data {"from", "to", "comment"}
(plus what they carried: the score, the date of a step).
"""

from django.db import migrations

from network_site.lifecycle import migrate_to_one_history

STEPS = ["identified", "referred", "removal_verified", "closed"]


def _assessment(to):
    def convert(data):
        return {**data, "from": "submitted" if to != "submitted" else "", "to": to, "comment": data.get("comment", "")}

    return convert


def _step(data):
    step = data.pop("step", "")
    previous = STEPS[STEPS.index(step) - 1] if step in STEPS[1:] else ""
    return {**data, "from": previous, "to": step, "comment": data.get("comment", "")}


def forwards(apps, schema_editor):
    migrate_to_one_history(
        apps,
        model="supplychain.Assessment",
        actions={
            "supplychain.assessment_submitted": _assessment("submitted"),
            "supplychain.assessment_reviewed": _assessment("reviewed"),
            "supplychain.assessment_returned": _assessment("returned"),
        },
    )
    migrate_to_one_history(apps, model="supplychain.Referral", actions={"supplychain.referral_step": _step})


class Migration(migrations.Migration):
    dependencies = [
        ("supplychain", "0003_private_files"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
