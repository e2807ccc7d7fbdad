"""These files move from the public media folder to the private storage (nothing is lost)."""

import meetings.models
import network_site.storage
import network_site.uploads
from django.db import migrations, models

from network_site.storage import move_to_private, move_to_public


def move_files(apps, schema_editor):
    move_to_private(apps, "meetings", "AgreementUpdate", "evidence")
    move_to_private(apps, "meetings", "MinutesAttachment", "file")


def move_files_back(apps, schema_editor):
    move_to_public(apps, "meetings", "AgreementUpdate", "evidence")
    move_to_public(apps, "meetings", "MinutesAttachment", "file")


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='agreementupdate',
            name='evidence',
            field=network_site.storage.PrivateFileField(blank=True, upload_to=meetings.models.evidence_path, validators=[network_site.uploads.UploadValidator(extensions=('pdf', 'docx', 'xlsx', 'odt', 'ods', 'jpg', 'jpeg', 'png', 'webp'), max_bytes=10485760)], verbose_name='evidence'),
        ),
        migrations.AlterField(
            model_name='minutesattachment',
            name='file',
            field=network_site.storage.PrivateFileField(upload_to=meetings.models.attachment_path, validators=[network_site.uploads.UploadValidator(extensions=('pdf', 'pptx', 'ppt', 'docx', 'xlsx', 'odp', 'odt', 'ods', 'jpg', 'jpeg', 'png', 'webp'), max_bytes=26214400)], verbose_name='file'),
        ),
            migrations.RunPython(move_files, move_files_back),
    ]
