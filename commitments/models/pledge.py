"""The pledge (versioned text) and its signatures."""

import re
import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.log_actions import log

from members.access import OrganizationScopedQuerySet
from members.models import Organization, representative_emails
from network_site.emails import send_templated_email
from network_site.lifecycle import actor
from network_site.links import absolute_url
from network_site.models import NetworkOwnedModel
from network_site.networks import scoped_manager

from .reminders import ReminderLog


class PledgeVersionQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(published_at__isnull=False, published_at__lte=now or timezone.now())

    def current(self, now=None):
        """The latest published version, or None."""
        return self.published(now).order_by("-number").first()


class PledgeVersion(NetworkOwnedModel):
    """One version of the network's pledge (the voluntary adhesion agreement)."""

    number = models.PositiveIntegerField(_("version number"))
    label = models.CharField(_("label"), max_length=100, blank=True, help_text=_("For example: 2024 text"))
    text = RichTextField(_("text"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty while drafting. Once published, organisations that signed an earlier "
            "version are asked to sign again."
        ),
    )
    resign_requested_at = models.DateTimeField(_("re-signing requested at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = scoped_manager(PledgeVersionQuerySet)

    panels = [
        FieldPanel("number"),
        FieldPanel("label"),
        FieldPanel("text"),
        FieldPanel("published_at"),
    ]

    class Meta:
        verbose_name = _("pledge version")
        verbose_name_plural = _("pledge versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["network", "number"], name="commitments_pledge_number_per_network")
        ]

    def __str__(self):
        return self.display_label

    @property
    def display_label(self):
        return f"v{self.number}" + (f" ({self.label})" if self.label else "")

    @property
    def is_published(self):
        return self.published_at is not None and self.published_at <= timezone.now()

    def organizations_to_resign(self):
        """Active members whose latest signature is on an older version than this one."""
        return (
            Organization.objects.active()
            .annotate(latest_version=Max("pledge_signatures__version__number"))
            .filter(latest_version__isnull=False, latest_version__lt=self.number)
        )

    def request_resigning(self):
        """E-mail the representatives of organisations that signed an older version (once)."""
        if not self.is_published or self.resign_requested_at is not None:
            return 0
        if PledgeVersion.objects.published().filter(number__gt=self.number).exists():
            return 0
        count = 0
        organizations = list(self.organizations_to_resign())
        already = set(
            ReminderLog.objects.filter(key__in=[f"pledge:{self.number}:{o.pk}" for o in organizations]).values_list(
                "key", flat=True
            )
        )
        for organization in organizations:
            key = f"pledge:{self.number}:{organization.pk}"
            if key in already:
                continue
            ReminderLog.objects.create(key=key, kind=ReminderLog.Kind.PLEDGE, organization=organization)
            send_templated_email(
                "commitments/emails/pledge_resign",
                {
                    "organization": organization,
                    "version": self,
                    "url": absolute_url("/portal/commitments/pledge/"),
                },
                to=representative_emails([organization.pk]),
            )
            count += 1
        PledgeVersion.objects.filter(pk=self.pk).update(resign_requested_at=timezone.now())
        self.resign_requested_at = timezone.now()
        return count


#: The letters and digits of a certificate's code: no look-alikes (I, L, 1, O, 0), so that a code
#: read off paper is typed right; 16 of them carry about 79 bits.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16
CODE_GROUP = 4
#: What people type or paste between the groups: spaces and every kind of dash.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]+")


def _new_verification_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_verification_code(code):
    """A code as typed (lower case, spaces, dashes) in the form it is stored in."""
    return _SEPARATORS.sub("", code or "").upper()


def format_verification_code(code):
    """A code printed in groups of four (``ABCD-EFGH-JKMN-PQRS``); older codes unchanged."""
    if len(code) == CODE_LENGTH and all(character in CODE_ALPHABET for character in code):
        return "-".join(code[i : i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))
    return code


def verification_form_url():
    """The absolute URL of the public page where anyone types a certificate's code."""
    with translation.override(settings.LANGUAGE_CODE):
        return absolute_url(reverse("commitments:verify_form"))


class PledgeSignatureQuerySet(OrganizationScopedQuerySet):
    def verified_by(self, code):
        """The signature a typed code names, or None: lower case, spaces and dashes are forgiven.

        Codes issued before the look-alike-free alphabet (mixed case, URL-safe) match as typed.
        """
        code = (code or "").strip()
        if not code:
            return None
        candidates = {code, normalize_verification_code(code)}
        found = list(self.filter(verification_code__in=candidates)[:2])
        return next((s for s in found if s.verification_code == code), found[0] if found else None)


class PledgeSignature(models.Model):
    """A representative's signature of one exact pledge version, with its text as signed."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="pledge_signatures"
    )
    version = models.ForeignKey(
        PledgeVersion, verbose_name=_("version"), on_delete=models.PROTECT, related_name="signatures"
    )
    signer_name = models.CharField(_("signer's name"), max_length=150)
    signer_position = models.CharField(_("signer's position"), max_length=150)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)
    version_number = models.PositiveIntegerField(_("version number signed"))
    text_snapshot = models.TextField(_("text as signed"))
    verification_code = models.CharField(
        _("verification code"), max_length=40, unique=True, default=_new_verification_code, editable=False
    )

    objects = scoped_manager(PledgeSignatureQuerySet, "organization__network")

    class Meta:
        verbose_name = _("pledge signature")
        verbose_name_plural = _("pledge signatures")
        ordering = ["-signed_at", "-pk"]

    def __str__(self):
        return f"{self.organization} — v{self.version_number} ({self.signed_at:%Y-%m-%d})"

    @classmethod
    @transaction.atomic
    def sign(cls, *, organization, version, user, signer_name, signer_position):
        signature = cls.objects.create(
            organization=organization,
            version=version,
            version_number=version.number,
            text_snapshot=version.text,
            user=actor(user),
            signer_name=signer_name,
            signer_position=signer_position,
        )
        log(
            instance=signature,
            action="commitments.pledge_signed",
            user=actor(user),
            data={"version": version.number, "organization": organization.pk},
        )
        return signature

    def get_verification_path(self):
        with translation.override(settings.LANGUAGE_CODE):
            return reverse("commitments:verify", args=[self.verification_code])

    def get_verification_url(self):
        return absolute_url(self.get_verification_path())

    @property
    def display_code(self):
        """The code as printed on the certificate, in groups of four."""
        return format_verification_code(self.verification_code)
