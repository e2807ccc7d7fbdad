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
from wagtail.search import index

from network_site.networks import scoped_manager as _scoped_manager
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
    # Wagtail's, its tags also a filter: the image chooser filters by a tag before it searches
    # (``?tag=…&q=…``), which Wagtail's own fields refuse with a FilterFieldError (a 500).
    search_fields = [
        *(f for f in AbstractImage.search_fields if getattr(f, "field_name", None) != "tags"),
        index.RelatedFields(
            "tags", [index.SearchField("name", boost=10), index.AutocompleteField("name"), index.FilterField("name")]
        ),
    ]

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


def _valid_time_zone(value):
    import zoneinfo

    from django.core.exceptions import ValidationError

    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a time zone (e.g. America/Costa_Rica)."), params={"value": value})


def _valid_languages(value):
    from django.conf import settings
    from django.core.exceptions import ValidationError

    known = {code for code, _name in settings.LANGUAGES}
    codes = [code.strip() for code in value.split(",") if code.strip()]
    unknown = [code for code in codes if code not in known]
    if not codes or unknown:
        raise ValidationError(
            _("Give the language codes separated by commas, the default first, among: %(known)s."),
            params={"known": ", ".join(sorted(known))},
        )


class NetworkQuerySet(models.QuerySet):
    def for_site(self, site):
        return self.filter(site=site).first() if site is not None else None


class Network(models.Model):
    """A national business network: its country, languages, time zone, secretariat and Wagtail Site.

    Every organisation, pledge, questionnaire, calendar and meeting belongs to exactly one network
    (their managers are scoped with django-scopes: ``network_site.networks``). A Site that no network
    owns is the regional site, which reads every network's public data.
    """

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, help_text=_("E.g. “Costa Rica”."))
    country = models.CharField(_("country code"), max_length=2, help_text=_("ISO 3166 code, e.g. CR."))
    languages = models.CharField(
        _("languages"),
        max_length=50,
        default="es,en",
        validators=[_valid_languages],
        help_text=_("Codes separated by commas, the default first (e.g. “es,en”)."),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=60, default="America/Costa_Rica", validators=[_valid_time_zone]
    )
    secretariat_name = models.CharField(_("secretariat's name"), max_length=200, blank=True)
    secretariat_emails = models.CharField(
        _("secretariat's addresses"),
        max_length=500,
        blank=True,
        help_text=_("Where notices for the secretariat go, separated by commas."),
    )
    reply_to = models.EmailField(
        _("reply-to address"), blank=True, help_text=_("A mailbox people read (default: the first address).")
    )
    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="network",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("collection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The network's images and documents (its staff's collection permissions)."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["position", "short_name"]

    def __str__(self):
        return self.short_name or self.name

    @property
    def language_codes(self):
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    @property
    def default_language(self):
        return (self.language_codes or ["es"])[0]

    @property
    def zone(self):
        import zoneinfo

        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def notice_emails(self):
        """Where notices for the secretariat go (the network's addresses, else SECRETARIAT_EMAILS)."""
        from django.conf import settings

        own = [each.strip() for each in self.secretariat_emails.split(",") if each.strip()]
        return own or list(getattr(settings, "SECRETARIAT_EMAILS", []))

    @property
    def reply_address(self):
        from django.conf import settings

        own = [each.strip() for each in self.secretariat_emails.split(",") if each.strip()]
        return self.reply_to or (own or [""])[0] or getattr(settings, "SECRETARIAT_REPLY_TO", "")

    @property
    def sender_name(self):
        from django.conf import settings

        return self.secretariat_name or getattr(settings, "SECRETARIAT_NAME", "")

    def today(self):
        """Today's date in the network's time zone."""
        return timezone.now().astimezone(self.zone).date()


class StaffRole(models.TextChoices):
    SECRETARIAT = "secretariat", _("secretariat")
    EDITOR = "editor", _("editor")


class StaffMembership(models.Model):
    """A member of a network's staff: the admin shows them that network's records (``networks``).

    Regional staff (the group ``REGIONAL_GROUP``) and superusers read every network.
    """

    user = models.ForeignKey(
        "network_site.User", verbose_name=_("user"), on_delete=models.CASCADE, related_name="staff_memberships"
    )
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="staff_memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=StaffRole.choices, default=StaffRole.SECRETARIAT)

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        constraints = [models.UniqueConstraint(fields=["user", "network"], name="one_staff_role_per_network")]

    def __str__(self):
        return f"{self.user} · {self.network} ({self.get_role_display()})"


class NetworkOwnedModel(models.Model):
    """A record that belongs to exactly one network, by default the one being worked for.

    Its manager is scoped (``network_site.networks.scoped_manager``); records further from their
    network (a commitment through its organisation) scope by a path instead of carrying the field.
    """

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="+", editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.network_id is None:
            from network_site.networks import NetworkRequired, current_network

            network = current_network()
            if network is None:
                raise NetworkRequired(
                    f"{type(self).__name__} needs a network: save it inside network_site.networks.activate(network)."
                )
            self.network = network
        super().save(*args, **kwargs)


def rendered_document_upload_to(instance, filename):
    return f"rendered/{timezone.now():%Y/%m}/{uuid.uuid4().hex}-{filename[-120:]}"


class RenderedDocument(NetworkOwnedModel):
    """A PDF rendered in the background (``network_site/background.py``): who asked, for which
    object (``kind`` and its ``params``; ``key`` is both in one string), how far it got, and the
    result in the private storage. Served only by the views that apply the object's access rule."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")
        EXPIRED = "expired", _("expired")

    kind = models.CharField(_("kind"), max_length=80)
    key = models.CharField(_("object"), max_length=255, db_index=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    title = models.CharField(_("title"), max_length=255, blank=True)
    return_url = models.CharField(_("return address"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=128, blank=True)
    requested_by = models.ForeignKey(
        "network_site.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    step = models.CharField(_("step"), max_length=40, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    file = PrivateFileField(_("file"), upload_to=rendered_document_upload_to, max_length=300, blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = _scoped_manager()

    class Meta:
        verbose_name = _("rendered document")
        verbose_name_plural = _("rendered documents")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["key", "state"], name="rendered_key_state")]

    def __str__(self):
        return self.title or self.key
