"""Models of the meetings app, re-exported explicitly (one module per responsibility)."""

from .agreements import (
    AGREEMENT_LIFECYCLE,
    EVIDENCE_EXTENSIONS,
    EVIDENCE_MAX_BYTES,
    Agreement,
    AgreementQuerySet,
    AgreementUpdate,
    AgreementUpdateQuerySet,
    evidence_path,
    validate_evidence,
)
from .attendance import (
    Attendance,
    AttendanceQuerySet,
)
from .choices import (
    BODY_ORDER,
    DEFAULT_REMINDER_DAYS,
    INVITATION_SALT,
    MINUTES_LOCKED,
    NOT_YET_HELD,
    OPEN_AGREEMENT_STATES,
    AgreementStatus,
    AttendanceBody,
    AttendanceRole,
    AttendanceStatus,
    MeetingKind,
    MeetingStatus,
    ReplyStatus,
    default_reminder_days,
)
from .invitations import (
    Invitation,
    InvitationQuerySet,
)
from .meetings import (
    MEETING_LIFECYCLE,
    AgendaItem,
    Meeting,
    MeetingQuerySet,
    MeetingSeries,
)
from .minutes import (
    ATTACHMENT_EXTENSIONS,
    ATTACHMENT_MAX_BYTES,
    IMAGE_EXTENSIONS,
    MinutesAttachment,
    MinutesComment,
    attachment_path,
    validate_attachment,
)
from .pages import (
    CalendarPage,
)

__all__ = [
    "AgendaItem",
    "Agreement",
    "AGREEMENT_LIFECYCLE",
    "AgreementQuerySet",
    "AgreementStatus",
    "AgreementUpdate",
    "AgreementUpdateQuerySet",
    "ATTACHMENT_EXTENSIONS",
    "ATTACHMENT_MAX_BYTES",
    "attachment_path",
    "Attendance",
    "AttendanceBody",
    "AttendanceQuerySet",
    "AttendanceRole",
    "AttendanceStatus",
    "BODY_ORDER",
    "CalendarPage",
    "DEFAULT_REMINDER_DAYS",
    "default_reminder_days",
    "EVIDENCE_EXTENSIONS",
    "EVIDENCE_MAX_BYTES",
    "evidence_path",
    "IMAGE_EXTENSIONS",
    "Invitation",
    "INVITATION_SALT",
    "InvitationQuerySet",
    "Meeting",
    "MEETING_LIFECYCLE",
    "MeetingKind",
    "MeetingQuerySet",
    "MeetingSeries",
    "MeetingStatus",
    "MINUTES_LOCKED",
    "MinutesAttachment",
    "MinutesComment",
    "NOT_YET_HELD",
    "OPEN_AGREEMENT_STATES",
    "ReplyStatus",
    "validate_attachment",
    "validate_evidence",
]
