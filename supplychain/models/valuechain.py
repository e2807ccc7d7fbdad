"""The value-chain map (suppliers, with risk from the secretariat's tables) and action plans."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from members.access import OrganizationScopedQuerySet
from members.models import Organization
from network_site.lifecycle import Lifecycle, LifecycleMixin, Transition
from network_site.networks import scoped_manager
from network_site.storage import PrivateFileField

from .questionnaires import localized


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


RISK_RANK = {RiskLevel.LOW: 1, RiskLevel.MEDIUM: 2, RiskLevel.HIGH: 3}


class RiskSector(models.Model):
    """A supplier sector and its child-labour risk, kept by the secretariat."""

    name_es = models.CharField(_("name (Spanish)"), max_length=120, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    risk = models.CharField(_("risk level"), max_length=6, choices=RiskLevel.choices, default=RiskLevel.MEDIUM)
    notes = models.TextField(_("sources and notes"), blank=True)

    class Meta:
        verbose_name = _("sector risk")
        verbose_name_plural = _("sector risk table")
        ordering = ["name_es"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized(self, "name")


class RiskRegion(models.Model):
    """A province, region or country and its child-labour risk, kept by the secretariat."""

    name = models.CharField(_("region or country"), max_length=120, unique=True)
    country = models.CharField(_("country"), max_length=80, default="Costa Rica")
    risk = models.CharField(_("risk level"), max_length=6, choices=RiskLevel.choices, default=RiskLevel.MEDIUM)
    notes = models.TextField(_("sources and notes"), blank=True)

    class Meta:
        verbose_name = _("region risk")
        verbose_name_plural = _("region risk table")
        ordering = ["country", "name"]

    def __str__(self):
        return self.name if self.name == self.country else f"{self.name} ({self.country})"


class SupplierTier(models.TextChoices):
    DIRECT = "direct", _("Direct supplier (tier 1)")
    TIER2 = "tier2", _("Tier 2")
    TIER3 = "tier3", _("Tier 3 or beyond")


class SupplierQuerySet(OrganizationScopedQuerySet):
    def with_risk_tables(self):
        return self.select_related("sector", "region")


class Supplier(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="suppliers"
    )
    name = models.CharField(_("name"), max_length=200)
    tier = models.CharField(_("tier"), max_length=6, choices=SupplierTier.choices, default=SupplierTier.DIRECT)
    sector = models.ForeignKey(
        RiskSector, verbose_name=_("sector"), null=True, blank=True, on_delete=models.PROTECT, related_name="suppliers"
    )
    region = models.ForeignKey(
        RiskRegion,
        verbose_name=_("region or country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="suppliers",
    )
    products = models.CharField(_("products or services"), max_length=300, blank=True)
    workers = models.PositiveIntegerField(_("number of workers"), null=True, blank=True)
    risk_override = models.CharField(_("risk level set by hand"), max_length=6, choices=RiskLevel.choices, blank=True)
    risk_override_reason = models.TextField(_("why the risk level was set by hand"), blank=True)
    last_assessed = models.DateField(_("last assessed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = scoped_manager(SupplierQuerySet, "organization__network")

    class Meta:
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        ordering = ["organization__name", "tier", "name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="supplychain_supplier_name")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.risk_override and not self.risk_override_reason.strip():
            raise ValidationError({"risk_override_reason": _("Say why the computed risk level does not apply.")})

    @property
    def computed_risk(self):
        """The higher of the sector's and the region's risk; '' when neither is known."""
        levels = [table.risk for table in (self.sector, self.region) if table is not None]
        return max(levels, key=lambda level: RISK_RANK[level]) if levels else ""

    @property
    def risk_level(self):
        return self.risk_override or self.computed_risk

    def get_risk_level_display(self):
        level = self.risk_level
        return RiskLevel(level).label if level else _("Not known")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    VERIFIED = "verified", _("Verified")


#: States in which the organisation has nothing more to do.
FINISHED_ACTION_STATUSES = (ActionStatus.DONE, ActionStatus.VERIFIED)
_VERIFY = "supplychain.change_actionitem"
#: The organisation's editors start, complete or reopen an item; the secretariat verifies a done
#: item against its evidence, or sends it back (with a comment). A verified item is final.
ACTION_LIFECYCLE = Lifecycle(
    transitions=[
        Transition([ActionStatus.OPEN, ActionStatus.DONE], ActionStatus.IN_PROGRESS, name="start"),
        Transition([ActionStatus.OPEN, ActionStatus.IN_PROGRESS], ActionStatus.DONE, name="complete"),
        Transition([ActionStatus.IN_PROGRESS, ActionStatus.DONE], ActionStatus.OPEN, name="reopen"),
        Transition([ActionStatus.DONE], ActionStatus.VERIFIED, permission=_VERIFY, name="verify"),
        Transition(
            [ActionStatus.DONE],
            ActionStatus.IN_PROGRESS,
            permission=_VERIFY,
            comment_required=_("Say what is missing when sending an action item back."),
            name="send_back",
        ),
    ],
    refused_message=_("An action item cannot go from “%(old)s” to “%(new)s”."),
)


def action_evidence_upload_to(instance, filename):
    return f"supplychain/actions/{instance.organization_id}/{filename}"


class ActionItemQuerySet(OrganizationScopedQuerySet):
    def pending(self):
        return self.exclude(status__in=FINISHED_ACTION_STATUSES)

    def waiting_for_verification(self):
        return self.filter(status=ActionStatus.DONE)

    def overdue(self, today=None):
        return self.pending().filter(due_date__lt=today or timezone.localdate())


#: Days given to act on an action item generated on submission.
GENERATED_ACTION_DAYS = 90


class ActionItem(LifecycleMixin, models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="action_items"
    )
    assessment = models.ForeignKey(
        "supplychain.Assessment",
        verbose_name=_("self-assessment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    question_key = models.SlugField(_("question key"), max_length=60, blank=True)
    finding = models.TextField(_("finding"))
    action = models.TextField(_("action"))
    owner = models.CharField(_("owner"), max_length=150, blank=True, help_text=_("A person or a position."))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    verification = models.CharField(_("how it will be verified"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    completed_at = models.DateField(_("completed on"), null=True, blank=True)
    evidence = PrivateFileField(
        _("evidence"),
        upload_to=action_evidence_upload_to,
        blank=True,
        max_length=300,
        help_text=_("A document or photo that shows it was done (PDF, image, office file; up to 10 MB)."),
    )
    evidence_note = models.TextField(_("what the evidence shows"), blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = scoped_manager(ActionItemQuerySet, "organization__network")
    lifecycle = ACTION_LIFECYCLE

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action plan")
        ordering = ["status", "due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question_key"],
                condition=~models.Q(question_key=""),
                name="supplychain_action_per_answer",
            )
        ]

    def __str__(self):
        return self.action[:80]

    def save(self, *args, **kwargs):
        """The completion date follows the status (set when done, cleared otherwise)."""
        if self.status in FINISHED_ACTION_STATUSES and self.completed_at is None:
            self.completed_at = timezone.localdate()
        elif self.status not in FINISHED_ACTION_STATUSES:
            self.completed_at = None
        super().save(*args, **kwargs)

    def validate_transition(self, old, new, *, user, comment, **extra):
        if new == ActionStatus.VERIFIED and not self.evidence:
            raise ValidationError(
                _("This action item has no evidence file yet; it cannot be verified."), code="no_evidence"
            )

    def on_transition(self, old, new, *, user, comment, **extra):
        if new == ActionStatus.VERIFIED:
            self.verified_at = timezone.now()
            self.verified_by = user
        else:
            self.verified_at = self.verified_by = None
        return ["completed_at", "verified_at", "verified_by"]  # completed_at dated or cleared by save()

    @property
    def is_finished(self):
        return self.status in FINISHED_ACTION_STATUSES

    @property
    def is_overdue(self):
        return not self.is_finished and self.due_date is not None and self.due_date < timezone.localdate()

    @classmethod
    def create_from_weak_answers(cls, assessment, result):
        """One action item per weak or risky answer (kept if it already exists: resubmissions)."""
        language = assessment.organization and settings.LANGUAGE_CODE
        due = timezone.localdate() + datetime.timedelta(days=GENERATED_ACTION_DAYS)
        existing = set(
            cls.objects.filter(assessment=assessment).exclude(question_key="").values_list("question_key", flat=True)
        )
        items = []
        with translation.override(language):
            for weak in result.weak_answers:
                question = weak.question
                if question.key in existing:
                    continue
                finding = _("“%(question)s” — answer: %(answer)s") % {
                    "question": question.text,
                    "answer": weak.display or _("no answer"),
                }
                items.append(
                    cls(
                        organization_id=assessment.organization_id,
                        assessment=assessment,
                        question_key=question.key,
                        finding=str(finding),
                        action=question.action or str(_("Define and carry out an improvement for this question.")),
                        verification=question.verification,
                        due_date=due,
                    )
                )
        cls.objects.bulk_create(items)
        return items
