"""Organisations (members and partner institutions), their people, membership, portal accounts, applications."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.search import index

from members.access import OrganizationScopedQuerySet
from members.invitations import send_invitation
from network_site.caching import cached
from network_site.emails import send_templated_email
from network_site.lifecycle import Lifecycle, LifecycleMixin, Transition, actor
from network_site.models import NetworkOwnedModel
from network_site.networks import scoped_manager
from network_site.pages import live_page


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


def directory_url():
    """The URL of the live member directory in the active language ("" if none).

    Kept per cache generation, which publishing, moving or renaming any page moves on. The page
    type is looked up by name: the page module builds on this one, not the other way round.
    """

    def find():
        page = live_page(apps.get_model("members", "MemberDirectoryPage"))
        return (page.get_url() or "") if page else ""

    return cached("directory-url", builder=find)


class OrganizationQuerySet(models.QuerySet):
    def members(self):
        """Organisations with a membership (partner institutions excluded)."""
        return self.filter(is_partner=False)

    def active(self):
        return self.filter(is_partner=False, membership_status=MembershipStatus.ACTIVE)

    def partners(self):
        return self.filter(is_partner=True)

    def applicants(self):
        """Organisations waiting to become members (partner institutions never are)."""
        return self.filter(is_partner=False, membership_status=MembershipStatus.APPLICANT)

    def with_membership(self, status):
        """Members in ``status``: partner institutions take part without a membership."""
        return self.filter(is_partner=False, membership_status=status)

    def for_user(self, user):
        """The portal user's own organisation, and nothing else."""
        account = getattr(user, "portal_account", None) if getattr(user, "is_authenticated", False) else None
        if account is None:
            return self.none()
        return self.filter(pk=account.organization_id)


def _not_partner(organization):
    return not organization.is_partner


_M = MembershipStatus
#: Only the secretariat changes a membership (user=None is the system: demo data, imports).
_CHANGE = "members.change_organization"
#: The membership's moves (partner institutions have none).
MEMBERSHIP_LIFECYCLE = Lifecycle(
    field="membership_status",
    transitions=[
        Transition([_M.APPLICANT, _M.SUSPENDED, _M.WITHDRAWN], _M.ACTIVE, permission=_CHANGE, condition=_not_partner),
        Transition([_M.ACTIVE], _M.SUSPENDED, permission=_CHANGE, condition=_not_partner),
        Transition([_M.APPLICANT, _M.ACTIVE, _M.SUSPENDED], _M.WITHDRAWN, permission=_CHANGE, condition=_not_partner),
    ],
    refused_message=_("A membership cannot go from “%(old)s” to “%(new)s”."),
)


