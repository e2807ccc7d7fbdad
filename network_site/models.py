"""Infrastructure models used by every app: the user (e-mail login), Wagtail's image and document
models, and spreadsheet imports."""

import uuid

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from network_site.storage import PrivateFileField


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A person who logs in: secretariat staff (the Wagtail admin) or a member's user (the portal)."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)


class CustomImage(AbstractImage):
    """Wagtail's image with room to grow; its `description` is the alternative text."""

    admin_form_fields = Image.admin_form_fields

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class CustomDocument(AbstractDocument):
    """Wagtail's document, stored in the private storage.

    Its file has no public URL: every download goes through Wagtail's ``serve_view``
    (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``), which applies a private collection's
    restrictions, so a private document is never reachable by its storage path.
    """

    file = PrivateFileField(upload_to="documents", verbose_name=_("file"))

    admin_form_fields = WagtailDocument.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        permissions = [("choose_document", "Can choose document")]


def import_upload_to(instance, filename):
    return f"imports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}-{filename[-120:]}"


class ImportJob(models.Model):
    """An uploaded spreadsheet between its preview and its confirmation (admin and portal).

    Kept in the database so that any instance behind the load balancer can confirm it, and
    as a record of who imported what and when.
    """

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("previewed")
        APPLIED = "applied", _("applied")
        FAILED = "failed", _("failed")

    resource = models.CharField(_("resource"), max_length=50)
    filename = models.CharField(_("file name"), max_length=255)
    file = PrivateFileField(_("file"), upload_to=import_upload_to, max_length=300)
    created_by = models.ForeignKey(
        "network_site.User", on_delete=models.CASCADE, related_name="import_jobs", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PREVIEWED)
    report = models.JSONField(_("report"), default=dict, blank=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.resource}: {self.filename}"

    @classmethod
    def preview(cls, resource, upload, *, keep_failed=False):
        """Check an uploaded file as a dry run (nothing written) and store it for confirmation.

        ``resource`` is the resource instance, scoped to its user (who owns the job); ``upload``
        the uploaded file. Returns ``(report, job)``: the ImportReport, and the stored ImportJob
        (``previewed``), or None when the file has errors, unless ``keep_failed`` stores it too
        (``failed``: shown again on its preview page, never applied).
        """
        from django.utils.text import get_valid_filename

        from network_site.spreadsheets import import_file

        data = upload.read()
        filename = get_valid_filename(upload.name)[:255]
        report = import_file(resource, data, filename, dry_run=True)
        if not report.ok and not keep_failed:
            return report, None
        job = cls(
            resource=resource.name,
            filename=filename,
            created_by=resource.user,
            report=report.as_dict(),
            status=cls.Status.PREVIEWED if report.ok else cls.Status.FAILED,
        )
        job.file.save(filename, ContentFile(data), save=False)
        job.save()
        return report, job

    def read(self):
        """The uploaded file's bytes (from the private storage)."""
        with self.file.open("rb") as handle:
            return handle.read()

    def apply(self, resource):
        """Apply this previewed import once, all or nothing, as `resource` (scoped to its user).

        The job is claimed atomically first, so a second click or a second instance never
        imports the same file twice. Returns the ImportReport, or None when the job was not
        (or is no longer) waiting to be applied.
        """
        from network_site.spreadsheets import import_file

        with transaction.atomic():
            claimed = ImportJob.objects.filter(pk=self.pk, status=self.Status.PREVIEWED).update(
                status=self.Status.APPLIED, applied_at=timezone.now()
            )
            if not claimed:
                return None
            report = import_file(resource, self.read(), self.filename, dry_run=False)
            self.report = report.as_dict()
            self.status = self.Status.APPLIED if report.ok else self.Status.FAILED
            self.applied_at = timezone.now() if report.ok else None
            self.save(update_fields=["report", "status", "applied_at"])
        return report
