"""The observatory's aggregates (``commitments.observatory.compute``), as the observatory page
and its open-data files show them: only approved, public commitments of active members and the
approved reports of those count."""

from ninja import Field, Query, Router, Schema

from django.db.models import Count
from django.http import HttpRequest

from api.common import NetworkFilters, Year, choice, narrowed_scope, responses
from commitments.models import ThematicArea
from commitments.observatory import compute, filtered_commitments
from members.models import Sector
from network_site.caching import cached

router = Router(tags=["observatory"])


class Totals(Schema):
    members: int = Field(description="Active member organisations.")
    organizations: int = Field(description="Organisations with at least one public commitment.")
    commitments: int = Field(description="Public commitments.")
    achieved: int
    ended: int = Field(description="Commitments achieved or not achieved.")
    share_achieved: int | None = Field(description="Per cent of the ended commitments that were achieved.")
    reports: int = Field(description="Approved progress reports.")
    on_time: int = Field(description="Of those, submitted before their deadline.")
    share_on_time: int | None


class Row(Schema):
    key: str | None = Field(description="The category's code.")
    label: str = Field(description="Its name, in the language of the request (Accept-Language).")
    value: int = Field(description="Public commitments in the category.")


class PeriodRow(Schema):
    period: str
    reports: int
    on_time: int
    progress: float | None = Field(description="Average progress from baseline to target, per cent.")


class NetworkRow(Schema):
    key: str = Field(description="The network's slug.")
    label: str = Field(description="The network's short name.")
    value: int = Field(description="Public commitments of its members.")


class AppliedFilters(Schema):
    year: int | None = None
    sector: str | None = None
    thematic_area: str | None = None
    network: str | None = None
    country: str | None = None


class ObservatoryOut(Schema):
    filters: AppliedFilters
    totals: Totals
    by_area: list[Row]
    by_factor: list[Row]
    by_sector: list[Row]
    by_status: list[Row]
    by_quarter: list[PeriodRow]
    by_network: list[NetworkRow] = Field(description="One row per network read (one on a national site).")
    computed_at: str


class ObservatoryFilters(NetworkFilters):
    year: Year | None = None
    sector: choice(Sector) | None = None
    thematic_area: choice(ThematicArea) | None = None


def by_network(filters):
    """Public commitments per network (one query, whatever the number of networks)."""
    rows = (
        filtered_commitments(filters)
        .values("organization__network__slug", "organization__network__short_name")
        .annotate(n=Count("pk"))
        .order_by("organization__network__short_name", "organization__network__slug")
    )
    return [
        {
            "key": row["organization__network__slug"],
            "label": row["organization__network__short_name"],
            "value": row["n"],
        }
        for row in rows
    ]


def build(filters):
    return {**compute(filters), "by_network": by_network(filters)}


@router.get(
    "/observatory/",
    response=responses(ObservatoryOut),
    summary="The observatory's aggregates",
    operation_id="observatory",
)
def observatory(request: HttpRequest, filters: Query[ObservatoryFilters]):
    wanted = {"year": filters.year, "sector": filters.sector, "area": filters.thematic_area}
    wanted = {key: value for key, value in wanted.items() if value is not None}
    with narrowed_scope(request, filters) as network_ids:
        # Kept per cache generation, language and host network (``cached``) and per the networks read.
        data = cached(
            "api-observatory", network_ids, sorted(wanted.items()), builder=lambda: build(wanted), timeout=3600
        )
    applied = {
        "year": filters.year,
        "sector": filters.sector,
        "thematic_area": filters.thematic_area,
        "network": filters.network,
        "country": filters.country,
    }
    return {**data, "filters": applied}
