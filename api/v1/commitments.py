"""Public commitments and their approved progress.

A commitment is public once the secretariat approved it (then also when closed: achieved, not
achieved, withdrawn), if its organisation chose so and is an active member:
``Commitment.objects.public()``, the rule of the profile pages, the observatory and the open-data
files. Its progress is its approved reports only (``ProgressReport.objects.public()``): never a
draft, a submitted or a returned report, a narrative, an evidence file or a reviewer's comment.
"""

import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from django.db.models import DecimalField, OuterRef, Subquery
from django.http import HttpRequest

from api.common import Id, NetworkFilters, Pagination, Year, choice, get_or_404, narrow, responses
from commitments.models import (
    APPROVED_STATUSES,
    AccelerationFactor,
    Commitment,
    IndicatorKind,
    ProgressReport,
    ReportingFrequency,
    ReportStatus,
    ThematicArea,
)
from members.models import Sector

router = Router(tags=["commitments"])

#: The statuses a public commitment can have.
PublicStatus = Literal[tuple(str(status.value) for status in APPROVED_STATUSES)]


class OrganizationRef(Schema):
    id: int
    name: str


class CommitmentOut(Schema):
    id: int
    reference: str = Field(description="Stable over time, e.g. C-000012.")
    network: str = Field(description="The slug of the organisation's network.")
    organization: OrganizationRef
    sector: choice(Sector) = Field(description="The organisation's sector.")
    title: str
    thematic_area: choice(ThematicArea)
    acceleration_factor: choice(AccelerationFactor)
    sdg_target: str
    indicator_name: str
    indicator_unit: str
    indicator_kind: choice(IndicatorKind) = Field(description="For yes_no, 1 is yes and 0 is no.")
    baseline: float
    target: float
    start_date: datetime.date
    end_date: datetime.date
    reporting_frequency: choice(ReportingFrequency)
    status: PublicStatus
    latest_period: str | None = Field(description="Period of the latest approved progress report.")
    latest_value: float | None = Field(description="Indicator value in the latest approved progress report.")

    @staticmethod
    def resolve_network(obj):
        return obj.organization.network.slug

    @staticmethod
    def resolve_organization(obj):
        return {"id": obj.organization_id, "name": obj.organization.name}

    @staticmethod
    def resolve_sector(obj):
        return obj.organization.sector


class ProgressOut(Schema):
    commitment: int = Field(description="The commitment's id.")
    period: str = Field(description="e.g. 2024-Q1, 2024-M03, 2024-S2, 2024.")
    period_start: datetime.date
    period_end: datetime.date
    value: float | None = Field(description="The indicator's value in the period.")

    @staticmethod
    def resolve_commitment(obj):
        return obj.commitment_id


class CommitmentFilters(NetworkFilters):
    sector: choice(Sector) | None = Field(None, description="The organisation's sector.")
    thematic_area: choice(ThematicArea) | None = None
    acceleration_factor: choice(AccelerationFactor) | None = None
    year: Year | None = Field(None, description="Commitments running in that year.")
    organization: Id | None = Field(None, description="An organisation's id.")
    status: PublicStatus | None = None


class ProgressFilters(NetworkFilters):
    year: Year | None = Field(None, description="Reports of periods starting in that year.")
    commitment: Id | None = Field(None, description="A commitment's id.")


def public_commitments():
    """Public commitments with their organisation, network and latest approved progress (one query)."""
    latest = ProgressReport.objects.filter(commitment=OuterRef("pk"), status=ReportStatus.APPROVED).order_by(
        "-period_start"
    )
    return (
        Commitment.objects.public()
        .select_related("organization__network")
        .annotate(
            latest_period=Subquery(latest.values("period")[:1]),
            latest_value=Subquery(latest.values("value")[:1], output_field=DecimalField()),
        )
        .order_by("reference", "pk")
    )


def public_progress():
    """Approved reports of public commitments, oldest period first."""
    return (
        ProgressReport.objects.public()
        .only("commitment_id", "period", "period_start", "period_end", "value")
        .order_by("commitment_id", "period_start", "pk")
    )


@router.get(
    "/commitments/",
    response=responses(list[CommitmentOut]),
    summary="List public commitments",
    operation_id="commitments_list",
)
@paginate(Pagination)
def list_commitments(request: HttpRequest, filters: Query[CommitmentFilters]):
    queryset = narrow(public_commitments(), filters, path="organization__network")
    if filters.sector:
        queryset = queryset.filter(organization__sector=filters.sector)
    if filters.thematic_area:
        queryset = queryset.filter(thematic_area=filters.thematic_area)
    if filters.acceleration_factor:
        queryset = queryset.filter(acceleration_factor=filters.acceleration_factor)
    if filters.year:
        queryset = queryset.filter(start_date__year__lte=filters.year, end_date__year__gte=filters.year)
    if filters.organization:
        queryset = queryset.filter(organization_id=filters.organization)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    return queryset


@router.get(
    "/commitments/{commitment_id}/",
    response=responses(CommitmentOut),
    summary="One public commitment",
    operation_id="commitments_detail",
)
def get_commitment(request: HttpRequest, commitment_id: Id):
    return get_or_404(public_commitments(), pk=commitment_id)


@router.get(
    "/commitments/{commitment_id}/progress/",
    response=responses(list[ProgressOut]),
    summary="A public commitment's approved progress",
    operation_id="commitments_progress",
)
@paginate(Pagination)
def list_commitment_progress(request: HttpRequest, commitment_id: Id):
    get_or_404(Commitment.objects.public().only("pk"), pk=commitment_id)
    return public_progress().filter(commitment_id=commitment_id)


@router.get(
    "/progress/",
    response=responses(list[ProgressOut]),
    summary="Approved progress of every public commitment",
    operation_id="progress_list",
)
@paginate(Pagination)
def list_progress(request: HttpRequest, filters: Query[ProgressFilters]):
    queryset = narrow(public_progress(), filters, path="commitment__organization__network")
    if filters.year:
        queryset = queryset.filter(period_start__year=filters.year)
    if filters.commitment:
        queryset = queryset.filter(commitment_id=filters.commitment)
    return queryset
