"""Commitments with indicators and targets, their periodic progress reports and evidence.

Both change status through the one lifecycle mechanism (`network_site.lifecycle`):
`transition_to(status, user=..., comment=...)` checks the move is declared
(`COMMITMENT_LIFECYCLE`, `REPORT_LIFECYCLE`) and allowed, records who, when and why in the one
history (Wagtail's audit log) and e-mails whom it concerns once committed.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.access import OrganizationScopedQuerySet
from members.models import MembershipStatus, Organization, representative_emails
from network_site.emails import send_templated_email
from network_site.lifecycle import Lifecycle, LifecycleMixin, Transition, actor
from network_site.links import absolute_url
from network_site.networks import scoped_manager, secretariat
from network_site.storage import PrivateFileField

from .choices import (
    APPROVED_STATUSES,
    OPEN_REPORT_STATUSES,
    AccelerationFactor,
    CommitmentStatus,
    IndicatorKind,
    ReportingFrequency,
    ReportStatus,
    ThematicArea,
)
from .periods import deadline_days, parse_period, periods_between

#: Days before a deadline when the first reminder is sent; a report is "to file" from then on.
REMINDER_HORIZON_DAYS = 30


def secretariat_emails():
    """Where notices for the secretariat of the current network go."""
    return secretariat().emails


_C = CommitmentStatus
#: A commitment's moves. "Returned" is a return to draft, with the reviewer's comment.
COMMITMENT_LIFECYCLE = Lifecycle(
    transitions=[
        Transition([_C.DRAFT], _C.SUBMITTED, name="submit"),
        Transition([_C.SUBMITTED], _C.APPROVED, permission="commitments.change_commitment", name="approve"),
        Transition(
            [_C.SUBMITTED],
            _C.DRAFT,
            permission="commitments.change_commitment",
            comment_required=_("Say why the commitment is returned: the comment is required."),
            name="return",
        ),
        Transition([_C.SUBMITTED, _C.APPROVED], _C.WITHDRAWN, permission="commitments.change_commitment"),
        Transition([_C.APPROVED], _C.ACHIEVED, permission="commitments.change_commitment", name="close"),
        Transition([_C.APPROVED], _C.NOT_ACHIEVED, permission="commitments.change_commitment", name="close"),
    ],
    refused_message=_("A commitment cannot go from “%(old)s” to “%(new)s”."),
)
_R = ReportStatus
#: A progress report's moves: filed by the organisation, reviewed by the secretariat.
REPORT_LIFECYCLE = Lifecycle(
    transitions=[
        Transition([_R.DRAFT, _R.RETURNED], _R.SUBMITTED, name="submit"),
        Transition([_R.SUBMITTED], _R.APPROVED, permission="commitments.change_progressreport", name="approve"),
        Transition(
            [_R.SUBMITTED],
            _R.RETURNED,
            permission="commitments.change_progressreport",
            comment_required=_("Say why the report is returned: the comment is required."),
            name="return",
        ),
    ],
    refused_message=_("A progress report cannot go from “%(old)s” to “%(new)s”."),
)


class CommitmentQuerySet(OrganizationScopedQuerySet):
    def public(self):
        """Approved (or approved then closed), public commitments of active members."""
        return self.filter(
            is_public=True,
            status__in=APPROVED_STATUSES,
            approved_at__isnull=False,
            organization__is_partner=False,
            organization__membership_status=MembershipStatus.ACTIVE,
        )

    def waiting_for_review(self):
        return self.filter(status=CommitmentStatus.SUBMITTED)


#: What an organisation (portal) and the secretariat (admin) edit on a commitment; the rest
#: (reference, organisation, status) is set by the workflow.
COMMITMENT_EDITABLE_FIELDS = [
    "title",
    "description",
    "thematic_area",
    "acceleration_factor",
    "sdg_target",
    "indicator_name",
    "indicator_unit",
    "indicator_kind",
    "baseline",
    "target",
    "start_date",
    "end_date",
    "reporting_frequency",
    "is_public",
]


class Commitment(LifecycleMixin, models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="commitments"
    )
    reference = models.CharField(
        _("reference"), max_length=30, unique=True, blank=True, editable=False, help_text=_("Assigned automatically.")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    thematic_area = models.CharField(_("thematic area"), max_length=30, choices=ThematicArea.choices)
    acceleration_factor = models.CharField(_("acceleration factor"), max_length=30, choices=AccelerationFactor.choices)
    sdg_target = models.CharField(
        _("SDG target"), max_length=20, default="8.7", help_text=_("Sustainable Development Goal target, e.g. 8.7")
    )
    indicator_name = models.CharField(_("indicator"), max_length=200)
    indicator_unit = models.CharField(_("unit"), max_length=60, blank=True, help_text=_("For example: scholarships"))
    indicator_kind = models.CharField(
        _("kind of indicator"), max_length=20, choices=IndicatorKind.choices, default=IndicatorKind.NUMBER
    )
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, default=0)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    reporting_frequency = models.CharField(
        _("reporting frequency"),
        max_length=20,
        choices=ReportingFrequency.choices,
        default=ReportingFrequency.QUARTERLY,
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown on the public site and in the observatory once approved.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CommitmentStatus.choices, default=CommitmentStatus.DRAFT, db_index=True
    )
    review_comment = models.TextField(_("secretariat's comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = scoped_manager(CommitmentQuerySet, "organization__network")
    lifecycle = COMMITMENT_LIFECYCLE

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "is_public"]),
            models.Index(fields=["thematic_area"]),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}".strip()

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if not self.reference:
            self.reference = f"C-{self.pk:06d}"
            Commitment.objects.filter(pk=self.pk).update(reference=self.reference)

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date must be after the start date.")
        if self.indicator_kind == IndicatorKind.PERCENTAGE:
            for name in ("baseline", "target"):
                value = getattr(self, name)
                if value is not None and not 0 <= value <= 100:
                    errors[name] = _("A percentage is between 0 and 100.")
        if self.indicator_kind == IndicatorKind.YES_NO:
            for name in ("baseline", "target"):
                value = getattr(self, name)
                if value is not None and value not in (0, 1):
                    errors[name] = _("For a yes/no indicator use 1 for yes and 0 for no.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_editable(self):
        return self.status == CommitmentStatus.DRAFT

    @property
    def was_returned(self):
        return self.status == CommitmentStatus.DRAFT and bool(self.review_comment)

    # --- Lifecycle (network_site.lifecycle): transition_to(status, user=..., comment=...) ---------

    def validate_transition(self, old, new, *, user, comment, **extra):
        if new == CommitmentStatus.SUBMITTED and (not self.title or not self.indicator_name):
            raise ValidationError(_("Complete the title and the indicator before submitting."))

    def on_transition(self, old, new, *, user, comment, **extra):
        now = timezone.now()
        if new == CommitmentStatus.SUBMITTED:
            self.submitted_at = now
            return ["submitted_at"]
        if new == CommitmentStatus.APPROVED:
            self.approved_at, self.review_comment = now, comment
            self.ensure_report_schedule()
            return ["approved_at", "review_comment"]
        if new == CommitmentStatus.DRAFT:
            self.review_comment = comment
            return ["review_comment"]
        self.closed_at = now
        return ["closed_at"]

    def after_transition(self, old, new, *, user, comment, **extra):
        if new == CommitmentStatus.SUBMITTED:
            self._notify_submitted()
            return
        template = {
            CommitmentStatus.APPROVED: "commitments/emails/commitment_approved",
            CommitmentStatus.DRAFT: "commitments/emails/commitment_returned",
        }.get(new, "commitments/emails/commitment_closed")
        self._notify_representatives(template, comment)

    def _notify_submitted(self):
        send_templated_email(
            "commitments/emails/commitment_submitted",
            {"commitment": self, "organization": self.organization},
            to=secretariat_emails(),
        )

    def _notify_representatives(self, template, comment):
        send_templated_email(
            template,
            {
                "commitment": self,
                "organization": self.organization,
                "comment": comment,
                "url": absolute_url(reverse("commitments_portal:detail", args=[self.pk])),
            },
            to=representative_emails([self.organization_id]),
        )

    def periods(self):
        return periods_between(self.start_date, self.end_date, self.reporting_frequency)

    def ensure_report_schedule(self):
        """Create the (empty, draft) report of each reporting period; existing ones are kept."""
        days = deadline_days()
        ProgressReport.objects.bulk_create(
            [
                ProgressReport(
                    commitment=self,
                    period=code,
                    period_start=start,
                    period_end=end,
                    deadline=end + datetime.timedelta(days=days),
                )
                for code, start, end in self.periods()
            ],
            ignore_conflicts=True,
        )


# --- Progress reports ----------------------------------------------------------------------


class ProgressReportQuerySet(OrganizationScopedQuerySet):
    organization_lookup = "commitment__organization"

    def expected(self):
        """Reports that must be filed: those of approved (still running) commitments."""
        return self.filter(commitment__status=CommitmentStatus.APPROVED)

    def open(self):
        return self.filter(status__in=OPEN_REPORT_STATUSES)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.expected().open().filter(deadline__lt=today)

    def in_grace(self, today=None):
        today = today or timezone.localdate()
        return self.expected().open().filter(period_end__lt=today, deadline__gte=today)

    def to_file(self, today=None):
        """The reports an organisation has to file now: the one rule of the dashboard's "what is due",
        the commitments page's "reports to file" and the reminder e-mails.

        Open reports of running commitments that were returned for correction (whatever their
        period), whose period has ended, or whose deadline is within the first reminder's
        `REMINDER_HORIZON_DAYS`.
        """
        today = today or timezone.localdate()
        return (
            self.expected()
            .open()
            .filter(
                Q(status=ReportStatus.RETURNED)
                | Q(period_end__lt=today)
                | Q(deadline__lte=today + datetime.timedelta(days=REMINDER_HORIZON_DAYS))
            )
        )

    def public(self):
        return self.filter(status=ReportStatus.APPROVED, commitment__in=Commitment.objects.public())

    def waiting_for_review(self):
        return self.filter(status=ReportStatus.SUBMITTED)


class ProgressReport(LifecycleMixin, models.Model):
    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="reports"
    )
    period = models.CharField(_("period"), max_length=10, help_text=_("For example 2024-Q1"))
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    deadline = models.DateField(_("deadline"), db_index=True)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    narrative = models.TextField(_("narrative"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    is_late = models.BooleanField(_("late"), default=False)
    review_comment = models.TextField(_("secretariat's comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = scoped_manager(ProgressReportQuerySet, "commitment__organization__network")
    lifecycle = REPORT_LIFECYCLE

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["period_start", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "period"], name="commitments_report_one_per_period")
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self):
        return f"{self.commitment.reference} {self.period}"

    def save(self, *args, **kwargs):
        if self.period and not self.period_start:
            parsed = parse_period(self.period)
            if parsed:
                self.period, self.period_start, self.period_end = parsed
        if self.period_end and not self.deadline:
            self.deadline = self.period_end + datetime.timedelta(days=deadline_days())
        super().save(*args, **kwargs)

    @property
    def is_locked(self):
        """Approved reports are locked; submitted ones wait for review."""
        return self.status in (ReportStatus.APPROVED, ReportStatus.SUBMITTED)

    @property
    def is_editable(self):
        return self.status in OPEN_REPORT_STATUSES

    def is_overdue(self, today=None):
        return self.is_editable and self.deadline < (today or timezone.localdate())

    def clean_value(self):
        kind = self.commitment.indicator_kind
        if self.value is None:
            raise ValidationError({"value": _("Enter the indicator's value for this period.")})
        if kind == IndicatorKind.PERCENTAGE and not 0 <= self.value <= 100:
            raise ValidationError({"value": _("A percentage is between 0 and 100.")})
        if kind == IndicatorKind.YES_NO and self.value not in (0, 1):
            raise ValidationError({"value": _("For a yes/no indicator use 1 for yes and 0 for no.")})

    # --- Lifecycle (network_site.lifecycle): transition_to(status, user=..., comment=...) ---------

    def validate_transition(self, old, new, *, user, comment, **extra):
        if new == ReportStatus.SUBMITTED:
            if self.commitment.status != CommitmentStatus.APPROVED:
                raise ValidationError(_("Progress is reported only on approved, running commitments."))
            self.clean_value()

    def on_transition(self, old, new, *, user, comment, **extra):
        now = timezone.now()
        if new == ReportStatus.SUBMITTED:
            self.submitted_at, self.submitted_by = now, actor(user)
            self.is_late = timezone.localdate() > self.deadline
            return ["submitted_at", "submitted_by", "is_late"]
        self.review_comment = comment
        if new == ReportStatus.APPROVED:
            self.approved_at = now
            return ["approved_at", "review_comment"]
        return ["review_comment"]

    def after_transition(self, old, new, *, user, comment, **extra):
        if new == ReportStatus.APPROVED:
            self._notify("commitments/emails/report_approved", comment)
        elif new == ReportStatus.RETURNED:
            self._notify("commitments/emails/report_returned", comment)

    def _notify(self, template, comment):
        send_templated_email(
            template,
            {
                "report": self,
                "commitment": self.commitment,
                "comment": comment,
                "url": absolute_url(reverse("commitments_portal:report", args=[self.pk])),
            },
            to=representative_emails([self.commitment.organization_id]),
        )


def evidence_upload_to(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evidence/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{extension}"


class EvidenceQuerySet(OrganizationScopedQuerySet):
    organization_lookup = "report__commitment__organization"


class Evidence(models.Model):
    """A document or image backing a progress report (checked on upload, never public)."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        IMAGE = "image", _("Image")

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = PrivateFileField(_("file"), upload_to=evidence_upload_to, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = scoped_manager(EvidenceQuerySet, "report__commitment__organization__network")

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name
