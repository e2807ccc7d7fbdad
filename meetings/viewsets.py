"""Wagtail admin viewsets of the meetings app: meetings (with their agenda inline) and agreements."""

import django_filters

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.admin.widgets import HeaderButton, ListingButton

from members.models import Organization
from network_site.viewsets import CalendarDateColumn, RecordViewSet, YesNoColumn

from .forms import AgreementAdminForm, MeetingAdminForm
from .models import Agreement, AgreementStatus, Meeting, MeetingKind, MeetingSeries, MeetingStatus


class BadgeColumn(Column):
    cell_template_name = "meetings/admin/badge_cell.html"


# --- Meetings ---------------------------------------------------------------------------------


class MeetingFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MeetingStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=MeetingKind.choices)
    start = django_filters.DateFromToRangeFilter(label=_("Start"), widget=DateRangePickerWidget)
    series = django_filters.ModelChoiceFilter(label=_("Series"), queryset=MeetingSeries.objects.all())

    class Meta:
        model = Meeting
        fields = ["status", "kind", "series", "is_public", "start"]


class MeetingIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.insert(0, ListingButton(_("Manage"), url=instance.get_admin_manage_url(), icon_name="cog", priority=5))
        return buttons


class MeetingEditView(generic.EditView):
    @property
    def header_buttons(self):
        return [HeaderButton(_("Manage meeting"), url=self.object.get_admin_manage_url(), icon_name="cog")]

    def get_success_url(self):
        return self.object.get_admin_manage_url()


class MeetingCreateView(generic.CreateView):
    def get_success_url(self):
        return self.object.get_admin_manage_url()


agenda_item_panels = [
    FieldRowPanel([FieldPanel("day"), FieldPanel("start_time"), FieldPanel("duration_minutes")]),
    FieldRowPanel([FieldPanel("session"), FieldPanel("place")]),
    FieldPanel("title"),
    FieldPanel("description"),
    FieldRowPanel([FieldPanel("presenter"), FieldPanel("presenters_text")]),
    MultiFieldPanel([FieldPanel("notes"), FieldPanel("conclusions")], heading=_("Minutes of this item")),
]


class MeetingViewSet(RecordViewSet):
    model = Meeting
    icon = "date"
    menu_label = _("Meetings")
    menu_order = 100
    index_view_class = MeetingIndexView
    edit_view_class = MeetingEditView
    add_view_class = MeetingCreateView
    filterset_class = MeetingFilterSet
    search_fields = ["title", "place", "description"]
    list_display = [
        TitleColumn("title", label=_("Title"), url_name="meetings_admin:manage"),
        CalendarDateColumn("start", label=_("Start"), sort_key="start"),
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        BadgeColumn("status", label=_("Status"), accessor="get_status_display"),
        YesNoColumn("is_public", label=_("Public"), sort_key="is_public"),
    ]
    ordering = ["-start"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("kind"),
                    FieldRowPanel([FieldPanel("series"), FieldPanel("number")]),
                    FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                    FieldRowPanel([FieldPanel("place"), FieldPanel("online_url")]),
                    FieldPanel("description"),
                    FieldPanel("convening_body"),
                    FieldRowPanel([FieldPanel("is_public"), FieldPanel("reminder_days")]),
                ],
                heading=_("Meeting"),
            ),
            ObjectList(
                [InlinePanel("agenda_items", panels=agenda_item_panels, heading=_("Agenda"), label=_("Agenda item"))],
                heading=_("Agenda and minutes per item"),
            ),
            ObjectList(
                [
                    FieldPanel("general_conclusions"),
                    FieldPanel("public_summary"),
                    InlinePanel(
                        "attachments",
                        panels=[FieldPanel("title"), FieldPanel("file"), FieldPanel("agenda_session")],
                        heading=_("Presentations and photos"),
                        label=_("Attachment"),
                    ),
                ],
                heading=_("Minutes"),
            ),
        ],
        base_form_class=MeetingAdminForm,
    )


# --- Agreements -------------------------------------------------------------------------------


class AgreementFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=AgreementStatus.choices)
    organization = django_filters.ModelChoiceFilter(
        label=_("Responsible organisation"),
        queryset=Organization.objects.order_by("name"),
        field_name="responsible_organizations",
        distinct=True,
    )
    meeting = django_filters.ModelChoiceFilter(label=_("Meeting"), queryset=Meeting.objects.order_by("-start"))
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = Agreement
        fields = ["status", "organization", "meeting", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Agreement.objects.overdue(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class AgreementIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("meeting")
            .prefetch_related("responsible_organizations", "responsible_people")
        )

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        query = self.request.GET.urlencode()
        url = reverse("meetings_admin:agreements_export") + (f"?{query}" if query else "")
        buttons.append(HeaderButton(_("Export to XLSX"), url=url, icon_name="download"))
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        url = reverse("meetings_admin:agreement_status", args=[instance.pk])
        buttons.insert(0, ListingButton(_("Change status"), url=url, icon_name="resubmit", priority=5))
        return buttons


class AgreementCreateView(generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        meeting = self.request.GET.get("meeting")
        if meeting and meeting.isdigit():
            initial["meeting"] = meeting
        return initial

    def get_success_url(self):
        return self.object.meeting.get_admin_manage_url()


class AgreementEditView(generic.EditView):
    def get_success_url(self):
        return self.object.meeting.get_admin_manage_url()


class AgreementViewSet(RecordViewSet):
    model = Agreement
    icon = "tasks"
    menu_label = _("Agreements")
    menu_order = 200
    index_view_class = AgreementIndexView
    add_view_class = AgreementCreateView
    edit_view_class = AgreementEditView
    filterset_class = AgreementFilterSet
    search_fields = ["text"]
    search_backend_name = None
    list_display = [
        "text",
        Column("meeting", label=_("Meeting")),
        Column("responsible_names", label=_("Responsible")),
        CalendarDateColumn("due_date", label=_("Due date"), sort_key="due_date"),
        BadgeColumn("status", label=_("Status"), accessor="get_status_display"),
        YesNoColumn("overdue", label=_("Overdue")),
    ]
    ordering = ["due_date", "pk"]
    edit_handler = ObjectList(
        [
            FieldPanel("meeting"),
            FieldPanel("agenda_item"),
            FieldPanel("text"),
            FieldPanel("responsible_organizations"),
            FieldPanel("responsible_people"),
            FieldPanel("due_date"),
        ],
        base_form_class=AgreementAdminForm,
    )


# --- Series -----------------------------------------------------------------------------------


class MeetingSeriesViewSet(RecordViewSet):
    model = MeetingSeries
    icon = "list-ol"
    menu_label = _("Meeting series")
    menu_order = 150
    inspect_view_enabled = False
    form_fields = ["name", "kind", "interval_weeks", "description"]
    search_fields = ["name"]
    search_backend_name = None
    list_display = [TitleColumn("name", label=_("Name"), url_name="meetings_admin:series")]


class MeetingsGroup(ModelViewSetGroup):
    menu_label = _("Meetings")
    menu_icon = "date"
    menu_order = 250
    items = (
        MeetingViewSet("meeting", url_prefix="meetings"),
        MeetingSeriesViewSet("meeting_series", url_prefix="meetings/series"),
        AgreementViewSet("agreement", url_prefix="meetings/agreements"),
    )
