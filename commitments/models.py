"""The pledge and its signatures, commitments with indicators, periodic progress reports.

Commitments and progress reports change status through the one lifecycle mechanism
(`network_site.lifecycle`): `transition_to(status, user=..., comment=...)` checks the move is
declared (`COMMITMENT_LIFECYCLE`, `REPORT_LIFECYCLE`) and allowed, records who, when and why in
the one history (Wagtail's audit log) and e-mails whom it concerns once committed.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, Count, Exists, IntegerField, Max, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.log_actions import log
from wagtail.models import Page

from members.access import OrganizationScopedQuerySet
from members.models import MembershipStatus, Organization, representative_emails
from network_site.lifecycle import Lifecycle, LifecycleMixin, Transition
from network_site.routing import RememberedPageMixin
from network_site.storage import PrivateFileField

# --- Choices -------------------------------------------------------------------------------


class ThematicArea(models.TextChoices):
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    INTEGRAL_DEVELOPMENT = "integral_development", _("Integral development")
    ADOLESCENT_WORKERS = "adolescent_workers", _("Protection of adolescent workers")
    VALUE_CHAIN = "value_chain", _("Value chain")
    AWARENESS = "awareness", _("Awareness and communication")
    YOUTH_EMPLOYMENT = "youth_employment", _("Youth employment")
    OTHER = "other", _("Other")


class AccelerationFactor(models.TextChoices):
    """The regional initiative's eight acceleration factors."""

    AGRICULTURE = "agriculture", _("Agriculture and rural sector")
    EDUCATION = "education", _("Education")
    YOUTH_EMPLOYMENT = "youth_employment", _("Youth employment")
    SOCIAL_PROTECTION = "social_protection", _("Social protection")
    MIGRATION = "migration", _("Migration")
    INFORMALITY = "informality", _("Informality")
    INDIGENOUS = "indigenous", _("Indigenous communities")
    ARTICULATION = "articulation", _("Articulation and decentralisation of policies")


class IndicatorKind(models.TextChoices):
    NUMBER = "number", _("Number")
    PERCENTAGE = "percentage", _("Percentage")
    YES_NO = "yes_no", _("Yes / no")


class ReportingFrequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMIANNUAL = "semiannual", _("Every six months")
    ANNUAL = "annual", _("Yearly")


class CommitmentStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("commitment status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("commitment status", "Submitted")
    APPROVED = "approved", pgettext_lazy("commitment status", "Approved")
    ACHIEVED = "achieved", pgettext_lazy("commitment status", "Achieved")
    NOT_ACHIEVED = "not_achieved", pgettext_lazy("commitment status", "Not achieved")
    WITHDRAWN = "withdrawn", pgettext_lazy("commitment status", "Withdrawn")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("report status", "Submitted")
    APPROVED = "approved", pgettext_lazy("report status", "Approved")
    RETURNED = "returned", pgettext_lazy("report status", "Returned")


class Compliance(models.TextChoices):
    UP_TO_DATE = "up_to_date", pgettext_lazy("reporting compliance", "Up to date")
    IN_GRACE = "in_grace", pgettext_lazy("reporting compliance", "In grace period")
    OVERDUE = "overdue", pgettext_lazy("reporting compliance", "Overdue")


#: Statuses a commitment can have once the secretariat approved it (what may ever be public).
APPROVED_STATUSES = (
    CommitmentStatus.APPROVED,
    CommitmentStatus.ACHIEVED,
    CommitmentStatus.NOT_ACHIEVED,
    CommitmentStatus.WITHDRAWN,
)
FINAL_STATUSES = (CommitmentStatus.ACHIEVED, CommitmentStatus.NOT_ACHIEVED, CommitmentStatus.WITHDRAWN)
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
OPEN_REPORT_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)


def deadline_days():
    """Days after a period's end by which its report must be submitted."""
    return int(getattr(settings, "COMMITMENTS_REPORT_DEADLINE_DAYS", 30))


def _user_or_none(user):
    return user if getattr(user, "is_authenticated", False) else None


def secretariat_emails():
    return list(getattr(settings, "SECRETARIAT_EMAILS", []))


