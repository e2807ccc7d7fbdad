"""The observatory's report summary equals a direct computation from the reports, after writes.

``commitments.summary`` keeps the approved reports of public commitments grouped per network,
sector, area, period and lateness; the observatory (national and regional) reads it. After each
write of a series (a report approved, a draft saved, an organisation's sector or membership
changed, a commitment's area changed, a report deleted, a change in another network) the
figures equal those computed straight from the reports, as the observatory did before.
"""

import datetime

import pytest

from django.db.models import Avg, Count, Q
from django.utils import timezone

from commitments import observatory
from commitments.models import ObservatoryState, ProgressReport, ReportStatus
from commitments.observatory import _progress_expression, filtered_reports
from members.models import MembershipStatus, Sector
from network_site.networks import across, activate
from regional import observatory as regional_observatory
from tests.commitments.factories import ApprovedCommitmentFactory
from tests.members.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def direct(filters):
    """The report figures computed from the reports themselves (the observatory's former queries)."""
    reports = filtered_reports(filters)
    totals = reports.aggregate(reports=Count("pk"), on_time=Count("pk", filter=Q(is_late=False)))
    quarters = (
        reports.values("period", "period_start")
        .annotate(
            reports=Count("pk"), on_time=Count("pk", filter=Q(is_late=False)), progress=Avg(_progress_expression())
        )
        .order_by("period_start", "period")
    )
    merged = {}
    for row in quarters:
        entry = merged.setdefault(
            row["period"], {"period": row["period"], "reports": 0, "on_time": 0, "progress": None}
        )
        entry["reports"] += row["reports"]
        entry["on_time"] += row["on_time"]
        if row["progress"] is not None:
            entry["progress"] = round(row["progress"], 1)
    return totals, list(merged.values())


FILTERS = [{}, {"sector": Sector.AGRICULTURE}, {"area": "education"}, {"year": timezone.localdate().year - 1}]


def assert_equal_to_direct(network):
    with activate(network):
        for filters in FILTERS:
            data = observatory.compute(filters)
            totals, quarters = direct(filters)
            assert (data["totals"]["reports"], data["totals"]["on_time"]) == (totals["reports"], totals["on_time"])
            assert data["by_quarter"] == quarters, filters


def approve(report, value):
    report.value = value
    report.status = ReportStatus.APPROVED
    report.save()


@pytest.fixture
def data(other_network):
    today = timezone.localdate()
    span = {"start_date": datetime.date(today.year - 2, 1, 1), "end_date": datetime.date(today.year + 1, 12, 31)}
    farm = OrganizationFactory(name="Finca del Valle", sector=Sector.AGRICULTURE, membership_status="active")
    shop = OrganizationFactory(name="Comercial Central", sector=Sector.COMMERCE, membership_status="active")
    commitments = [
        ApprovedCommitmentFactory(organization=farm, is_public=True, thematic_area="education", **span),
        ApprovedCommitmentFactory(organization=shop, is_public=True, thematic_area="value_chain", **span),
    ]
    with activate(other_network):
        abroad = OrganizationFactory(
            name="Bananera Ecuatoriana", sector=Sector.AGRICULTURE, membership_status="active"
        )
        ApprovedCommitmentFactory(organization=abroad, is_public=True, **span)
    for commitment in commitments:
        for number, report in enumerate(commitment.reports.filter(period_end__lt=today).order_by("period_start")):
            if number % 3:
                approve(report, 5 + number * 3)
    return {"farm": farm, "shop": shop, "commitments": commitments, "abroad": abroad}


def test_the_summary_equals_a_direct_computation_after_a_series_of_writes(data, default_network, other_network):
    farm, shop, commitments = data["farm"], data["shop"], data["commitments"]
    assert_equal_to_direct(default_network)
    assert ObservatoryState.objects.get(network=default_network).built_version > 0

    draft = ProgressReport.objects.filter(commitment=commitments[0], status=ReportStatus.DRAFT).first()
    approve(draft, 33)
    assert_equal_to_direct(default_network)

    late = ProgressReport.objects.filter(commitment=commitments[1], status=ReportStatus.APPROVED).first()
    late.is_late = True
    late.save()
    assert_equal_to_direct(default_network)

    farm.sector = Sector.TOURISM
    farm.save()
    assert_equal_to_direct(default_network)

    commitments[1].thematic_area = "education"
    commitments[1].save()
    assert_equal_to_direct(default_network)

    shop.membership_status = MembershipStatus.SUSPENDED
    shop.save()
    assert_equal_to_direct(default_network)

    ProgressReport.objects.filter(commitment=commitments[0], status=ReportStatus.APPROVED).first().delete()
    assert_equal_to_direct(default_network)
    assert_equal_to_direct(other_network)


def test_a_members_draft_leaves_the_summary_as_built(data, default_network):
    assert_equal_to_direct(default_network)
    state = ObservatoryState.objects.get(network=default_network)
    draft = ProgressReport.objects.filter(commitment=data["commitments"][0], status=ReportStatus.DRAFT).first()
    draft.narrative = "Borrador"
    draft.save(update_fields=["narrative", "updated_at"])
    state.refresh_from_db()
    assert state.built_version == state.data_version  # nothing to rebuild


def test_the_regional_observatory_reads_every_networks_summary(data, default_network, other_network):
    with across(None):
        rows = {row["network"]["pk"]: row for row in regional_observatory.compute({})["rows"]}
    for network in (default_network, other_network):
        with activate(network):
            totals, _quarters = direct({})
        assert rows[network.pk]["reports"] == totals["reports"]
        assert rows[network.pk]["on_time"] == totals["on_time"]
    # A change in one network rebuilds only its summary.
    with activate(other_network):
        report = ProgressReport.objects.filter(status=ReportStatus.DRAFT, period_end__lt=timezone.localdate()).first()
        approve(report, 12)
    built = dict(ObservatoryState.objects.values_list("network_id", "built_version"))
    with across(None):
        rows = {row["network"]["pk"]: row for row in regional_observatory.compute({})["rows"]}
    after = dict(ObservatoryState.objects.values_list("network_id", "built_version"))
    assert after[default_network.pk] == built[default_network.pk]
    assert after[other_network.pk] > built[other_network.pk]
    with activate(other_network):
        assert rows[other_network.pk]["reports"] == direct({})[0]["reports"]


def test_the_observatory_reads_the_summary_in_a_fixed_number_of_queries(
    data, default_network, django_assert_max_num_queries
):
    with activate(default_network):
        observatory.compute({})  # builds the summary
        with django_assert_max_num_queries(5):
            observatory.compute({})
