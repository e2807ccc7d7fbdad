"""These files move from the public media folder to the private storage (nothing is lost)."""

import network_site.storage
import supplychain.models.assessments
from django.db import migrations, models

from network_site.storage import move_to_private, move_to_public


def move_files(apps, schema_editor):
    move_to_private(apps, "supplychain", "Answer", "file")


def move_files_back(apps, schema_editor):
    move_to_public(apps, "supplychain", "Answer", "file")


class Migration(migrations.Migration):

    dependencies = [
        ('supplychain', '0002_default_questionnaire'),
    ]

    operations = [
        migrations.AlterField(
            model_name='answer',
            name='file',
            field=network_site.storage.PrivateFileField(blank=True, max_length=300, upload_to=supplychain.models.assessments.evidence_upload_to, verbose_name='evidence file'),
        ),
            migrations.RunPython(move_files, move_files_back),
    ]
