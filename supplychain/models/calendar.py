"""The value-chain calendar: each year's self-assessment round (window and deadline) and the
notices already sent (reminders, late referral steps), so that each goes out once."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Organization
from network_site.models import NetworkOwnedModel
from network_site.networks import scoped_manager

from .questionnaires import Questionnaire

#: Assessment states that count as filed for a round (a returned one must be submitted again).
FILED_STATUSES = ("submitted", "reviewed")


class RoundState(models.TextChoices):
    UPCOMING = "upcoming", _("Not open yet")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class AssessmentRoundQuerySet(models.QuerySet):
    def for_year(self, year):
        return self.filter(year=year).select_related("questionnaire").first()

    def latest_closed(self, today=None):
        """The most recent round whose deadline has passed: the one that makes organisations overdue."""
        today = today or timezone.localdate()
        return self.filter(closes_on__lt=today).order_by("-year").first()


class AssessmentRound(NetworkOwnedModel):
    """One year's self-assessment: when it opens, its deadline, and the questionnaire version."""

    year = models.PositiveSmallIntegerField(_("year"))
    opens_on = models.DateField(_("opens on"), help_text=_("From this day organisations can start the assessment."))
    closes_on = models.DateField(
        _("deadline"),
        help_text=_(
            "Last day to submit. Reminders go out 30, 7 and 1 days before; afterwards an organisation "
            "without a submitted assessment is overdue."
        ),
    )
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rounds",
        help_text=_("Leave empty to use the latest published version."),
        limit_choices_to={"status": "published"},
    )
    notes = models.TextField(_("notes for the organisations"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = scoped_manager(AssessmentRoundQuerySet)

    class Meta:
        verbose_name = _("self-assessment round")
        verbose_name_plural = _("self-assessment calendar")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["network", "year"], name="supplychain_round_year_per_network")]

    def __str__(self):
        return str(_("Self-assessment %(year)s") % {"year": self.year})

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The deadline cannot come before the opening day.")})

    def state(self, today=None):
        today = today or timezone.localdate()
        if today < self.opens_on:
            return RoundState.UPCOMING
        if today > self.closes_on:
            return RoundState.CLOSED
        return RoundState.OPEN

    def get_state_display(self):
        return RoundState(self.state()).label

    def is_open(self, today=None):
        return self.state(today) == RoundState.OPEN

    def days_left(self, today=None):
        return (self.closes_on - (today or timezone.localdate())).days

    def current_questionnaire(self):
        return self.questionnaire or Questionnaire.objects.current()

    # --- Who must file, who did, who is overdue ------------------------------------------------

    def expected_condition(self):
        """Organisations expected to file in this round (a condition on Organization rows):
        members (not partner institutions) who joined by the deadline."""
        return Q(is_partner=False) & (Q(date_joined__isnull=True) | Q(date_joined__lte=self.closes_on))

    def not_filed_condition(self):
        """A condition on Organization rows: no submitted (or reviewed) assessment of this year."""
        from .assessments import Assessment

        filed = Assessment.objects.filter(organization=OuterRef("pk"), year=self.year, status__in=FILED_STATUSES)
        return self.expected_condition() & ~Exists(filed)

    def pending_organizations(self):
        """Active members expected to file who have not (yet)."""
        return Organization.objects.active().filter(self.not_filed_condition())

    def overdue_organizations(self, today=None):
        """After the deadline: the pending organisations (none while the round is open)."""
        if self.state(today) != RoundState.CLOSED:
            return Organization.objects.none()
        return self.pending_organizations()


def compliance_conditions(today):
    """COMPLIANCE_ITEMS: after the latest deadline, not having filed that year's assessment is overdue."""
    from network_site.caching import cached

    # Kept per generation (rounds are public models: a saved round moves it on).
    latest = cached(
        "latest-closed-round", str(today), builder=lambda: {"round": AssessmentRound.objects.latest_closed(today)}
    )["round"]
    return [latest.not_filed_condition()] if latest is not None else []


class NoticeKind(models.TextChoices):
    BEFORE_30 = "before_30", _("30 days before the deadline")
    BEFORE_7 = "before_7", _("7 days before the deadline")
    BEFORE_1 = "before_1", _("1 day before the deadline")
    REFERRAL_RECORDED = "referral_recorded", _("Referral recorded (to the secretariat)")
    REFERRAL_LATE = "referral_late", _("Referral step late (to the secretariat)")


class NoticeLog(NetworkOwnedModel):
    """What the value-chain notices already sent, under a unique key (each notice once)."""

    key = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    objects = scoped_manager()

    class Meta:
        verbose_name = _("value-chain notice sent")
        verbose_name_plural = _("value-chain notices sent")
        constraints = [models.UniqueConstraint(fields=["network", "key"], name="supplychain_notice_key_per_network")]

    def __str__(self):
        return self.key