# --- Periods -------------------------------------------------------------------------------

_MONTHS_PER_PERIOD = {
    ReportingFrequency.MONTHLY: 1,
    ReportingFrequency.QUARTERLY: 3,
    ReportingFrequency.SEMIANNUAL: 6,
    ReportingFrequency.ANNUAL: 12,
}


def _month_end(year, month):
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def period_for_date(day, frequency=ReportingFrequency.QUARTERLY):
    """(code, start, end) of the calendar period of `frequency` that contains `day`."""
    months = _MONTHS_PER_PERIOD[ReportingFrequency(frequency)]
    index = (day.month - 1) // months
    first_month = index * months + 1
    start = datetime.date(day.year, first_month, 1)
    end = _month_end(day.year, first_month + months - 1)
    if months == 1:
        code = f"{day.year}-M{first_month:02d}"
    elif months == 3:
        code = f"{day.year}-Q{index + 1}"
    elif months == 6:
        code = f"{day.year}-S{index + 1}"
    else:
        code = f"{day.year}"
    return code, start, end


def periods_between(start, end, frequency=ReportingFrequency.QUARTERLY):
    """Every period of `frequency` that overlaps [start, end], in order."""
    periods = []
    day = start
    while day <= end:
        code, p_start, p_end = period_for_date(day, frequency)
        periods.append((code, p_start, p_end))
        day = p_end + datetime.timedelta(days=1)
    return periods


def parse_period(code):
    """The period a code such as 2024-Q1, 2024-M03, 2024-S2 or 2024 stands for, or None."""
    code = (code or "").strip().upper()
    try:
        if len(code) == 4:
            return period_for_date(datetime.date(int(code), 1, 1), ReportingFrequency.ANNUAL)
        year, part = code.split("-", 1)
        year = int(year)
        kind, number = part[0], int(part[1:])
        if kind == "Q" and 1 <= number <= 4:
            return period_for_date(datetime.date(year, (number - 1) * 3 + 1, 1), ReportingFrequency.QUARTERLY)
        if kind == "S" and 1 <= number <= 2:
            return period_for_date(datetime.date(year, (number - 1) * 6 + 1, 1), ReportingFrequency.SEMIANNUAL)
        if kind == "M" and 1 <= number <= 12:
            return period_for_date(datetime.date(year, number, 1), ReportingFrequency.MONTHLY)
    except (ValueError, IndexError):
        return None
    return None


# --- Pledge --------------------------------------------------------------------------------


class PledgeVersionQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(published_at__isnull=False, published_at__lte=now or timezone.now())

    def current(self, now=None):
        """The latest published version, or None."""
        return self.published(now).order_by("-number").first()


class PledgeVersion(models.Model):
    """One version of the network's pledge (the voluntary adhesion agreement)."""

    number = models.PositiveIntegerField(_("version number"), unique=True)
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

    objects = PledgeVersionQuerySet.as_manager()

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
        from network_site.emails import send_templated_email

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
                    "url": settings.WAGTAILADMIN_BASE_URL + "/portal/commitments/pledge/",
                },
                to=representative_emails([organization.pk]),
            )
            count += 1
        PledgeVersion.objects.filter(pk=self.pk).update(resign_requested_at=timezone.now())
        self.resign_requested_at = timezone.now()
        return count


def _new_verification_code():
    return secrets.token_urlsafe(18)


class PledgeSignatureQuerySet(OrganizationScopedQuerySet):
    pass


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

    objects = PledgeSignatureQuerySet.as_manager()

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
            user=_user_or_none(user),
            signer_name=signer_name,
            signer_position=signer_position,
        )
        log(
            instance=signature,
            action="commitments.pledge_signed",
            user=_user_or_none(user),
            data={"version": version.number, "organization": organization.pk},
        )
        return signature

    def get_verification_path(self):
        from django.utils import translation

        with translation.override(settings.LANGUAGE_CODE):
            return reverse("commitments:verify", args=[self.verification_code])

    def get_verification_url(self):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + self.get_verification_path()


