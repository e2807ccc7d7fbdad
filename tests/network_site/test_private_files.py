"""Every file that is not public lives in the one private storage, is never reachable under
MEDIA_URL, and is served only by views that applied the access rule."""

from pathlib import Path

import pytest

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views.static import serve

from wagtail.documents import get_document_model
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.models import Collection, GroupCollectionPermission
from wagtail.models.view_restrictions import BaseViewRestriction

from commitments.models import Evidence
from meetings.models import AgreementStatus, AgreementUpdate, MinutesAttachment
from network_site.models import ImportJob
from network_site.storage import PrivateFileField, is_private, private_storage
from supplychain.models import Assessment
from tests.commitments.factories import ApprovedCommitmentFactory
from tests.helpers import migrate
from tests.meetings.factories import AgreementFactory, MeetingFactory
from tests.members.factories import OrganizationFactory
from tests.network_site.factories import StaffUserFactory
from tests.supplychain.factories import ActionItemFactory, answer, make_questionnaire

PDF = b"%PDF-1.4\n% a test file\n"
OUR_APPS = {"network_site", "home", "members", "commitments", "supplychain", "meetings"}


def _evidence(name):
    commitment = ApprovedCommitmentFactory(organization=OrganizationFactory())
    evidence = Evidence(
        report=commitment.reports.first(), original_name=name, content_type="application/pdf", size=len(PDF)
    )
    evidence.kind = Evidence.Kind.DOCUMENT
    evidence.file.save(name, ContentFile(PDF))
    return evidence.file


def _attachment(name):
    attachment = MinutesAttachment(meeting=MeetingFactory(), title="Presentación")
    attachment.file.save(name, ContentFile(PDF))
    return attachment.file


def _agreement_evidence(name):
    update = AgreementUpdate(agreement=AgreementFactory(), status=AgreementStatus.DONE, comment="Hecho")
    update.evidence.save(name, ContentFile(PDF))
    return update.evidence


def _answer(name):
    questionnaire = make_questionnaire()
    assessment = Assessment.objects.create(
        organization=OrganizationFactory(), year=timezone.localdate().year, questionnaire=questionnaire
    )
    stored = answer(assessment, "q6")
    stored.file.save(name, ContentFile(PDF))
    return stored.file


def _action_evidence(name):
    item = ActionItemFactory()
    item.evidence.save(name, ContentFile(PDF))
    return item.evidence


def _document(name):
    document = get_document_model()(title="Estudio")
    document.file.save(name, ContentFile(PDF))
    return document.file


def _import_job(name):
    job = ImportJob(resource="organizations", filename=name, created_by=StaffUserFactory())
    job.file.save(name, ContentFile(b"name\nEmpresa\n"))
    return job.file


def _rendered_document(name):
    from network_site.models import RenderedDocument

    job = RenderedDocument(kind="tests.sample", key="tests.sample:{}", filename=name)
    job.file.save(name, ContentFile(PDF))
    return job.file


#: How to save a file through each private file field (a new field must be added here).
SAVERS = {
    "commitments.Evidence.file": _evidence,
    "meetings.MinutesAttachment.file": _attachment,
    "meetings.AgreementUpdate.evidence": _agreement_evidence,
    "supplychain.Answer.file": _answer,
    "supplychain.ActionItem.evidence": _action_evidence,
    "network_site.CustomDocument.file": _document,
    "network_site.ImportJob.file": _import_job,
    "network_site.RenderedDocument.file": _rendered_document,
}


def _file_fields():
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS or issubclass(model, AbstractImage | AbstractRendition):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield f"{model._meta.label}.{field.name}", field


def test_every_file_field_outside_images_is_private():
    fields = dict(_file_fields())
    assert set(fields) == set(SAVERS), "a file field is missing from SAVERS (and from this test)"
    for label, field in fields.items():
        assert isinstance(field, PrivateFileField), label
        assert is_private(field.storage), label


