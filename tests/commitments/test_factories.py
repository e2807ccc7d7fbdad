import pytest

from commitments.models import CommitmentStatus, PledgeVersion

from .factories import ApprovedCommitmentFactory, CommitmentFactory, PledgeVersionFactory, report_for

pytestmark = pytest.mark.django_db


def test_pledge_version_factory_builds_a_published_version():
    version = PledgeVersionFactory()
    assert version.published_at is not None and version.text.startswith("<p>")
    assert PledgeVersion.objects.get(pk=version.pk).number == version.number


def test_commitment_factory_builds_a_draft_with_a_reference_and_no_reports():
    commitment = CommitmentFactory()
    assert commitment.status == CommitmentStatus.DRAFT
    assert commitment.reference and commitment.organization.pk
    assert not commitment.reports.exists()


def test_approved_commitment_factory_creates_the_report_schedule():
    commitment = ApprovedCommitmentFactory()
    assert commitment.status == CommitmentStatus.APPROVED and commitment.approved_at is not None
    periods = list(commitment.reports.values_list("period", flat=True))
    assert periods, "an approved commitment has progress reports to fill"
    assert report_for(commitment, periods[0]).commitment == commitment
