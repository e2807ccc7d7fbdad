"""Reminders of progress reports (30, 7 and 1 days before the deadline, and after it).

Idempotent: every e-mail is recorded in `ReminderLog` under a unique key, so running it
twice the same day (or every hour) sends nothing new. Stages: a report whose deadline is
in 8-30 days gets the 30-day reminder, in 2-7 days the 7-day one, in 0-1 day the 1-day one,
and once past the deadline the overdue notice; a stage missed (no run that day) is not
sent late once a later stage applies.

A stage decides *when* an organisation is written to; the e-mail lists every report the
organisation has to file that day (`ProgressReport.objects.to_file`, the rule of the portal's
dashboard and commitments page, so the e-mail and the portal agree), returned ones included.
"""

import datetime
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from members.models import Organization, representative_emails
from network_site.emails import send_templated_email
from network_site.links import absolute_url

from .models import REMINDER_HORIZON_DAYS, PledgeVersion, ProgressReport, ReminderLog, secretariat_emails

STAGES = [  # (kind, days left from, days left to)
    (ReminderLog.Kind.BEFORE_30, 8, REMINDER_HORIZON_DAYS),
    (ReminderLog.Kind.BEFORE_7, 2, 7),
    (ReminderLog.Kind.BEFORE_1, 0, 1),
]


def _reports_for_stage(today, kind, low=None, high=None):
    queryset = (
        ProgressReport.objects.expected()
        .open()
        .filter(commitment__organization__in=Organization.objects.active())
        .select_related("commitment", "commitment__organization")
    )
    if kind == ReminderLog.Kind.OVERDUE:
        queryset = queryset.filter(deadline__lt=today)
    else:
        queryset = queryset.filter(
            deadline__gte=today + datetime.timedelta(days=low), deadline__lte=today + datetime.timedelta(days=high)
        )
    sent = ReminderLog.objects.filter(report=OuterRef("pk"), kind=kind)
    return queryset.exclude(Exists(sent)).order_by("commitment__organization_id", "deadline")


def reports_to_file(organizations, today):
    """Every report each of ``organizations`` has to file on ``today``, by organisation id (one query)."""
    by_organization = defaultdict(list)
    reports = (
        ProgressReport.objects.to_file(today)
        .filter(commitment__organization__in=organizations)
        .select_related("commitment")
        .order_by("deadline", "pk")
    )
    for report in reports:
        by_organization[report.commitment.organization_id].append(report)
    return by_organization


def _claim(key, **fields):
    """Record a reminder; False if it was already recorded (another run got there first)."""
    try:
        with transaction.atomic():
            ReminderLog.objects.create(key=key, **fields)
    except IntegrityError:
        return False
    return True


def send_report_reminders(today=None):
    today = today or timezone.localdate()
    sent = 0
    stages = [(kind, low, high) for kind, low, high in STAGES] + [(ReminderLog.Kind.OVERDUE, None, None)]
    for kind, low, high in stages:
        by_organization = defaultdict(list)
        for report in _reports_for_stage(today, kind, low, high).iterator(chunk_size=1000):
            if _claim(
                f"report:{report.pk}:{kind}",
                kind=kind,
                report=report,
                organization_id=report.commitment.organization_id,
            ):
                by_organization[report.commitment.organization].append(report)
        everything = reports_to_file(list(by_organization), today) if by_organization else {}
        for organization, reports in by_organization.items():
            send_templated_email(
                "commitments/emails/reports_reminder",
                {
                    "organization": organization,
                    "reports": everything.get(organization.pk) or reports,
                    "dashboard_url": absolute_url(reverse("members_portal:dashboard")),
                    "today": today,
                    "overdue": kind == ReminderLog.Kind.OVERDUE,
                },
                to=representative_emails([organization.pk]),
            )
            sent += 1
    return sent


def send_secretariat_overdue(today=None):
    today = today or timezone.localdate()
    overdue = ProgressReport.objects.overdue(today).filter(commitment__organization=OuterRef("pk"))
    organizations = list(
        Organization.objects.active()
        .filter(Exists(overdue))
        .annotate(
            overdue_count=Count(
                "commitments__reports",
                filter=Q(
                    commitments__status="approved",
                    commitments__reports__status__in=["draft", "returned"],
                    commitments__reports__deadline__lt=today,
                ),
            )
        )
        .order_by("name")
    )
    if not organizations:
        return 0
    if not _claim(f"secretariat:{today.isoformat()}", kind=ReminderLog.Kind.SECRETARIAT):
        return 0
    send_templated_email(
        "commitments/emails/secretariat_overdue",
        {"organizations": organizations, "today": today},
        to=secretariat_emails(),
    )
    return 1


def run(today=None):
    """Everything `send_reminders` does; returns a dict of counts."""
    version = PledgeVersion.objects.current()
    pledge = version.request_resigning() if version else 0
    return {
        "reports": send_report_reminders(today),
        "secretariat": send_secretariat_overdue(today),
        "pledge": pledge,
    }