def test_wagtail_documents_are_ours_and_served_by_their_view(settings):
    assert get_document_model()._meta.label == "network_site.CustomDocument"
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


@pytest.mark.django_db
@pytest.mark.parametrize("label", sorted(SAVERS))
def test_a_saved_private_file_is_not_served_under_media_url(label, settings):
    """The development server serves the whole MEDIA_ROOT under MEDIA_URL, as a web server
    would in production: a private file must not be there."""
    field_file = SAVERS[label]("acta-confidencial.pdf")
    name = field_file.name
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / name).read_bytes().startswith(b"%PDF") or label.endswith(
        "ImportJob.file"
    )
    assert not (Path(settings.MEDIA_ROOT) / name).exists()
    request = RequestFactory().get(settings.MEDIA_URL + name)
    with pytest.raises(Http404):
        serve(request, name, document_root=settings.MEDIA_ROOT)
    with pytest.raises(NotImplementedError, match="private file"):
        field_file.url  # noqa: B018 - a private file has no URL


# --- Wagtail documents: served by Wagtail's view, which applies the collection's privacy ------


@pytest.fixture
def private_collection(db):
    collection = Collection.get_first_root_node().add_child(name="Reservado")
    collection.view_restrictions.create(restriction_type=BaseViewRestriction.LOGIN)
    return collection


@pytest.mark.django_db
def test_a_private_collections_document_is_refused_to_visitors_and_served_to_staff(client, private_collection):
    document = get_document_model()(title="Informe reservado", collection=private_collection)
    document.file.save("informe.pdf", ContentFile(PDF))
    assert not default_storage.exists(document.file.name)
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"] == f"/portal/account/login/?next={document.url}"
    client.force_login(StaffUserFactory())
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.django_db
def test_a_public_document_downloads_through_its_view(client):
    document = get_document_model()(title="Estudio público")
    document.file.save("estudio.pdf", ContentFile(PDF))
    assert document.url.startswith("/documents/")
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


