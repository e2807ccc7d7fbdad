"""Referrals of detected child-labour situations: counts and steps, never a child's identity."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from members.access import OrganizationScopedQuerySet
from members.models import Organization
from network_site.lifecycle import Lifecycle, LifecycleMixin, Transition
from network_site.networks import scoped_manager

from ..validators import NO_PERSONAL_DATA_WARNING, validate_no_identifiers
from .valuechain import RiskRegion, Supplier

#: Working days within which a detected situation should be referred to an authority
#: (the secretariat is e-mailed once when a referral passes it).
REFER_WITHIN_WORKING_DAYS = 5
#: Working days after the referral within which the child's removal from the work should be
#: verified (the secretariat is e-mailed once when a referral passes it).
VERIFY_WITHIN_WORKING_DAYS = 30


def add_working_days(start, days):
    current = start
    while days > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


class ReferralStatus(models.TextChoices):
    IDENTIFIED = "identified", _("Identified")
    REFERRED = "referred", _("Referred")
    REMOVAL_VERIFIED = "removal_verified", _("Removal verified")
    CLOSED = "closed", _("Follow-up closed")


#: The seed's steps in order: identify → refer → verify removal → follow up and close.
STEP_ORDER = [
    ReferralStatus.IDENTIFIED,
    ReferralStatus.REFERRED,
    ReferralStatus.REMOVAL_VERIFIED,
    ReferralStatus.CLOSED,
]
#: One step at a time, in order.
REFERRAL_LIFECYCLE = Lifecycle(
    transitions=[Transition([old], new, name="advance") for old, new in zip(STEP_ORDER, STEP_ORDER[1:], strict=False)],
    refused_message=_("A referral cannot go from “%(old)s” to “%(new)s”."),
)
STEP_FIELDS = {
    ReferralStatus.REFERRED: ("referred_on", "referred_notes"),
    ReferralStatus.REMOVAL_VERIFIED: ("removal_verified_on", "removal_notes"),
    ReferralStatus.CLOSED: ("closed_on", "closure_notes"),
}


class Authority(models.TextChoices):
    MTSS = "mtss", _("Ministry of Labour (MTSS)")
    PANI = "pani", _("Child-protection agency (PANI)")
    OTHER = "other", _("Other authority")


AGE_BANDS = [("5_11", _("5 to 11")), ("12_14", _("12 to 14")), ("15_17", _("15 to 17"))]
COUNT_FIELDS = [f"{sex}_{band}" for band, _label in AGE_BANDS for sex in ("girls", "boys")]


def no_identifiers_field(verbose_name, **kwargs):
    return models.TextField(
        verbose_name, blank=True, validators=[validate_no_identifiers], help_text=NO_PERSONAL_DATA_WARNING, **kwargs
    )


class ReferralQuerySet(OrganizationScopedQuerySet):
    def in_progress(self):
        """Referrals whose next step is still to come within a time limit (identified or referred)."""
        return self.filter(status__in=[ReferralStatus.IDENTIFIED, ReferralStatus.REFERRED])

    def late(self, today=None):
        """The referrals late in their current step (working days are counted in Python: one query)."""
        return [r for r in self.in_progress().select_related("region") if r.pending_late_step(today)]


def late_referral_counts(queryset, today=None):
    """How many referrals are late to be referred and late to have their removal verified (one query)."""
    counts = {ReferralStatus.REFERRED: 0, ReferralStatus.REMOVAL_VERIFIED: 0}
    rows = queryset.in_progress().only("status", "detected_on", "referred_on")
    for referral in rows:
        step = referral.pending_late_step(today)
        if step:
            counts[step] += 1
    return counts


class Referral(LifecycleMixin, models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="referrals"
    )
    detected_on = models.DateField(_("date detected"))
    region = models.ForeignKey(
        RiskRegion, verbose_name=_("region"), on_delete=models.PROTECT, related_name="referrals"
    )
    supplier = models.ForeignKey(
        Supplier,
        verbose_name=_("supplier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
        help_text=_("Leave empty when it was found in your own operations."),
    )
    activity = models.CharField(
        _("activity"),
        max_length=200,
        validators=[validate_no_identifiers],
        help_text=format_lazy("{} {}", _("The kind of work, e.g. coffee harvest."), NO_PERSONAL_DATA_WARNING),
    )
    girls_5_11 = models.PositiveSmallIntegerField(_("girls 5–11"), default=0)
    boys_5_11 = models.PositiveSmallIntegerField(_("boys 5–11"), default=0)
    girls_12_14 = models.PositiveSmallIntegerField(_("girls 12–14"), default=0)
    boys_12_14 = models.PositiveSmallIntegerField(_("boys 12–14"), default=0)
    girls_15_17 = models.PositiveSmallIntegerField(_("girls 15–17"), default=0)
    boys_15_17 = models.PositiveSmallIntegerField(_("boys 15–17"), default=0)
    hazardous = models.BooleanField(_("hazardous work"), default=False)
    authority = models.CharField(_("referred to"), max_length=6, choices=Authority.choices, default=Authority.MTSS)
    authority_other = models.CharField(
        _("other authority"), max_length=150, blank=True, validators=[validate_no_identifiers]
    )
    status = models.CharField(
        _("step"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.IDENTIFIED, db_index=True
    )
    identified_notes = no_identifiers_field(_("notes on identification"))
    referred_on = models.DateField(_("referred on"), null=True, blank=True)
    referred_notes = no_identifiers_field(_("notes on the referral"))
    removal_verified_on = models.DateField(_("removal verified on"), null=True, blank=True)
    removal_notes = no_identifiers_field(_("notes on the verification"))
    closed_on = models.DateField(_("follow-up closed on"), null=True, blank=True)
    closure_notes = no_identifiers_field(_("notes on the follow-up"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = scoped_manager(ReferralQuerySet, "organization__network")
    lifecycle = REFERRAL_LIFECYCLE

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-detected_on", "-pk"]

    def __str__(self):
        return f"{self.get_status_display()} · {self.detected_on:%Y-%m-%d} · {self.region}"

    def clean(self):
        super().clean()
        errors = {}
        if self.total_children == 0:
            errors["girls_5_11"] = _("Record how many children or adolescents were found (at least one).")
        if self.supplier_id and self.organization_id and self.supplier.organization_id != self.organization_id:
            errors["supplier"] = _("Choose one of your own suppliers.")
        if self.authority == Authority.OTHER and not self.authority_other.strip():
            errors["authority_other"] = _("Name the authority.")
        if self.detected_on and self.detected_on > timezone.localdate():
            errors["detected_on"] = _("The date detected cannot be in the future.")
        previous = self.detected_on
        for status in STEP_ORDER[1:]:
            date_field, _notes = STEP_FIELDS[status]
            value = getattr(self, date_field)
            if value and previous and value < previous:
                errors[date_field] = _("This step cannot come before the previous one.")
            previous = value or previous
        if errors:
            raise ValidationError(errors)

    @property
    def total_children(self):
        return sum(getattr(self, name) or 0 for name in COUNT_FIELDS)

    @property
    def total_girls(self):
        return sum(getattr(self, f"girls_{band}") or 0 for band, _label in AGE_BANDS)

    @property
    def total_boys(self):
        return sum(getattr(self, f"boys_{band}") or 0 for band, _label in AGE_BANDS)

    @property
    def next_step(self):
        index = STEP_ORDER.index(self.status)
        return STEP_ORDER[index + 1] if index + 1 < len(STEP_ORDER) else None

    @property
    def refer_by(self):
        return add_working_days(self.detected_on, REFER_WITHIN_WORKING_DAYS)

    def late_steps(self, today=None):
        """Steps that are late: not referred within 5 working days, removal not verified in 30."""
        today = today or timezone.localdate()
        late = []
        referred = self.referred_on or None
        if (referred or today) > self.refer_by:
            late.append(ReferralStatus.REFERRED)
        if referred:
            verify_by = add_working_days(referred, VERIFY_WITHIN_WORKING_DAYS)
            if (self.removal_verified_on or today) > verify_by:
                late.append(ReferralStatus.REMOVAL_VERIFIED)
        return late

    @property
    def verify_by(self):
        return add_working_days(self.referred_on, VERIFY_WITHIN_WORKING_DAYS) if self.referred_on else None

    def pending_late_step(self, today=None):
        """The step still to be made that is past its time limit (None if none): referring within
        REFER_WITHIN_WORKING_DAYS of the detection, verifying the removal within VERIFY_WITHIN_WORKING_DAYS."""
        today = today or timezone.localdate()
        if self.status == ReferralStatus.IDENTIFIED and today > self.refer_by:
            return ReferralStatus.REFERRED
        if self.status == ReferralStatus.REFERRED and self.verify_by and today > self.verify_by:
            return ReferralStatus.REMOVAL_VERIFIED
        return None

    def step_due_date(self):
        """When the next step with a time limit is due (None once the removal is verified)."""
        if self.status == ReferralStatus.IDENTIFIED:
            return self.refer_by
        if self.status == ReferralStatus.REFERRED:
            return self.verify_by
        return None

    def age_band_counts(self):
        """[(age band label, girls, boys)]: what notices may say about the children (no identity)."""
        return [
            (label, getattr(self, f"girls_{band}") or 0, getattr(self, f"boys_{band}") or 0)
            for band, label in AGE_BANDS
        ]

    @property
    def is_late(self):
        return bool(self.late_steps())

    # --- Lifecycle (network_site.lifecycle) -----------------------------------------------------

    def advance(self, *, on, notes="", user=None):
        """Record the next step, dated, with notes (kept in the history as its comment)."""
        step = self.next_step
        if step is None:
            raise ValidationError(_("This referral's follow-up is already closed."))
        self.transition_to(step, user=user, comment=notes, on=on)
        return step

    def validate_transition(self, old, new, *, user, comment, **extra):
        validate_no_identifiers(comment)

    def on_transition(self, old, new, *, user, comment, on=None, **extra):
        date_field, notes_field = STEP_FIELDS[new]
        setattr(self, date_field, on)
        setattr(self, notes_field, comment)
        self.full_clean()
        return [date_field, notes_field]

    def transition_log_data(self, old, new, *, user, comment, on=None, **extra):
        return {"on": on.isoformat()} if on else {}
