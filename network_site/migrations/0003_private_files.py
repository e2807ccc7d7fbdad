"""Private files: Wagtail documents become our own model on the private storage, and imported
spreadsheets become files on it (they were bytes in the database).

Existing documents keep their ids (StreamField blocks point at them), their tags, their
collections and the groups' permissions on them; their files move from the public media
folder to the private storage. Nothing is lost: a file that cannot be moved stops the
migration, and rolling it back brings documents and spreadsheets back as they were.
"""

import django.db.models.deletion
import modelsearch.index
import network_site.models
import network_site.storage
import taggit.managers
import wagtail.models.media
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import migrations, models

from network_site.storage import move_to_private, move_to_public, private_storage


def import_jobs_to_files(apps, schema_editor):
    ImportJob = apps.get_model("network_site", "ImportJob")
    storage = private_storage()
    for job in ImportJob.objects.filter(file="").iterator():
        name = storage.save(
            network_site.models.import_upload_to(job, job.filename or "import.bin"), ContentFile(bytes(job.data or b""))
        )
        ImportJob.objects.filter(pk=job.pk).update(file=name)


def import_jobs_back(apps, schema_editor):
    """Rolled back: the files' bytes go back into the database column."""
    ImportJob = apps.get_model("network_site", "ImportJob")
    storage = private_storage()
    for job in ImportJob.objects.exclude(file="").iterator():
        if storage.exists(job.file.name):
            with storage.open(job.file.name, "rb") as handle:
                ImportJob.objects.filter(pk=job.pk).update(data=handle.read())


def copy_documents(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    old_type, _ = ContentType.objects.get_or_create(app_label="wagtaildocs", model="document")
    new_type, _ = ContentType.objects.get_or_create(app_label="network_site", model="customdocument")

    # The groups' permissions (model-wide and per collection) on documents carry over.
    names = {"add": "Can add document", "change": "Can change document", "delete": "Can delete document"}
    names |= {"view": "Can view document", "choose": "Can choose document"}
    for action, name in names.items():
        old_codename = f"{action}_document"
        new_codename = "choose_document" if action == "choose" else f"{action}_customdocument"
        old = Permission.objects.filter(content_type=old_type, codename=old_codename).first()
        if old is None:
            continue
        new, _ = Permission.objects.get_or_create(content_type=new_type, codename=new_codename, defaults={"name": name})
        for group in Group.objects.filter(permissions=old):
            group.permissions.add(new)
        for grant in GroupCollectionPermission.objects.filter(permission=old):
            GroupCollectionPermission.objects.get_or_create(
                group_id=grant.group_id, collection_id=grant.collection_id, permission=new
            )

    _transfer_documents(apps, schema_editor, ("wagtaildocs", "Document"), ("network_site", "CustomDocument"))
    move_to_private(apps, "network_site", "CustomDocument", "file")


def documents_back(apps, schema_editor):
    """Rolled back: the documents go back to Wagtail's own model (same ids, tags and files in the
    public folder), before our table is dropped."""
    _transfer_documents(apps, schema_editor, ("network_site", "CustomDocument"), ("wagtaildocs", "Document"))
    move_to_public(apps, "wagtaildocs", "Document", "file")


def _transfer_documents(apps, schema_editor, source, target):
    """Move every document row from the model ``source`` to ``target`` (``(app_label, model)``),
    keeping its id, dates and tags; the id sequence of ``target`` is moved past them."""
    Source, Target = apps.get_model(*source), apps.get_model(*target)
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    documents = list(Source.objects.all())
    if not documents:
        return
    Target.objects.bulk_create(
        Target(
            id=document.id,
            title=document.title,
            file=document.file.name,
            collection_id=document.collection_id,
            uploaded_by_user_id=document.uploaded_by_user_id,
            file_size=document.file_size,
            file_hash=document.file_hash,
        )
        for document in documents
    )
    for document in documents:  # auto_now_add set "now" above
        Target.objects.filter(pk=document.id).update(created_at=document.created_at)
    source_type, _ = ContentType.objects.get_or_create(app_label=source[0], model=source[1].lower())
    target_type, _ = ContentType.objects.get_or_create(app_label=target[0], model=target[1].lower())
    TaggedItem.objects.filter(content_type=source_type, object_id__in=[d.id for d in documents]).update(
        content_type=target_type
    )
    Source.objects.filter(pk__in=[d.id for d in documents]).delete()
    # Rows were inserted with their ids: move the id sequence past them (PostgreSQL).
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Target]):
            cursor.execute(sql)

class Migration(migrations.Migration):

    dependencies = [
        ('network_site', '0002_customimage_importjob_customrendition'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtaildocs', '0014_alter_document_file_size'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.AddField(
            model_name='importjob',
            name='file',
            field=network_site.storage.PrivateFileField(default='', max_length=300, upload_to=network_site.models.import_upload_to, verbose_name='file'),
        ),
        migrations.RunPython(import_jobs_to_files, import_jobs_back),
        migrations.RemoveField(
            model_name='importjob',
            name='data',
        ),
        migrations.AlterField(
            model_name='importjob',
            name='file',
            field=network_site.storage.PrivateFileField(max_length=300, upload_to=network_site.models.import_upload_to, verbose_name='file'),
        ),
        migrations.CreateModel(
            name='CustomDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=255, verbose_name='title')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('file_size', models.PositiveBigIntegerField(editable=False, null=True)),
                ('file_hash', models.CharField(blank=True, editable=False, max_length=40)),
                ('file', network_site.storage.PrivateFileField(upload_to='documents', verbose_name='file')),
                ('collection', models.ForeignKey(default=wagtail.models.media.get_root_collection_id, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.collection', verbose_name='collection')),
                ('tags', taggit.managers.TaggableManager(blank=True, help_text=None, through='taggit.TaggedItem', to='taggit.Tag', verbose_name='tags')),
                ('uploaded_by_user', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='uploaded by user')),
            ],
            options={
                'verbose_name': 'document',
                'verbose_name_plural': 'documents',
                'permissions': [('choose_document', 'Can choose document')],
                'abstract': False,
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.RunPython(copy_documents, documents_back),
    ]