# --- Commitments ---------------------------------------------------------------------------


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

    objects = CommitmentQuerySet.as_manager()
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
        from network_site.emails import send_templated_email

        send_templated_email(
            "commitments/emails/commitment_submitted",
            {"commitment": self, "organization": self.organization},
            to=secretariat_emails(),
        )

    def _notify_representatives(self, template, comment):
        from network_site.emails import send_templated_email

        send_templated_email(
            template,
            {
                "commitment": self,
                "organization": self.organization,
                "comment": comment,
                "url": settings.WAGTAILADMIN_BASE_URL + reverse("commitments_portal:detail", args=[self.pk]),
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

    def due(self, today=None, horizon_days=45):
        """Open reports whose period has ended or whose deadline is near."""
        today = today or timezone.localdate()
        return (
            self.expected()
            .open()
            .filter(Q(period_end__lt=today) | Q(deadline__lte=today + datetime.timedelta(days=horizon_days)))
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

    objects = ProgressReportQuerySet.as_manager()
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
            self.submitted_at, self.submitted_by = now, _user_or_none(user)
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
        from network_site.emails import send_templated_email

        send_templated_email(
            template,
            {
                "report": self,
                "commitment": self.commitment,
                "comment": comment,
                "url": settings.WAGTAILADMIN_BASE_URL + reverse("commitments_portal:report", args=[self.pk]),
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

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


# --- Reminders -----------------------------------------------------------------------------


class ReminderLog(models.Model):
    """What `send_reminders` (and pledge re-signing) already sent, so that nothing is sent twice."""

    class Kind(models.TextChoices):
        BEFORE_30 = "before_30", _("30 days before the deadline")
        BEFORE_7 = "before_7", _("7 days before the deadline")
        BEFORE_1 = "before_1", _("1 day before the deadline")
        OVERDUE = "overdue", _("After the deadline")
        SECRETARIAT = "secretariat", _("Overdue list for the secretariat")
        PLEDGE = "pledge", _("New pledge version")

    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    report = models.ForeignKey(ProgressReport, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")

    def __str__(self):
        return self.key


# --- Compliance ----------------------------------------------------------------------------


def with_compliance(queryset, today=None):
    """Annotate organisations with `compliance` (up to date, in grace, overdue), in the database."""
    today = today or timezone.localdate()
    expected = ProgressReport.objects.expected().open().filter(commitment__organization=OuterRef("pk"))
    return queryset.annotate(
        has_overdue=Exists(expected.filter(deadline__lt=today)),
        has_in_grace=Exists(expected.filter(period_end__lt=today, deadline__gte=today)),
    ).annotate(
        compliance=Case(
            When(has_overdue=True, then=Value(Compliance.OVERDUE)),
            When(has_in_grace=True, then=Value(Compliance.IN_GRACE)),
            default=Value(Compliance.UP_TO_DATE),
            output_field=models.CharField(),
        )
    )


def compliance_for(organization, today=None):
    row = with_compliance(Organization.objects.filter(pk=organization.pk), today).values_list("compliance", flat=True)
    return Compliance(row.first() or Compliance.UP_TO_DATE)


def counts_by(queryset, field):
    return list(queryset.values(field).annotate(n=Count("pk", output_field=IntegerField())).order_by(field))


@register_setting(icon="tasks")
class CommitmentsSettings(BaseGenericSetting):
    show_compliance_publicly = models.BooleanField(
        _("show compliance in the public directory"),
        default=False,
        help_text=_("Show each member's reporting status (up to date, in grace, overdue) on its public profile."),
    )

    panels = [FieldPanel("show_compliance_publicly")]

    class Meta:
        verbose_name = _("commitments settings")


# --- Observatory page ----------------------------------------------------------------------


class ObservatoryPage(RememberedPageMixin, Page):
    """Public statistics of the network's commitments and progress, with open data."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        HelpPanel(content=_("The figures, charts and tables below the introduction are computed automatically.")),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("observatory page")

    def get_context(self, request, *args, **kwargs):
        from .observatory import filters_from_request, observatory_context

        context = super().get_context(request, *args, **kwargs)
        filters = filters_from_request(request)
        context.update(observatory_context(request, filters))
        return context
