"""The commitments app's choices and the groups of statuses the queries use."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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

OPEN_REPORT_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)
