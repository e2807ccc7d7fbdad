"""Invitation replies move to the one lifecycle history (Wagtail's audit log), on the invitation.

Entries of the old action "meetings.reply" were kept on the meeting, with the invitation's id in
their data; they become "lifecycle.transition" entries of that invitation, with data
{"from", "to", "comment"} (the note was the reason) and the invitee's name.
"""

from django.db import migrations

from network_site.lifecycle import TRANSITION_ACTION, reason_as_comment


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    meeting_type = ContentType.objects.filter(app_label="meetings", model="meeting").first()
    if meeting_type is None:
        return
    entries = list(ModelLogEntry.objects.filter(content_type=meeting_type, action="meetings.reply"))
    if not entries:
        return
    invitation_type, _created = ContentType.objects.get_or_create(app_label="meetings", model="invitation")
    for entry in entries:
        data = reason_as_comment(dict(entry.data or {}))
        invitation = data.pop("invitation", None)
        entry.content_type = invitation_type
        entry.object_id = str(invitation or "")
        entry.action = TRANSITION_ACTION
        if data.get("invitee"):
            entry.label = f"{data['invitee']} → {entry.label}"[:255]
        entry.data = data
    ModelLogEntry.objects.bulk_update(
        entries, ["content_type", "object_id", "action", "label", "data"], batch_size=500
    )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_status_history_in_audit_log"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