class Organization(LifecycleMixin, index.Indexed, NetworkOwnedModel):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganizationKind.choices, default=OrganizationKind.COMPANY
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, default=Sector.OTHER)
    size = models.CharField(_("size"), max_length=10, choices=OrganizationSize.choices, blank=True)
    scope = models.CharField(
        _("national or transnational"), max_length=15, choices=Scope.choices, default=Scope.NATIONAL
    )
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

    objects = scoped_manager(OrganizationQuerySet)
    lifecycle = MEMBERSHIP_LIFECYCLE

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
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="members_organization_slug_per_network")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The public profile in the member directory ("" when there is no directory page).

        Costs no query once the directory's URL is cached (see `directory_url`).
        Only active members have a public profile; the URL of any other organisation answers 404.
        """
        base = directory_url()
        return f"{base}{self.slug}/" if base else ""

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

    def on_transition(self, old, new, *, user, comment, **extra):
        """The membership is dated: "member since" is set the first time it becomes active."""
        if new == MembershipStatus.ACTIVE and self.date_joined is None:
            self.date_joined = timezone.localdate()
        return ["date_joined"]


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

    objects = scoped_manager(PersonQuerySet, "organization__network")

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


def representative_emails(organizations):
    """The e-mail addresses of the active representatives of ``organizations`` (objects or ids).

    The one way every app reaches an organisation's representatives (one query, each address once).
    """
    ids = [getattr(organization, "pk", organization) for organization in organizations]
    return sorted(
        set(
            PortalAccount.objects.filter(
                organization_id__in=ids, role=PortalRole.REPRESENTATIVE, user__is_active=True
            ).values_list("user__email", flat=True)
        )
    )


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

    objects = scoped_manager(PortalAccountQuerySet, "organization__network")

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


# --- Applications to join ------------------------------------------------------------------


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


_P = ApplicationStatus
#: An application is decided once: approved, or rejected with a reason the applicant reads.
APPLICATION_LIFECYCLE = Lifecycle(
    transitions=[
        Transition([_P.PENDING], _P.APPROVED, permission="members.change_application", name="approve"),
        Transition(
            [_P.PENDING],
            _P.REJECTED,
            permission="members.change_application",
            comment_required=_("Give a reason for the rejection."),
            name="reject",
        ),
    ],
    refused_message=_("This application has already been decided."),
)


class ApplicationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ApplicationStatus.PENDING)


class Application(LifecycleMixin, index.Indexed, NetworkOwnedModel):
    """An organisation's application to join, sent from the public "Únase a la Red" page."""

    # The organisation.
    name = models.CharField(_("organisation name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganizationKind.choices, default=OrganizationKind.COMPANY
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    size = models.CharField(_("size"), max_length=10, choices=OrganizationSize.choices)
    scope = models.CharField(
        _("national or transnational"), max_length=15, choices=Scope.choices, default=Scope.NATIONAL
    )
    region = models.CharField(_("province or region"), max_length=100)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the organisation does, in a few lines (shown publicly).")
    )
    # The contact person.
    contact_name = models.CharField(_("contact name"), max_length=150)
    contact_position = models.CharField(_("position"), max_length=150)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    accepts_principles = models.BooleanField(_("accepts the network's principles"), default=False)
    language = models.CharField(_("language"), max_length=10, default="es")
    # The decision.
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING, db_index=True
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation created"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    created_at = models.DateTimeField(_("received at"), default=timezone.now)

    objects = scoped_manager(ApplicationQuerySet)
    lifecycle = APPLICATION_LIFECYCLE

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("contact_name"),
        index.SearchField("contact_email"),
        index.FilterField("status"),
        index.FilterField("sector"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.name

    @property
    def is_pending(self):
        return self.status == ApplicationStatus.PENDING

    def approval_problems(self):
        """Reasons why approving would fail (an e-mail already in use...), as a list of messages."""
        problems = []
        if not self.is_pending:
            problems.append(_("This application has already been decided."))
        email = self.contact_email.strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            problems.append(_("A user with the e-mail %(email)s already exists.") % {"email": email})
        elif Person.objects.filter(email__iexact=email).exists():
            problems.append(_("A contact person with the e-mail %(email)s already exists.") % {"email": email})
        return problems

    def approve(self, *, user, reason=""):
        """Create the active organisation, its contact, a portal account, and invite the contact.

        Returns the new Organization. Raises ValidationError when the application cannot be approved.
        """
        with transaction.atomic():
            locked = Application.objects.select_for_update().get(pk=self.pk)
            problems = locked.approval_problems()
            if problems:
                raise ValidationError(problems)
            organization = Organization.objects.create(
                name=self.name,
                kind=self.kind,
                sector=self.sector,
                size=self.size,
                scope=self.scope,
                region=self.region,
                website=self.website,
                description=self.description,
                membership_status=MembershipStatus.APPLICANT,
            )
            log(instance=organization, action="wagtail.create", user=user)
            organization.transition_to(
                MembershipStatus.ACTIVE, user=user, comment=reason or _("Application approved.")
            )
            person = Person.objects.create(
                organization=organization,
                name=self.contact_name,
                position=self.contact_position,
                email=self.contact_email,
                phone=self.contact_phone,
                is_focal_point=True,
                languages=self.language,
            )
            first_name, _sep, last_name = self.contact_name.strip().partition(" ")
            new_user = get_user_model().objects.create_user(
                email=self.contact_email, password=None, first_name=first_name[:150], last_name=last_name[:150]
            )
            PortalAccount.objects.create(
                user=new_user, organization=organization, role=PortalRole.REPRESENTATIVE, person=person
            )
            self.status = locked.status
            self.transition_to(ApplicationStatus.APPROVED, user=user, comment=reason, organization=organization)
        send_invitation(new_user, invited_by=user)
        return organization

    def reject(self, *, user, reason):
        """Reject with a reason (required), recorded in the history; the applicant is told why."""
        with transaction.atomic():
            self.status = Application.objects.select_for_update().values_list("status", flat=True).get(pk=self.pk)
            self.transition_to(ApplicationStatus.REJECTED, user=user, comment=reason)

    # --- Lifecycle (network_site.lifecycle) -----------------------------------------------------

    def on_transition(self, old, new, *, user, comment, organization=None, **extra):
        self.decision_reason, self.decided_by, self.decided_at = comment, actor(user), timezone.now()
        fields = ["decision_reason", "decided_by", "decided_at"]
        if organization is not None:
            self.organization = organization
            fields.append("organization")
        return fields

    def transition_log_data(self, old, new, *, user, comment, organization=None, **extra):
        return {"organization": organization.pk} if organization is not None else {}

    def after_transition(self, old, new, *, user, comment, **extra):
        if new == ApplicationStatus.REJECTED:
            send_templated_email(
                "members/emails/application_rejected",
                {"application": self},
                to=[self.contact_email],
                language=self.language,
            )
