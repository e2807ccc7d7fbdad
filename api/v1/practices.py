"""Good practices: the regional library's published practices (``GoodPractice.objects.published()``),
the rule of the library pages; never a proposed, under review, returned or withdrawn one.

Their public fields only (``practices.models.PUBLIC_FIELDS``): never the contact person
(``CONTACT_FIELDS``), the proposer, the reviewer or the reviewer's comment. A practice's documents
are listed (title and link) unless their collection has a view restriction, as on its public page.
"""

import datetime

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from django.db.models import Prefetch, Q
from django.http import HttpRequest

from api.common import Id, NetworkFilters, Pagination, SearchText, choice, get_or_404, narrow, responses
from commitments.models import AccelerationFactor, ThematicArea
from network_site.links import absolute_url
from practices.models import GoodPractice, PracticeLanguage
from practices.views import public_documents

router = Router(tags=["good-practices"])

#: What is read of a practice: its public fields (``practices.models.PUBLIC_FIELDS``) and its
#: network's and organisation's public names, never ``CONTACT_FIELDS``.
READ_FIELDS = (
    "title",
    "summary",
    "results",
    "acceleration_factors",
    "thematic_area",
    "languages",
    "year",
    "published_at",
    "network__slug",
    "network__country",
    "organization__name",
)
#: What the documents' absolute links need of the network's Site (``network_site.links``).
SITE_FIELDS = (
    *READ_FIELDS,
    "organization_id",
    "network_id",
    "network__site__hostname",
    "network__site__port",
    "network__site__is_default_site",
)


class PracticeOut(Schema):
    id: int
    network: str = Field(description="The slug of the practice's network.")
    country: str = Field(description="The network's country (ISO 3166 code).")
    title: str
    summary: str
    results: str
    organization: str | None = Field(description="The name of the organisation that carried it out, if any.")
    acceleration_factors: list[choice(AccelerationFactor)]
    thematic_area: choice(ThematicArea)
    languages: list[choice(PracticeLanguage)] = Field(description="The languages its text and documents are in.")
    year: int = Field(description="The year it was carried out (or began).")
    published_at: datetime.datetime | None

    @staticmethod
    def resolve_network(obj):
        return obj.network.slug

    @staticmethod
    def resolve_country(obj):
        return obj.network.country

    @staticmethod
    def resolve_organization(obj):
        return obj.organization.name if obj.organization_id else None


class DocumentOut(Schema):
    title: str
    url: str = Field(description="Absolute link to the document on its network's site.")


class PracticeDetailOut(PracticeOut):
    documents: list[DocumentOut]

    @staticmethod
    def resolve_documents(obj):
        return [
            {"title": item.document.title, "url": absolute_url(item.document.url, network=obj.network)}
            for item in obj.documents.all()
        ]


class PracticeFilters(NetworkFilters):
    acceleration_factor: choice(AccelerationFactor) | None = None
    thematic_area: choice(ThematicArea) | None = None
    language: choice(PracticeLanguage) | None = Field(None, description="Practices written in that language.")
    q: SearchText | None = Field(None, description="Part of the title, summary, results or organisation's name.")


def published_practices():
    return (
        GoodPractice.objects.published()
        .select_related("network", "organization")
        .only(*READ_FIELDS, "organization_id", "network_id")
        .order_by("-published_at", "-pk")
    )


@router.get(
    "/good-practices/",
    response=responses(list[PracticeOut]),
    summary="List published good practices",
    operation_id="good_practices_list",
)
@paginate(Pagination)
def list_practices(request: HttpRequest, filters: Query[PracticeFilters]):
    queryset = narrow(published_practices(), filters)
    if filters.acceleration_factor:
        queryset = queryset.with_factor(filters.acceleration_factor)
    if filters.thematic_area:
        queryset = queryset.filter(thematic_area=filters.thematic_area)
    if filters.language:
        queryset = queryset.in_language(filters.language)
    if filters.q and filters.q.strip():
        q = filters.q.strip()
        queryset = queryset.filter(
            Q(title__icontains=q)
            | Q(summary__icontains=q)
            | Q(results__icontains=q)
            | Q(organization__name__icontains=q)
        )
    return queryset


@router.get(
    "/good-practices/{practice_id}/",
    response=responses(PracticeDetailOut),
    summary="One published good practice with its public documents",
    operation_id="good_practices_detail",
)
def get_practice(request: HttpRequest, practice_id: Id):
    queryset = published_practices().select_related("network__site").only(*SITE_FIELDS)
    documents = public_documents().order_by("sort_order", "pk")
    return get_or_404(queryset.prefetch_related(Prefetch("documents", queryset=documents)), pk=practice_id)
