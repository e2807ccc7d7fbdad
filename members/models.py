"""Organisations (members and partner institutions), their people, membership and portal accounts."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .access import OrganizationScopedQuerySet


class OrganizationKind(models.TextChoices):
    COMPANY = "company", _("Company")
    CHAMBER = "chamber", _("Business chamber")
    PUBLIC = "public", _("Public institution")
    INTERNATIONAL = "international", _("International organisation")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
    COOPERATIVE = "cooperative", _("Cooperative")


class Sector(models.TextChoices):
    AGRICULTURE = "agriculture", _("Agriculture")
    AGROINDUSTRY = "agroindustry", _("Agro-industry")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    COMMERCE = "commerce", _("Commerce")
    FINANCE = "finance", _("Finance")
    TOURISM = "tourism", _("Tourism")
    SERVICES = "services", _("Services")
    OTHER = "other", _("Other")


class OrganizationSize(models.TextChoices):
    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


class Scope(models.TextChoices):
    NATIONAL = "national", _("National")
    TRANSNATIONAL = "transnational", _("Transnational")


class MembershipStatus(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: Allowed membership transitions: from → set of targets.
MEMBERSHIP_TRANSITIONS = {
    MembershipStatus.APPLICANT: {MembershipStatus.ACTIVE, MembershipStatus.WITHDRAWN},
    MembershipStatus.ACTIVE: {MembershipStatus.SUSPENDED, MembershipStatus.WITHDRAWN},
    MembershipStatus.SUSPENDED: {MembershipStatus.ACTIVE, MembershipStatus.WITHDRAWN},
    MembershipStatus.WITHDRAWN: {MembershipStatus.ACTIVE},
}


class OrganizationQuerySet(models.QuerySet):
    def members(self):
        """Organisations with a membership (partner institutions excluded)."""
        return self.filter(is_partner=False)

    def active(self):
        return self.filter(is_partner=False, membership_status=MembershipStatus.ACTIVE)

    def partners(self):
        return self.filter(is_partner=True)

    def for_user(self, user):
        """The portal user's own organisation, and nothing else."""
        account = getattr(user, "portal_account", None) if getattr(user, "is_authenticated", False) else None
        if account is None:
            return self.none()
        return self.filter(pk=account.organization_id)


class Organization(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=False)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices, default=OrganizationKind.COMPANY)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, default=Sector.OTHER)
    size = models.CharField(_("size"), max_length=10, choices=OrganizationSize.choices, blank=True)
    scope = models.CharField(_("national or transnational"), max_length=15, choices=Scope.choices, default=Scope.NATIONAL)
    region = models.CharField(_("province or region"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("public description"), blank=True)
    tax_id = models.CharField(
        _("tax identifier"), max_length=40, blank=True, help_text=_("Seen only by the secretariat.")
    )
    is_partner = models.BooleanField(
        _("partner institution"),
        default=False,
        help_text=_("Partner institutions (ILO, UNICEF, ministries...) take part without a membership."),
    )
    membership_status = models.CharField(
        _("membership status"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.APPLICANT,
        db_index=True,
    )
    date_joined = models.DateField(_("member since"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("short_name"),
        index.SearchField("description"),
        index.FilterField("membership_status"),
        index.FilterField("sector"),
        index.FilterField("kind"),
        index.FilterField("is_partner"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["is_partner", "membership_status", "sector"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def _unique_slug(self):
        base = slugify(self.short_name or self.name)[:70] or "organizacion"
        slug, counter = base, 2
        while Organization.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, counter = f"{base}-{counter}", counter + 1
        return slug

    @property
    def display_name(self):
        return self.short_name or self.name

    @property
    def is_active_member(self):
        return not self.is_partner and self.membership_status == MembershipStatus.ACTIVE

    def can_change_status_to(self, new_status):
        return not self.is_partner and new_status in MEMBERSHIP_TRANSITIONS.get(self.membership_status, set())

    @transaction.atomic
    def change_status(self, new_status, *, user=None, reason=""):
        """Move the membership to `new_status`, dated, with who and why, in history and audit log."""
        if not self.can_change_status_to(new_status):
            raise ValidationError(
                _("A membership cannot go from “%(old)s” to “%(new)s”.")
                % {"old": self.get_membership_status_display(), "new": MembershipStatus(new_status).label}
            )
        old_status = self.membership_status
        self.membership_status = new_status
        if new_status == MembershipStatus.ACTIVE and self.date_joined is None:
            self.date_joined = timezone.localdate()
        self.save(update_fields=["membership_status", "date_joined", "updated_at"])
        change = MembershipChange.objects.create(
            organization=self,
            from_status=old_status,
            to_status=new_status,
            reason=reason,
            changed_by=user if getattr(user, "is_authenticated", False) else None,
        )
        from wagtail.log_actions import log

        log(
            instance=self,
            action="members.status_change",
            user=user if getattr(user, "is_authenticated", False) else None,
            data={"from": old_status, "to": new_status, "reason": reason},
        )
        return change


class MembershipChange(models.Model):
    """One dated change of an organisation's membership status: the membership's history."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=MembershipStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=MembershipStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("membership change")
        verbose_name_plural = _("membership changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.organization}: {self.from_status} → {self.to_status}"


class PersonQuerySet(OrganizationScopedQuerySet):
    pass


class Person(models.Model):
    """A contact person of an organisation; seen only by the secretariat and that organisation."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="people"
    )
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), unique=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_focal_point = models.BooleanField(_("focal point"), default=False)
    languages = models.CharField(_("languages"), max_length=60, blank=True, help_text=_("For example: es, en"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)


class PortalRole(models.TextChoices):
    REPRESENTATIVE = "representative", _("Representative")
    CONTRIBUTOR = "contributor", _("Contributor")
    OBSERVER = "observer", _("Observer")


class PortalAccountQuerySet(OrganizationScopedQuerySet):
    pass


class PortalAccount(models.Model):
    """Ties a user to the one organisation they work for in the portal, with a role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="portal_account"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="portal_accounts"
    )
    role = models.CharField(_("role"), max_length=20, choices=PortalRole.choices, default=PortalRole.CONTRIBUTOR)
    person = models.OneToOneField(
        Person,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="portal_account",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PortalAccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("portal account")
        verbose_name_plural = _("portal accounts")

    def __str__(self):
        return f"{self.user} ({self.organization}, {self.get_role_display()})"

    @property
    def can_edit(self):
        """Representatives and contributors may draft; observers only read."""
        return self.role in (PortalRole.REPRESENTATIVE, PortalRole.CONTRIBUTOR)

    @property
    def can_submit(self):
        """Only representatives submit, sign and manage contacts."""
        return self.role == PortalRole.REPRESENTATIVE
