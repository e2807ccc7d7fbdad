"""The public cooperation board of the regional site: open demands and offers, and the agreements
with their activities, where their networks made them public. No contact details, no people's names."""

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from network_site.models import Network
from network_site.routing import RememberedPageMixin

from ..choices import OPEN_ACTIVITY_STATES, ActivityStatus
from .board import CooperationActivity, CooperationAgreement, CooperationDemand, CooperationOffer


class PublicState(models.TextChoices):
    """What the public board can be filtered by."""

    OPEN = "open", _("Open demands and offers")
    IN_PROGRESS = "in_progress", _("Agreements under way")
    OVERDUE = "overdue", _("Agreements with overdue activities")
    DONE = "done", _("Agreements completed")


#: What the public sees of a demand or an offer (never the contact person or e-mail).
POST_FIELDS = ("pk", "title", "description", "topic", "created_at", "network__short_name", "network__country")


class CooperationBoardPage(RememberedPageMixin, Page):
    """The regional cooperation board (Mesa de cooperación Sur-Sur)."""

    intro = RichTextField(_("introduction"), blank=True)
    per_page = models.PositiveSmallIntegerField(_("items per page"), default=10)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    subpage_types = []
    template = "cooperation/cooperation_board_page.html"

    class Meta:
        verbose_name = _("cooperation board page")
        verbose_name_plural = _("cooperation board pages")

    # --- What the page lists ---------------------------------------------------------------------

    def posts(self, country=""):
        """Public open demands and offers, newest first, as plain data (two queries)."""
        items = []
        for kind, label, model in (
            ("demand", _("Demand"), CooperationDemand),
            ("offer", _("Offer"), CooperationOffer),
        ):
            queryset = model.objects.public().open()
            if country:
                queryset = queryset.filter(network__country=country)
            topics = dict(model._meta.get_field("topic").flatchoices)
            for row in queryset.values(*POST_FIELDS):
                items.append(
                    {
                        "kind": kind,
                        "kind_label": label,
                        "title": row["title"],
                        "description": row["description"],
                        "topic": topics.get(row["topic"], row["topic"]),
                        "network": row["network__short_name"],
                        "country": row["network__country"],
                        "created_at": row["created_at"],
                    }
                )
        items.sort(key=lambda item: item["created_at"], reverse=True)
        return items

    def agreements(self, country="", state="", today=None):
        """Public agreements (with their networks and activities), filtered by a party's country and state."""
        today = today or timezone.localdate()
        activities = CooperationActivity.objects.filter(agreement_id=OuterRef("pk"))
        queryset = CooperationAgreement.objects.public().annotate(
            has_overdue=Exists(activities.filter(status__in=OPEN_ACTIVITY_STATES, due_date__lt=today)),
            has_open=Exists(activities.filter(status__in=OPEN_ACTIVITY_STATES)),
            has_done=Exists(activities.filter(status=ActivityStatus.DONE)),
        )
        if country:
            queryset = queryset.filter(
                Exists(
                    CooperationAgreement.networks.through.objects.filter(
                        cooperationagreement_id=OuterRef("pk"), network__country=country
                    )
                )
            )
        if state == PublicState.OVERDUE:
            queryset = queryset.filter(has_overdue=True)
        elif state == PublicState.IN_PROGRESS:
            queryset = queryset.filter(Q(has_open=True) | Q(has_done=False), has_overdue=False)
        elif state == PublicState.DONE:
            queryset = queryset.filter(has_open=False, has_done=True)
        return queryset.order_by("-start_date", "-created_at", "-pk").prefetch_related(
            Prefetch("networks", queryset=Network.objects.order_by("short_name")),
            Prefetch(
                "activities",
                queryset=CooperationActivity.objects.select_related("responsible_network").order_by("due_date", "pk"),
            ),
        )

    @staticmethod
    def countries():
        """(code, label) of the networks' countries, for the filter."""
        rows = Network.objects.order_by("short_name").values_list("country", "short_name")
        seen = {}
        for code, name in rows:
            seen.setdefault(code, name)
        return list(seen.items())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        countries = self.countries()
        country = request.GET.get("country", "")
        country = country if country in dict(countries) else ""
        state = request.GET.get("state", "")
        state = state if state in PublicState.values else ""
        today = timezone.localdate()
        per_page = max(self.per_page, 1)
        posts = self.posts(country) if state in ("", PublicState.OPEN) else []
        agreements = (
            self.agreements(country, state, today)
            if state != PublicState.OPEN
            else CooperationAgreement.objects.none()
        )
        posts_page = Paginator(posts, per_page).get_page(request.GET.get("posts") or 1)
        agreements_page = Paginator(agreements, per_page).get_page(request.GET.get("page") or 1)
        context.update(
            countries=countries,
            states=PublicState.choices,
            country=country,
            state=state,
            posts_page=posts_page,
            agreements_page=agreements_page,
            show_posts=state in ("", PublicState.OPEN),
            show_agreements=state != PublicState.OPEN,
            today=today,
        )
        return context
