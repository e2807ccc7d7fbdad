"""Models of the commitments app, re-exported explicitly (one module per responsibility)."""

from .choices import (
    APPROVED_STATUSES,
    FINAL_STATUSES,
    OPEN_REPORT_STATUSES,
    AccelerationFactor,
    CommitmentStatus,
    Compliance,
    IndicatorKind,
    ReportingFrequency,
    ReportStatus,
    ThematicArea,
)
from .commitments import (
    COMMITMENT_EDITABLE_FIELDS,
    COMMITMENT_LIFECYCLE,
    REMINDER_HORIZON_DAYS,
    REPORT_LIFECYCLE,
    Commitment,
    CommitmentQuerySet,
    Evidence,
    EvidenceQuerySet,
    ProgressReport,
    ProgressReportQuerySet,
    evidence_upload_to,
    secretariat_emails,
)
from .compliance import (
    CommitmentsSettings,
    compliance_for,
    counts_by,
    with_compliance,
)
from .pages import (
    ObservatoryPage,
)
from .periods import (
    deadline_days,
    parse_period,
    period_for_date,
    periods_between,
)
from .pledge import (
    PledgeSignature,
    PledgeSignatureQuerySet,
    PledgeVersion,
    PledgeVersionQuerySet,
    _new_verification_code,
)
from .reminders import (
    ReminderLog,
)
from .summary import (
    ObservatoryState,
    ReportSummary,
)

__all__ = [
    "_new_verification_code",  # migrations refer to it
    "AccelerationFactor",
    "APPROVED_STATUSES",
    "Commitment",
    "COMMITMENT_EDITABLE_FIELDS",
    "COMMITMENT_LIFECYCLE",
    "CommitmentQuerySet",
    "CommitmentsSettings",
    "CommitmentStatus",
    "Compliance",
    "compliance_for",
    "counts_by",
    "deadline_days",
    "Evidence",
    "evidence_upload_to",
    "EvidenceQuerySet",
    "FINAL_STATUSES",
    "IndicatorKind",
    "ObservatoryPage",
    "ObservatoryState",
    "ReportSummary",
    "OPEN_REPORT_STATUSES",
    "parse_period",
    "period_for_date",
    "periods_between",
    "PledgeSignature",
    "PledgeSignatureQuerySet",
    "PledgeVersion",
    "PledgeVersionQuerySet",
    "ProgressReport",
    "ProgressReportQuerySet",
    "ReminderLog",
    "REMINDER_HORIZON_DAYS",
    "REPORT_LIFECYCLE",
    "ReportingFrequency",
    "ReportStatus",
    "secretariat_emails",
    "ThematicArea",
    "with_compliance",
]
