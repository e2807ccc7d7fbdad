"""Organisations' public profiles: what the public member directory shows.

Active members only (``Organization.objects.active()``: no applicants, suspended or withdrawn
members, no partner institutions), and only the fields of the public profile page. Never the
tax identifier, the size, the people or their contacts, the portal accounts.
"""

import datetime

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from django.db.models import Q
from django.http import HttpRequest

from api.common import Id, NetworkFilters, Pagination, SearchText, choice, get_or_404, narrow, responses
from members.models import Organization, OrganizationKind, Scope, Sector

router = Router(tags=["organizations"])

#: The columns read: the public profile's, nothing else.
PUBLIC_FIELDS = (
    "network__slug",
    "name",
    "short_name",
    "slug",
    "kind",
    "sector",
    "scope",
    "region",
    "website",
    "description",
    "date_joined",
)


class OrganizationOut(Schema):
    id: int
    network: str = Field(description="The slug of the organisation's network.")
    name: str
    short_name: str
    slug: str = Field(description="Unique within its network (the public profile's address).")
    kind: choice(OrganizationKind)
    sector: choice(Sector)
    scope: choice(Scope)
    region: str
    website: str
    description: str
    member_since: datetime.date | None

    @staticmethod
    def resolve_network(obj):
        return obj.network.slug

    @staticmethod
    def resolve_member_since(obj):
        return obj.date_joined


class OrganizationFilters(NetworkFilters):
    sector: choice(Sector) | None = None
    kind: choice(OrganizationKind) | None = None
    q: SearchText | None = Field(None, description="Part of the name or short name.")


def public_organizations():
    """Active members with their network, public columns only (one query per page)."""
    return Organization.objects.active().select_related("network").only(*PUBLIC_FIELDS).order_by("name", "pk")


@router.get(
    "/organizations/",
    response=responses(list[OrganizationOut]),
    summary="List member organisations",
    operation_id="organizations_list",
)
@paginate(Pagination)
def list_organizations(request: HttpRequest, filters: Query[OrganizationFilters]):
    queryset = narrow(public_organizations(), filters)
    if filters.sector:
        queryset = queryset.filter(sector=filters.sector)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.q:
        queryset = queryset.filter(Q(name__icontains=filters.q) | Q(short_name__icontains=filters.q))
    return queryset


@router.get(
    "/organizations/{organization_id}/",
    response=responses(OrganizationOut),
    summary="One member organisation's public profile",
    operation_id="organizations_detail",
)
def get_organization(request: HttpRequest, organization_id: Id):
    return get_or_404(public_organizations(), pk=organization_id)
