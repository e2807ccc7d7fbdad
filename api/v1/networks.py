"""The national networks this host answers for (its own; every one on the regional site)."""

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from django.http import HttpRequest

from api.common import NetworkFilters, Pagination, Slug, get_or_404, narrow, responses, visible_networks
from network_site.links import base_url

router = Router(tags=["networks"])


class NetworkOut(Schema):
    slug: str
    name: str
    short_name: str
    country: str
    languages: list[str]
    time_zone: str
    secretariat_name: str
    url: str

    @staticmethod
    def resolve_languages(obj):
        return obj.language_codes

    @staticmethod
    def resolve_url(obj):
        return base_url(obj) + "/"


@router.get("/networks/", response=responses(list[NetworkOut]), summary="List networks", operation_id="networks_list")
@paginate(Pagination)
def list_networks(request: HttpRequest, filters: Query[NetworkFilters]):
    return narrow(visible_networks(request), filters, path="")


@router.get("/networks/{slug}/", response=responses(NetworkOut), summary="One network", operation_id="networks_detail")
def get_network(request: HttpRequest, slug: Slug):
    return get_or_404(visible_networks(request), slug=slug)
