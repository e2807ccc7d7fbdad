import datetime
import functools

import pytest

from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from wagtail.models import ModelLogEntry

from commitments.models import (
    CommitmentStatus,
    Compliance,
    ProgressReport,
    ReportStatus,
    compliance_for,
    parse_period,
    period_for_date,
    periods_between,
)

from .factories import ApprovedCommitmentFactory, CommitmentFactory


def running_commitment(organization, **kwargs):
    """An approved commitment that started two years ago and ends next year."""
    today = timezone.localdate()
    return ApprovedCommitmentFactory(
        organization=organization,
        start_date=datetime.date(today.year - 2, 1, 1),
        end_date=datetime.date(today.year + 1, 12, 31),
        **kwargs,
    )


def test_periods_follow_the_frequency():
    assert period_for_date(datetime.date(2024, 5, 17)) == (
        "2024-Q2",
        datetime.date(2024, 4, 1),
        datetime.date(2024, 6, 30),
    )
    assert period_for_date(datetime.date(2024, 12, 1), "semiannual")[0] == "2024-S2"
    assert period_for_date(datetime.date(2024, 2, 29), "monthly") == (
        "2024-M02",
        datetime.date(2024, 2, 1),
        datetime.date(2024, 2, 29),
    )
    assert period_for_date(datetime.date(2024, 2, 29), "annual")[0] == "2024"
    codes = [code for code, _s, _e in periods_between(datetime.date(2024, 2, 10), datetime.date(2025, 1, 5))]
    assert codes == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"]
    assert parse_period("2024-q3")[0] == "2024-Q3"
    assert parse_period("2024-Q5") is None
    assert parse_period("nonsense") is None


def test_commitment_gets_a_reference(organization):
    commitment = CommitmentFactory(organization=organization)
    commitment.refresh_from_db()
    assert commitment.reference == f"C-{commitment.pk:06d}"


def test_lifecycle_records_who_when_why_and_emails(
    organization, representative, staff_user, settings, django_capture_on_commit_callbacks
):
    committed = functools.partial(django_capture_on_commit_callbacks, execute=True)  # e-mails leave at commit
    settings.SECRETARIAT_EMAILS = ["secretaria@example.org"]
    commitment = CommitmentFactory(organization=organization)
    with pytest.raises(ValidationError):
        commitment.transition_to("approved", user=staff_user)  # a draft cannot be approved
    with pytest.raises(ValidationError):
        commitment.transition_to(CommitmentStatus.ACHIEVED, user=staff_user)

    mail.outbox.clear()
    with committed():
        commitment.transition_to("submitted", user=representative)
    assert commitment.status == CommitmentStatus.SUBMITTED
    assert [m.to for m in mail.outbox] == [["secretaria@example.org"]]

    with pytest.raises(ValidationError):
        commitment.transition_to("draft", user=staff_user, comment="   ")  # a return needs a comment
    mail.outbox.clear()
    with committed():
        commitment.transition_to("draft", user=staff_user, comment="Falta la línea base")
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.DRAFT
    assert commitment.review_comment == "Falta la línea base"
    assert mail.outbox[0].to == [representative.email]
    assert "Falta la línea base" in mail.outbox[0].body

    commitment.transition_to("submitted", user=representative)
    mail.outbox.clear()
    with committed():
        commitment.transition_to("approved", user=staff_user, comment="Muy bien")
    assert commitment.status == CommitmentStatus.APPROVED
    assert mail.outbox[0].to == [representative.email]
    # Approval creates the schedule of reports: one per quarter, 2024-Q1 … 2025-Q4.
    assert list(commitment.reports.values_list("period", flat=True)) == [
        f"{y}-Q{q}" for y in (2024, 2025) for q in (1, 2, 3, 4)
    ]
    commitment.transition_to(CommitmentStatus.ACHIEVED, user=staff_user, comment="Meta cumplida")
    with pytest.raises(ValidationError):
        commitment.transition_to(CommitmentStatus.WITHDRAWN, user=staff_user)

    events = list(reversed(commitment.history()))
    assert [(e.data["from"], e.data["to"]) for e in events] == [
        ("draft", "submitted"),
        ("submitted", "draft"),
        ("draft", "submitted"),
        ("submitted", "approved"),
        ("approved", "achieved"),
    ]
    assert events[1].user == staff_user and events[1].data["comment"] == "Falta la línea base"
    # One history: each change is one audit-log entry, and nothing else is recorded.
    actions = list(ModelLogEntry.objects.for_instance(commitment).values_list("action", flat=True))
    assert actions == ["lifecycle.transition"] * 5


