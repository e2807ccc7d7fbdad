"""The cooperation board (Mesa de cooperación Sur-Sur): what the regional site's board page shows.

- Demands and offers: the public open ones (``.public().open()``) of the networks the host answers
  for; never their contact person or e-mail, never a matched or closed one.
- Agreements: the public ones (``CooperationAgreement.objects.public()``) to which one of the
  host's networks is a party (each once), with their parties and their activities: title,
  responsible network, due date, status and whether it is overdue; never the responsible person,
  an activity's description, the follow-up notes, a dropped activity's reason or who made the agreement.
"""

import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpRequest
from django.utils import timezone

from api.common import Id, NetworkFilters, Pagination, choice, get_or_404, narrow, responses
from cooperation.choices import OPEN_ACTIVITY_STATES, ActivityStatus, ThematicArea
from cooperation.models import CooperationActivity, CooperationAgreement, CooperationDemand, CooperationOffer
from network_site.models import Network

router = Router(tags=["cooperation"])

#: What the public board shows of a demand or an offer (never the contact person or e-mail).
POST_FIELDS = ("title", "description", "topic", "created_at", "network__slug", "network__country")
AGREEMENT_FIELDS = ("title", "description", "start_date", "end_date", "created_at")
ACTIVITY_FIELDS = ("agreement_id", "title", "due_date", "status", "responsible_network__slug")

#: An agreement's public state, as the board's filter names it.
AgreementState = Literal["in_progress", "overdue", "done"]


class PostOut(Schema):
    id: int
    network: str = Field(description="The slug of the network that posted it.")
    country: str = Field(description="That network's country (ISO 3166 code).")
    title: str
    description: str
    topic: choice(ThematicArea)
    created_at: datetime.datetime

    @staticmethod
    def resolve_network(obj):
        return obj.network.slug

    @staticmethod
    def resolve_country(obj):
        return obj.network.country


class ActivityOut(Schema):
    title: str
    responsible_network: str | None = Field(description="The slug of the network responsible for it, if any.")
    due_date: datetime.date | None
    status: choice(ActivityStatus)
    overdue: bool = Field(description="Still open (pending or in progress) past its due date.")

    @staticmethod
    def resolve_responsible_network(obj):
        return obj.responsible_network.slug if obj.responsible_network_id else None

    @staticmethod
    def resolve_overdue(obj):
        return obj.is_overdue()


class AgreementOut(Schema):
    id: int
    title: str
    description: str
    networks: list[str] = Field(description="The slugs of the networks that are parties to it.")
    start_date: datetime.date | None
    end_date: datetime.date | None
    state: AgreementState = Field(
        description="overdue: an activity is open past its due date; done: every activity is done or dropped "
        "(one at least done); in_progress otherwise."
    )

    @staticmethod
    def resolve_networks(obj):
        return [network.slug for network in obj.networks.all()]

    @staticmethod
    def resolve_state(obj):
        if obj.has_overdue:
            return "overdue"
        if not obj.has_open and obj.has_done:
            return "done"
        return "in_progress"


class AgreementDetailOut(AgreementOut):
    activities: list[ActivityOut]

    @staticmethod
    def resolve_activities(obj):
        return list(obj.activities.all())


class PostFilters(NetworkFilters):
    topic: choice(ThematicArea) | None = Field(None, description="A thematic area.")


class AgreementFilters(NetworkFilters):
    state: AgreementState | None = None


def public_posts(model, filters):
    queryset = (
        model.objects.public()
        .open()
        .select_related("network")
        .only(*POST_FIELDS, "network_id")
        .order_by("-created_at", "-pk")
    )
    queryset = narrow(queryset, filters)
    if filters.topic:
        queryset = queryset.filter(topic=filters.topic)
    return queryset


@router.get(
    "/cooperation/demands/",
    response=responses(list[PostOut]),
    summary="List the board's public open demands",
    operation_id="cooperation_demands_list",
)
@paginate(Pagination)
def list_demands(request: HttpRequest, filters: Query[PostFilters]):
    return public_posts(CooperationDemand, filters)


@router.get(
    "/cooperation/offers/",
    response=responses(list[PostOut]),
    summary="List the board's public open offers",
    operation_id="cooperation_offers_list",
)
@paginate(Pagination)
def list_offers(request: HttpRequest, filters: Query[PostFilters]):
    return public_posts(CooperationOffer, filters)


def public_agreements(request):
    """The public agreements of the host's networks, each once, with their state (as of the
    request's local date) and their parties."""
    today = timezone.localdate()
    activities = CooperationActivity.objects.filter(agreement_id=OuterRef("pk"))
    return (
        CooperationAgreement.objects.public()
        .only(*AGREEMENT_FIELDS)
        .annotate(
            has_overdue=Exists(activities.filter(status__in=OPEN_ACTIVITY_STATES, due_date__lt=today)),
            has_open=Exists(activities.filter(status__in=OPEN_ACTIVITY_STATES)),
            has_done=Exists(activities.filter(status=ActivityStatus.DONE)),
        )
        .distinct()
        .order_by("-start_date", "-created_at", "-pk")
        .prefetch_related(Prefetch("networks", queryset=Network.objects.only("slug").order_by("slug")))
    )


def narrow_agreements(queryset, filters):
    """Agreements with a party of the filters' network or country (each once)."""
    if not filters.narrows:
        return queryset
    parties = narrow(
        CooperationAgreement.networks.through.objects.filter(cooperationagreement_id=OuterRef("pk")), filters
    )
    return queryset.filter(Exists(parties))


@router.get(
    "/cooperation/agreements/",
    response=responses(list[AgreementOut]),
    summary="List public cooperation agreements",
    operation_id="cooperation_agreements_list",
)
@paginate(Pagination)
def list_agreements(request: HttpRequest, filters: Query[AgreementFilters]):
    queryset = narrow_agreements(public_agreements(request), filters)
    if filters.state == "overdue":
        queryset = queryset.filter(has_overdue=True)
    elif filters.state == "done":
        queryset = queryset.filter(has_overdue=False, has_open=False, has_done=True)
    elif filters.state == "in_progress":
        queryset = queryset.filter(has_overdue=False).exclude(has_open=False, has_done=True)
    return queryset


@router.get(
    "/cooperation/agreements/{agreement_id}/",
    response=responses(AgreementDetailOut),
    summary="One public cooperation agreement with its activities",
    operation_id="cooperation_agreements_detail",
)
def get_agreement(request: HttpRequest, agreement_id: Id):
    activities = (
        CooperationActivity.objects.select_related("responsible_network")
        .only(*ACTIVITY_FIELDS, "responsible_network_id")
        .distinct()
        .order_by("due_date", "pk")
    )
    queryset = public_agreements(request).prefetch_related(Prefetch("activities", queryset=activities))
    return get_or_404(queryset, pk=agreement_id)