# --- Files saved before the migration ---------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_files_saved_before_the_migration_download_after_it_and_not_under_media_url(client, settings):
    """A document and a minutes attachment stored in the public media folder, as before the
    private storage, move to it: they download through their views, not under MEDIA_URL."""
    staff = StaffUserFactory()
    meeting = MeetingFactory()
    attachment = MinutesAttachment.objects.create(meeting=meeting, title="Presentación", file="x")
    old_attachment = default_storage.save("meetings/old/acta.pdf", ContentFile(PDF))
    MinutesAttachment.objects.filter(pk=attachment.pk).update(file=old_attachment)
    old_document = default_storage.save("documents/estudio-2017.pdf", ContentFile(PDF + b"doc"))
    recent = _document("informe-2026.pdf").instance  # saved after the migration: rolled back and forth
    editors = Group.objects.create(name="Comunicación")
    GroupCollectionPermission.objects.create(
        group=editors,
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get_or_create(  # (a transactional test before may have flushed it)
            content_type=ContentType.objects.get_or_create(app_label="wagtaildocs", model="document")[0],
            codename="change_document",
            defaults={"name": "Can change document"},
        )[0],
    )
    try:
        migrate([("meetings", "0001_initial"), ("network_site", "0002_customimage_importjob_customrendition")])
        from wagtail.documents.models import Document as WagtailDocument

        with connection.cursor() as cursor:  # Wagtail's own document model, as the site had it
            cursor.execute(
                "INSERT INTO wagtaildocs_document (id, title, file, created_at, collection_id, file_hash, file_size)"
                " VALUES (41, 'Estudio 2017', %s, %s, %s, '', 10)",
                [old_document, timezone.now(), Collection.get_first_root_node().pk],
            )
        assert WagtailDocument.objects.filter(pk=41).exists()
        # Rolled back, the recent document is Wagtail's again, its file in the public folder.
        assert WagtailDocument.objects.get(pk=recent.pk).file.name == recent.file.name
        assert default_storage.exists(recent.file.name)
        assert not private_storage().exists(recent.file.name)
    finally:
        migrate(latest_of=("meetings", "network_site"))

    assert (Path(settings.MEDIA_ROOT) / old_attachment).exists() is False
    assert (Path(settings.MEDIA_ROOT) / old_document).exists() is False
    assert private_storage().exists(old_attachment)
    assert private_storage().exists(old_document)
    assert private_storage().exists(recent.file.name) and not default_storage.exists(recent.file.name)
    assert get_document_model().objects.get(pk=recent.pk).title == "Estudio"
    # The groups' collection permissions on documents carried over to our model.
    assert GroupCollectionPermission.objects.filter(
        group=editors, permission__content_type__app_label="network_site", permission__codename="change_customdocument"
    ).exists()

    client.force_login(staff)
    response = client.get(reverse("meetings_admin:attachment", args=[meeting.pk, attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    document = get_document_model().objects.get(pk=41)
    assert document.title == "Estudio 2017"
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF + b"doc"
    request = RequestFactory().get(settings.MEDIA_URL + old_document)
    with pytest.raises(Http404):
        serve(request, old_document, document_root=settings.MEDIA_ROOT)
    # New documents do not reuse the migrated id.
    assert get_document_model().objects.create(title="Nuevo", file="documents/n.pdf").pk > 41


@pytest.mark.django_db
def test_staff_download_a_minutes_attachment_and_an_agreement_evidence_members_do_not(client, representative):
    file = _attachment("acta.pdf")
    attachment = file.instance
    update = _agreement_evidence("prueba.pdf").instance
    urls = [
        reverse("meetings_admin:attachment", args=[attachment.meeting_id, attachment.pk]),
        reverse("meetings_admin:agreement_evidence", args=[update.agreement_id, update.pk]),
    ]
    client.force_login(representative)
    for url in urls:
        assert client.get(url).status_code == 302  # a member is not let into the admin
    client.force_login(StaffUserFactory())
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
    # Another meeting's id with this attachment's id answers 404.
    other = MeetingFactory()
    assert client.get(reverse("meetings_admin:attachment", args=[other.pk, attachment.pk])).status_code == 404


@pytest.mark.django_db
def test_admin_edit_pages_of_private_files_name_them_without_linking_them(client):
    """Editing a document, or a meeting with an attachment, shows the current file's name (a
    private file has no URL to link to)."""
    client.force_login(StaffUserFactory(is_superuser=True))
    document = _document("estudio-privado.pdf").instance
    response = client.get(reverse("wagtaildocs:edit", args=[document.pk]))
    assert response.status_code == 200
    attachment = _attachment("presentacion.pdf").instance
    response = client.get(reverse("meeting:edit", args=[attachment.meeting_id]))
    assert response.status_code == 200
    assert Path(attachment.file.name).name in response.content.decode()
    assert f'href="/media/{attachment.file.name}"' not in response.content.decode()


def test_a_private_folder_inside_the_public_one_is_refused_by_a_system_check(settings, tmp_path):
    from network_site.storage import check_private_root

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    assert check_private_root() == []
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media" / "private"
    assert [error.id for error in check_private_root()] == ["network_site.E002"]


@pytest.mark.django_db
def test_moving_again_after_an_interrupted_run_leaves_no_public_copy():
    """A run stopped after copying a file but before deleting the public one: the next run
    deletes the public copy (it was left downloadable under MEDIA_URL before)."""
    from network_site.storage import move_to_private

    attachment = _attachment("acta.pdf").instance
    name = attachment.file.name
    default_storage.save(name, ContentFile(PDF))  # the public copy an interrupted run left behind
    move_to_private(apps, "meetings", "MinutesAttachment", "file")
    assert not default_storage.exists(name)
    assert private_storage().open(name).read() == PDF
