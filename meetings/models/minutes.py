"""Comments on circulated minutes, and the files attached to the minutes."""

import os
import uuid

from modelcluster.fields import ParentalKey

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Orderable

from members.access import OrganizationScopedQuerySet
from members.models import Organization
from network_site.networks import scoped_manager
from network_site.storage import PrivateFileField
from network_site.uploads import UploadValidator


class MinutesComment(models.Model):
    """A comment of an attendee's organisation on circulated minutes (portal)."""

    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes_comments"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = scoped_manager(OrganizationScopedQuerySet, "meeting__network")

    class Meta:
        verbose_name = _("comment on the minutes")
        verbose_name_plural = _("comments on the minutes")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.organization} · {self.created_at:%d/%m/%Y}"


ATTACHMENT_EXTENSIONS = ("pdf", "pptx", "ppt", "docx", "xlsx", "odp", "odt", "ods", "jpg", "jpeg", "png", "webp")
IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp")
ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024


#: Model field validators (the names are kept: migrations refer to them).
validate_attachment = UploadValidator(extensions=ATTACHMENT_EXTENSIONS, max_bytes=ATTACHMENT_MAX_BYTES)


def attachment_path(instance, filename):
    return f"meetings/{instance.meeting_id or 'new'}/{uuid.uuid4().hex[:12]}-{os.path.basename(filename)[-80:]}"


class MinutesAttachment(Orderable):
    """A presentation, photo or document attached to the minutes."""

    meeting = ParentalKey("meetings.Meeting", on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=255)
    file = PrivateFileField(_("file"), upload_to=attachment_path, validators=[validate_attachment])
    agenda_session = models.CharField(_("session"), max_length=120, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title

    @property
    def is_image(self):
        return os.path.splitext(self.file.name)[1].lower().lstrip(".") in IMAGE_EXTENSIONS