def test_one_report_per_commitment_and_period(organization):
    commitment = ApprovedCommitmentFactory(organization=organization)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressReport.objects.create(
            commitment=commitment,
            period="2024-Q1",
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2024, 3, 31),
            deadline=datetime.date(2024, 4, 30),
        )


def test_late_report_is_marked_late_and_approved_report_is_locked(organization, representative, staff_user):
    commitment = running_commitment(organization)
    today = timezone.localdate()
    old = commitment.reports.filter(deadline__lt=today).order_by("period_start").first()
    current = commitment.reports.filter(period_start__lte=today, period_end__gte=today).get()
    assert old is not None and current.deadline > today

    old.value, current.value = 5, 6
    old.save()
    current.save()
    old.transition_to("submitted", user=representative)
    current.transition_to("submitted", user=representative)
    old.refresh_from_db()
    current.refresh_from_db()
    assert old.is_late is True
    assert current.is_late is False

    old.transition_to("approved", user=staff_user)
    assert old.is_locked and not old.is_editable
    with pytest.raises(ValidationError):
        old.transition_to("returned", user=staff_user, comment="demasiado tarde")
    with pytest.raises(ValidationError):
        old.transition_to("submitted", user=representative)


def test_report_value_checked_by_indicator_kind(organization, representative):
    commitment = running_commitment(organization, indicator_kind="percentage", target=80)
    report = commitment.reports.first()
    with pytest.raises(ValidationError):
        report.transition_to("submitted", user=representative)  # no value
    report.value = 150
    with pytest.raises(ValidationError):
        report.transition_to("submitted", user=representative)
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.DRAFT


def test_compliance_up_to_date_in_grace_overdue(organization, other_organization):
    today = timezone.localdate()
    assert compliance_for(organization) == Compliance.UP_TO_DATE
    commitment = running_commitment(organization)
    assert compliance_for(organization) == Compliance.OVERDUE
    # File every report whose deadline passed: the organisation is no longer overdue.
    commitment.reports.filter(deadline__lt=today).update(status=ReportStatus.SUBMITTED, value=1)
    # The period that just closed is in its grace period when its deadline is still ahead.
    in_grace = commitment.reports.filter(period_end__lt=today, deadline__gte=today)
    expected = Compliance.IN_GRACE if in_grace.exists() else Compliance.UP_TO_DATE
    assert compliance_for(organization) == expected
    in_grace.update(status=ReportStatus.SUBMITTED, value=1)
    assert compliance_for(organization) == Compliance.UP_TO_DATE
    assert compliance_for(other_organization) == Compliance.UP_TO_DATE


def test_compliance_in_grace_computed_for_given_day(organization):
    commitment = running_commitment(organization)
    report = commitment.reports.order_by("period_start").last()
    for other in commitment.reports.exclude(pk=report.pk):
        other.status = ReportStatus.APPROVED
        other.save()
    day_after_period = report.period_end + datetime.timedelta(days=1)
    assert compliance_for(organization, report.period_end) == Compliance.UP_TO_DATE
    assert compliance_for(organization, day_after_period) == Compliance.IN_GRACE
    assert compliance_for(organization, report.deadline + datetime.timedelta(days=1)) == Compliance.OVERDUE
