"""Public meetings: those the secretariat put on the public calendar (``is_public``), while they
are planned or convened, and once their minutes are published; never a cancelled one, nor one
whose minutes are still in the works.

What the public calendar shows and nothing more: no invitations or replies, no attendance, no
agreements, no minutes' notes, no presenters (people), no attachments.
"""

import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone

from wagtail.rich_text import RichText

from api.common import Id, NetworkFilters, Pagination, Year, choice, get_or_404, narrow, responses
from meetings.models import AgendaItem, Meeting, MeetingKind, MeetingStatus

router = Router(tags=["meetings"])

PUBLIC_STATUSES = (MeetingStatus.PLANNED, MeetingStatus.CONVENED, MeetingStatus.PUBLISHED)
PublicStatus = Literal[tuple(str(status.value) for status in PUBLIC_STATUSES)]
PUBLIC_FIELDS = (
    "network__slug",
    "title",
    "kind",
    "status",
    "start",
    "end",
    "place",
    "online_url",
    "convening_body",
    "description",
    "public_summary",
)


class MeetingOut(Schema):
    id: int
    network: str = Field(description="The slug of the convening network.")
    title: str
    kind: choice(MeetingKind)
    status: PublicStatus = Field(description="planned, convened, or published (its minutes' summary is public).")
    start: datetime.datetime
    end: datetime.datetime
    place: str
    online_url: str
    convening_body: str
    description: str
    summary: str | None = Field(description="The published minutes' public summary (HTML), else null.")

    @staticmethod
    def resolve_network(obj):
        return obj.network.slug

    @staticmethod
    def resolve_summary(obj):
        if obj.status != MeetingStatus.PUBLISHED or not obj.public_summary:
            return None
        return str(RichText(obj.public_summary))


class AgendaItemOut(Schema):
    day: datetime.date | None = Field(description="Empty: the meeting's first day.")
    start_time: str | None = Field(
        pattern=r"^\d{2}:\d{2}:\d{2}$", description="Local time of the meeting's place (HH:MM:SS), no offset."
    )
    duration_minutes: int | None
    session: str
    title: str
    description: str
    place: str

    @staticmethod
    def resolve_start_time(obj):
        return obj.start_time.strftime("%H:%M:%S") if obj.start_time else None


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaItemOut]

    @staticmethod
    def resolve_agenda(obj):
        return list(obj.agenda_items.all())


class MeetingFilters(NetworkFilters):
    kind: choice(MeetingKind) | None = None
    year: Year | None = Field(None, description="Meetings starting in that year.")
    upcoming: bool | None = Field(None, description="true: not ended yet; false: ended.")


def public_meetings():
    return (
        Meeting.objects.public()
        .filter(status__in=PUBLIC_STATUSES)
        .select_related("network")
        .only(*PUBLIC_FIELDS)
        .order_by("-start", "pk")
    )


@router.get(
    "/meetings/", response=responses(list[MeetingOut]), summary="List public meetings", operation_id="meetings_list"
)
@paginate(Pagination)
def list_meetings(request: HttpRequest, filters: Query[MeetingFilters]):
    queryset = narrow(public_meetings(), filters)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.year:
        queryset = queryset.filter(start__year=filters.year)
    if filters.upcoming is not None:
        now = timezone.now()
        queryset = queryset.filter(end__gte=now) if filters.upcoming else queryset.filter(end__lt=now)
    return queryset


@router.get(
    "/meetings/{meeting_id}/",
    response=responses(MeetingDetailOut),
    summary="One public meeting with its agenda",
    operation_id="meetings_detail",
)
def get_meeting(request: HttpRequest, meeting_id: Id):
    agenda = AgendaItem.objects.only(
        "meeting_id", "day", "start_time", "duration_minutes", "session", "title", "description", "place", "sort_order"
    ).order_by("sort_order", "pk")
    return get_or_404(public_meetings().prefetch_related(Prefetch("agenda_items", queryset=agenda)), pk=meeting_id)
