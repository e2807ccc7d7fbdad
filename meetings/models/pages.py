"""The public calendar page."""

from django.db import models
from django.db.models import Q
from django.http import Http404
from django.template.defaultfilters import truncatewords_html
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from network_site.caching import cached
from network_site.routing import RememberedPageMixin

from ..ics import public_feed_response
from .choices import S
from .meetings import Meeting


class CalendarPage(RememberedPageMixin, RoutablePageMixin, Page):
    """The public calendar: upcoming public meetings and events, and published minutes summaries."""

    intro = RichTextField(_("introduction"), blank=True)
    past_summaries = models.PositiveSmallIntegerField(
        _("published summaries shown"), default=10, help_text=_("How many published minutes summaries to list.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("past_summaries")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "meetings/calendar_page.html"

    class Meta:
        verbose_name = _("calendar page")
        verbose_name_plural = _("calendar pages")

    def upcoming_meetings(self):
        return Meeting.objects.public().upcoming().exclude(status=S.CANCELLED)

    def published_summaries(self):
        return Meeting.objects.public().published().order_by("-start")[: self.past_summaries]

    @path("")
    def index(self, request):
        """Upcoming meetings and past summaries, as plain data built once per cache generation.

        The cached list holds every meeting still upcoming when it was built; those that have
        ended since are dropped here, so the list stays right between two changes.
        """
        data = cached("calendar", self.pk, request.get_host(), builder=lambda: self.listing(request))
        now = timezone.now()
        upcoming = [meeting for meeting in data["upcoming"] if meeting["end"] >= now]
        return self.render(request, context_overrides={"upcoming": upcoming, "summaries": data["summaries"]})

    def listing(self, request):
        base_url = self.relative_url(Site.find_for_request(request), request)

        def item(meeting):
            return {
                "title": meeting.title,
                "url": base_url + self.reverse_subpage("meeting", args=(meeting.pk,)),
                "start": meeting.start,
                "end": meeting.end,
                "place": meeting.place,
                "kind": meeting.get_kind_display(),
                "description": Truncator(meeting.description).words(40),
                "summary": (
                    truncatewords_html(str(RichText(meeting.public_summary)), 50) if meeting.public_summary else ""
                ),
            }

        return {
            "upcoming": [item(meeting) for meeting in self.upcoming_meetings()],
            "summaries": [item(meeting) for meeting in self.published_summaries()],
        }

    @path("<int:meeting_id>/")
    def meeting(self, request, meeting_id):
        meeting = (
            Meeting.objects.public()
            .filter(Q(status__in=[S.PLANNED, S.CONVENED]) | Q(status=S.PUBLISHED))
            .filter(pk=meeting_id)
            .first()
        )
        if meeting is None:
            raise Http404
        return self.render(
            request,
            template="meetings/calendar_meeting.html",
            context_overrides={"meeting": meeting, "agenda_days": meeting.agenda_by_day()},
        )

    @path("feed/", name="feed")
    def feed(self, request):
        return public_feed_response(self.upcoming_meetings())
