"""The regional library of good practices (the background document's "activos").

A practice belongs to one network (``NetworkOwnedModel``) and, optionally, to one of its
organisations. A network's secretariat proposes it in the admin, or a member in the portal;
regional staff review it: publish it, or return it with a comment (its proposer corrects it and
proposes it again); it may be withdrawn. Every move goes through ``network_site.lifecycle``
(``GOOD_PRACTICE_LIFECYCLE``) and is kept in the one history (Wagtail's audit log).

The contact person (name, e-mail, phone) is for the secretariats and the regional staff only:
public pages and the API use ``PUBLIC_FIELDS`` and never these.
"""

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from commitments.models import AccelerationFactor, ThematicArea
from members.access import OrganizationScopedQuerySet, portal_account_for
from members.models import Organization, representative_emails
from network_site.emails import send_templated_email
from network_site.lifecycle import Lifecycle, LifecycleMixin, Transition
from network_site.links import absolute_url
from network_site.models import NetworkOwnedModel
from network_site.networks import REGIONAL_GROUP, current_network, is_regional_staff, scoped_manager
from network_site.routing import RememberedPageMixin

from .fields import ChoiceListField


class PracticeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    UNDER_REVIEW = "under_review", _("Under review")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PracticeLanguage(models.TextChoices):
    """The regional initiative's four languages (a practice's text may be in several)."""

    SPANISH = "es", _("Spanish")
    ENGLISH = "en", _("English")
    PORTUGUESE = "pt", _("Portuguese")
    FRENCH = "fr", _("French")


#: The fields public pages and the API may show (never the contact person, the reviewer or the comment).
PUBLIC_FIELDS = (
    "id",
    "title",
    "organization",
    "network",
    "acceleration_factors",
    "thematic_area",
    "summary",
    "results",
    "languages",
    "year",
    "published_at",
)
#: The contact person: secretariats and regional staff only.
CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")
#: What a proposer (secretariat or member) writes; state, network and review are set by the workflow.
EDITABLE_FIELDS = [
    "title",
    "organization",
    "acceleration_factors",
    "thematic_area",
    "summary",
    "results",
    "languages",
    "year",
    *CONTACT_FIELDS,
]


def may_review(user, practice=None):
    """Regional staff (the group ``REGIONAL_GROUP``) and superusers review; national staff never do."""
    return bool(getattr(user, "is_staff", False)) and is_regional_staff(user)


def may_propose_again(user, practice):
    """The proposer's side: its network's secretariat (admin, already scoped to its network),
    the member organisation's own users (portal), or regional staff."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_regional_staff(user):
        return True
    if user.is_staff and user.has_perm("practices.change_goodpractice"):
        return True
    account = portal_account_for(user)
    return (
        account is not None
        and practice.organization_id is not None
        and account.organization_id == (practice.organization_id)
    )


def reviewer_emails():
    """The regional team's addresses: the active staff users of ``REGIONAL_GROUP``."""
    from django.contrib.auth import get_user_model

    return sorted(
        get_user_model()
        .objects.filter(groups__name=REGIONAL_GROUP, is_active=True, is_staff=True)
        .values_list("email", flat=True)
        .distinct()
    )


_S = PracticeStatus
GOOD_PRACTICE_LIFECYCLE = Lifecycle(
    transitions=[
        Transition([_S.PROPOSED], _S.UNDER_REVIEW, permission=may_review, name="review"),
        Transition([_S.PROPOSED, _S.UNDER_REVIEW], _S.PUBLISHED, permission=may_review, name="publish"),
        Transition(
            [_S.PROPOSED, _S.UNDER_REVIEW],
            _S.RETURNED,
            permission=may_review,
            comment_required=_("Say what the proposer should change: the comment is required."),
            name="return",
        ),
        Transition([_S.RETURNED], _S.PROPOSED, permission=may_propose_again, name="propose"),
        Transition(
            [_S.PROPOSED, _S.UNDER_REVIEW, _S.RETURNED, _S.PUBLISHED],
            _S.WITHDRAWN,
            permission=lambda user, practice: may_review(user) or may_propose_again(user, practice),
            name="withdraw",
        ),
    ],
    refused_message=_("A good practice cannot go from “%(old)s” to “%(new)s”."),
)


class GoodPracticeQuerySet(OrganizationScopedQuerySet):
    def published(self):
        return self.filter(status=PracticeStatus.PUBLISHED)

    def waiting_for_review(self):
        return self.filter(status__in=[PracticeStatus.PROPOSED, PracticeStatus.UNDER_REVIEW])

    def with_factor(self, code):
        return self.filter(acceleration_factors__contains=f",{code},")

    def in_language(self, code):
        return self.filter(languages__contains=f",{code},")


def current_year():
    return timezone.localdate().year


