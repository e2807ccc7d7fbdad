"""The meetings app's choices, the groups of states the queries use, and its settings."""

from django.conf import settings
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

INVITATION_SALT = "meetings.invitation"
DEFAULT_REMINDER_DAYS = 2


def default_reminder_days():
    return getattr(settings, "MEETINGS_REMINDER_DAYS", DEFAULT_REMINDER_DAYS)


class MeetingKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary meeting")
    EXTRAORDINARY = "extraordinary", _("Extraordinary meeting")
    WORKING_SESSION = "working_session", _("Working session")
    CONVERSATORIO = "conversatorio", _("Conversatorio")
    EXCHANGE_VISIT = "exchange_visit", _("Exchange visit")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONVENED = "convened", _("Convened")
    HELD = "held", _("Held")
    MINUTES_DRAFT = "minutes_draft", _("Minutes in draft")
    MINUTES_CIRCULATED = "minutes_circulated", _("Minutes circulated for comments")
    MINUTES_APPROVED = "minutes_approved", _("Minutes approved")
    PUBLISHED = "published", _("Minutes published")
    CANCELLED = "cancelled", _("Cancelled")


S = MeetingStatus

#: States in which the minutes can no longer be edited.
MINUTES_LOCKED = {S.MINUTES_APPROVED, S.PUBLISHED}
#: States in which the meeting has not taken place yet (it can be rescheduled or cancelled).
NOT_YET_HELD = {S.PLANNED, S.CONVENED}


class ReplyStatus(models.TextChoices):
    PENDING = "pending", _("Pending reply")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class AttendanceBody(models.TextChoices):
    """The groups of the seed's participant list, in its order."""

    STEERING_COMMITTEE = "steering_committee", _("Steering committee")
    NETWORK_MEMBERS = "network_members", _("Network members")
    GUESTS = "guests", _("Guests")
    INTERNATIONAL = "international", _("International organisations")


BODY_ORDER = Case(
    *[When(body=value, then=Value(position)) for position, value in enumerate(AttendanceBody.values)],
    default=Value(99),
    output_field=IntegerField(),
)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


class AttendanceRole(models.TextChoices):
    DELEGATE = "delegate", _("Delegate")
    ALTERNATE = "alternate", _("Alternate")


class AgreementStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_AGREEMENT_STATES = (AgreementStatus.PENDING, AgreementStatus.IN_PROGRESS)
