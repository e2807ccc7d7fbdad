"""The value-chain calendar's daily notices (`manage.py send_supplychain_reminders`).

- Reminders of the year's self-assessment deadline (`AssessmentRound.closes_on`) 30, 7 and 1 days
  before it, to the representatives of each active member without a submitted assessment. Stages
  as for progress reports: a deadline in 8-30 days gets the 30-day reminder, in 2-7 days the 7-day
  one, in 0-1 day the 1-day one; a stage missed (no run that day) is not sent late once a later
  stage applies.
- To the secretariat, once per referral and step, the steps that became late (not referred within
  REFER_WITHIN_WORKING_DAYS of the detection, removal not verified within VERIFY_WITHIN_WORKING_DAYS).

Idempotent: each notice is recorded in `NoticeLog` under a unique key before it is sent, so a
second run (the same day, or every hour) sends nothing new.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Assessment, AssessmentRound, NoticeKind, NoticeLog, Referral, RoundState
from .notifications import notify_referrals_late, representatives_by_language, send_assessment_reminder

STAGES = [  # (kind, days left from, days left to)
    (NoticeKind.BEFORE_30, 8, 30),
    (NoticeKind.BEFORE_7, 2, 7),
    (NoticeKind.BEFORE_1, 0, 1),
]


def claim(key, **fields):
    """Record a notice; False if it was already recorded (another run got there first)."""
    try:
        with transaction.atomic():
            NoticeLog.objects.create(key=key, **fields)
    except IntegrityError:
        return False
    return True


def stage_for(days_left):
    return next((kind for kind, low, high in STAGES if low <= days_left <= high), None)


def send_assessment_reminders(today=None):
    """Remind the organisations that have not submitted this round's assessment; returns how many."""
    today = today or timezone.localdate()
    sent = 0
    for assessment_round in AssessmentRound.objects.filter(opens_on__lte=today, closes_on__gte=today):
        if assessment_round.state(today) != RoundState.OPEN:
            continue
        days_left = assessment_round.days_left(today)
        kind = stage_for(days_left)
        if kind is None:
            continue
        pending = list(assessment_round.pending_organizations().order_by("name"))
        started = {
            a.organization_id: a
            for a in Assessment.objects.filter(year=assessment_round.year, organization__in=pending)
        }
        recipients = representatives_by_language(o.pk for o in pending)
        for organization in pending:
            if not recipients.get(organization.pk):
                continue
            if not claim(
                f"assessment:{assessment_round.year}:{organization.pk}:{kind}", kind=kind, organization=organization
            ):
                continue
            send_assessment_reminder(
                organization,
                assessment_round,
                days_left=days_left,
                recipients=recipients[organization.pk],
                assessment=started.get(organization.pk),
            )
            sent += 1
    return sent


def send_late_referral_notices(today=None):
    """Tell the secretariat, once per referral and step, which steps became late; returns how many."""
    today = today or timezone.localdate()
    late = []
    for referral in Referral.objects.in_progress().select_related("organization", "region").order_by("detected_on"):
        step = referral.pending_late_step(today)
        if step and claim(
            f"referral:{referral.pk}:late:{step}", kind=NoticeKind.REFERRAL_LATE, organization=referral.organization
        ):
            late.append((referral, step))
    if late:
        notify_referrals_late(late, today)
    return len(late)


def run(today=None):
    """Everything `send_supplychain_reminders` does; returns a dict of counts."""
    return {"assessments": send_assessment_reminders(today), "referrals": send_late_referral_notices(today)}