class GoodPractice(LifecycleMixin, ClusterableModel, NetworkOwnedModel):
    title = models.CharField(_("title"), max_length=200)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="good_practices",
        help_text=_("The member or partner institution that carried it out (optional)."),
    )
    acceleration_factors = ChoiceListField(
        _("acceleration factors"),
        options=AccelerationFactor.choices,
        help_text=_("The regional initiative's acceleration factors this practice works on."),
    )
    thematic_area = models.CharField(_("thematic area"), max_length=30, choices=ThematicArea.choices)
    summary = models.TextField(_("summary"), help_text=_("What was done, for whom, where and how."))
    results = models.TextField(_("results"), blank=True, help_text=_("What changed, with figures where possible."))
    languages = ChoiceListField(
        _("languages"),
        options=PracticeLanguage.choices,
        max_length=30,
        help_text=_("The languages this text (and its documents) are written in."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        default=current_year,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("The year the practice was carried out (or began)."),
    )
    contact_name = models.CharField(
        _("contact name"), max_length=150, blank=True, help_text=_("Seen only by the secretariats and regional staff.")
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PracticeStatus.choices, default=PracticeStatus.PROPOSED, db_index=True
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = scoped_manager(GoodPracticeQuerySet)
    lifecycle = GOOD_PRACTICE_LIFECYCLE

    panels = [
        FieldPanel("title"),
        FieldPanel("organization"),
        FieldRowPanel([FieldPanel("thematic_area"), FieldPanel("year")]),
        FieldPanel("acceleration_factors"),
        FieldPanel("summary"),
        FieldPanel("results"),
        FieldPanel("languages"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact (secretariats and regional staff only)"),
        ),
        InlinePanel("documents", label=_("Documents")),
        InlinePanel("photos", label=_("Photos")),
    ]

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-published_at", "-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "thematic_area"])]

    def __str__(self):
        return self.title

    @property
    def slug(self):
        return slugify(self.title)[:80] or "practica"

    @property
    def acceleration_factor_labels(self):
        return self._meta.get_field("acceleration_factors").labels(self.acceleration_factors)

    @property
    def language_labels(self):
        return self._meta.get_field("languages").labels(self.languages)

    @property
    def is_editable_by_proposer(self):
        return self.status in (PracticeStatus.PROPOSED, PracticeStatus.RETURNED)

    def clean(self):
        network_id = self.network_id or getattr(current_network(), "pk", None)
        if self.organization_id and network_id and self.organization.network_id != network_id:
            raise ValidationError({"organization": _("Choose an organisation of the practice's own network.")})
        if self.year and self.year > timezone.localdate().year:
            raise ValidationError({"year": _("The year cannot be in the future.")})

    # --- Lifecycle (network_site.lifecycle): transition_to(status, user=..., comment=...) ---------

    def on_transition(self, old, new, *, user, comment, **extra):
        if new in (PracticeStatus.PUBLISHED, PracticeStatus.RETURNED, PracticeStatus.UNDER_REVIEW):
            self.reviewed_by = user if getattr(user, "is_authenticated", False) else None
            fields = ["reviewed_by"]
            if new != PracticeStatus.UNDER_REVIEW:
                self.review_comment = comment or ""
                fields.append("review_comment")
            if new == PracticeStatus.PUBLISHED:
                self.published_at = timezone.now()
                fields.append("published_at")
            return fields
        return []

    def after_transition(self, old, new, *, user, comment, **extra):
        if new == PracticeStatus.PROPOSED:
            self.notify_reviewers()
            return
        template = {
            PracticeStatus.PUBLISHED: "practices/emails/practice_published",
            PracticeStatus.RETURNED: "practices/emails/practice_returned",
        }.get(new)
        if template:
            send_templated_email(
                template,
                {"practice": self, "comment": comment, "url": self.proposer_url()},
                to=self.proposer_emails(),
                language=self.network.default_language,
            )

    def notify_reviewers(self):
        """Tell the regional team a practice waits for review (a new proposal, or a corrected one)."""
        send_templated_email(
            "practices/emails/practice_proposed",
            {"practice": self, "url": absolute_url(reverse("practices:inspect", args=[self.pk]))},
            to=reviewer_emails(),
        )

    def proposer_emails(self):
        """Who hears of the review: the user who proposed it, else the organisation's representatives,
        else the network's secretariat."""
        if self.proposed_by_id and self.proposed_by.email:
            return [self.proposed_by.email]
        if self.organization_id:
            emails = representative_emails([self.organization_id])
            if emails:
                return emails
        return self.network.notice_emails

    def proposer_url(self):
        """Where the proposer reads the practice: the portal for a member's user, the admin otherwise."""
        if self.proposed_by_id and not self.proposed_by.is_staff and self.organization_id:
            return absolute_url(reverse("practices_portal:detail", args=[self.pk]), network=self.network)
        return absolute_url(reverse("practices:inspect", args=[self.pk]), network=self.network)


class GoodPracticeDocument(Orderable):
    practice = ParentalKey(GoodPractice, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL, verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )

    objects = scoped_manager(models.QuerySet, "practice__network")

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")


class GoodPracticePhoto(Orderable):
    practice = ParentalKey(GoodPractice, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL, verbose_name=_("photo"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    objects = scoped_manager(models.QuerySet, "practice__network")

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class GoodPracticeLibraryPage(RememberedPageMixin, RoutablePageMixin, Page):
    """The public library: published practices, searchable and filterable, each at ``<id>/<slug>/``.

    On the regional site it lists every network's published practices (the request reads
    ``across(None)``); on a national site, that network's only (the request's ``activate``).
    """

    intro = RichTextField(_("introduction"), blank=True)
    per_page = models.PositiveSmallIntegerField(
        _("practices per page"), default=12, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    #: The regional site's home page, or a national site's home page.
    parent_page_types = ["regional.RegionalHomePage", "home.HomePage"]
    subpage_types = []
    template = "practices/library_page.html"

    class Meta:
        verbose_name = _("good-practices library")
        verbose_name_plural = _("good-practices libraries")

    @path("")
    def library(self, request):
        from . import views

        return views.library(request, self)

    @path("<int:pk>/", name="practice_short")
    @path("<int:pk>/<slug:slug>/", name="practice")
    def practice(self, request, pk, slug=None):
        from . import views

        return views.practice_detail(request, self, pk, slug)
