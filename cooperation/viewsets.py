"""Wagtail admin viewsets of the cooperation board: demands and offers (each network's own), the
agreements and their activities (regional staff; a network's staff read those it is a party to).

Who may do what is in ``cooperation.permissions``; which rows anyone sees is the network scope
(``network_site.networks``): another network's demand answers 404, like any record of it.
"""

import django_filters

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.admin.widgets import HeaderButton

from network_site.lifecycle import save_with_transition
from network_site.models import Network
from network_site.networks import current_network
from network_site.viewsets import ChoiceTagColumn, RecordIndexView, RecordInspectView, RecordViewSet

from .choices import OPEN_ACTIVITY_STATES, ActivityStatus, BoardState, ThematicArea
from .models import CooperationActivity, CooperationAgreement, CooperationDemand, CooperationOffer
from .permissions import can_follow_up, can_match

# --- Demands and offers ---------------------------------------------------------------------------


class PostFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=BoardState.choices)
    topic = django_filters.ChoiceFilter(label=_("Thematic area"), choices=ThematicArea.choices)
    network = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("national network", "Network"), queryset=Network.objects.all()
    )

    class Meta:
        fields = ["state", "topic", "network", "is_public"]


class DemandFilterSet(PostFilterSet):
    class Meta(PostFilterSet.Meta):
        model = CooperationDemand


class OfferFilterSet(PostFilterSet):
    class Meta(PostFilterSet.Meta):
        model = CooperationOffer


class PostIndexView(RecordIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("network")

    def row_buttons(self, instance):
        if can_match(self.request.user) and instance.state == BoardState.OPEN:
            url_name = (
                "cooperation_admin:match_demand"
                if self.model is CooperationDemand
                else "cooperation_admin:match_offer"
            )
            return [(_("Match"), url_name, "link", 5)]
        return []

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if can_match(self.request.user):
            buttons.append(
                HeaderButton(_("Match a demand with offers"), url=reverse("cooperation_admin:match"), icon_name="link")
            )
        return buttons


class PostCreateView(generic.CreateView):
    """A network's staff post for the network they work for (the admin's network switcher)."""

    def form_valid(self, form):
        if current_network() is None:
            form.add_error(None, _("Choose the network you post for in the network switcher first."))
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        return super().form_valid(form)


class PostEditView(generic.EditView):
    """The state is changed with the other fields, through the lifecycle (one history entry)."""

    def save_instance(self):
        return save_with_transition(self.form, super().save_instance, user=self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            form.add_error("state", exc)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


post_panels = [
    FieldPanel("title"),
    FieldPanel("topic"),
    FieldPanel("description"),
    MultiFieldPanel(
        [FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")])],
        heading=_("Contact (seen by the secretariats only)"),
    ),
    FieldRowPanel([FieldPanel("is_public"), FieldPanel("state")]),
]

post_list_display = [
    "title",
    Column("network", label=pgettext_lazy("national network", "Network")),
    Column("topic", label=_("Thematic area"), accessor="get_topic_display"),
    ChoiceTagColumn("state", label=_("State"), primary_values={BoardState.OPEN}),
    "is_public",
    "created_at",
]


class DemandViewSet(RecordViewSet):
    model = CooperationDemand
    icon = "help"
    menu_label = _("Demands")
    menu_order = 100
    index_view_class = PostIndexView
    add_view_class = PostCreateView
    edit_view_class = PostEditView
    filterset_class = DemandFilterSet
    search_fields = ["title", "description"]
    search_backend_name = None
    list_display = post_list_display
    ordering = ["-created_at", "-pk"]
    edit_handler = ObjectList(post_panels)
    inspect_view_fields = ["title", "topic", "description", "contact_name", "contact_email", "is_public", "state"]


class OfferViewSet(DemandViewSet):
    model = CooperationOffer
    icon = "pick"
    menu_label = _("Offers")
    menu_order = 110
    filterset_class = OfferFilterSet


# --- Agreements ---------------------------------------------------------------------------------


class AgreementFilterSet(WagtailFilterSet):
    network = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("national network", "Network"),
        queryset=Network.objects.all(),
        field_name="networks",
        distinct=True,
    )
    overdue = django_filters.BooleanFilter(label=_("With overdue activities"), method="filter_overdue")

    class Meta:
        model = CooperationAgreement
        fields = ["network", "is_public", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = CooperationAgreement.objects.overdue(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class AgreementAdminForm(WagtailAdminModelForm):
    def clean_networks(self):
        networks = self.cleaned_data.get("networks")
        if networks is not None and len(networks) < 2:
            raise ValidationError(_("A South-South agreement is between two or more networks."))
        return networks


class AgreementIndexView(RecordIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().with_overdue(timezone.localdate()).prefetch_related("networks")

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if can_match(self.request.user):
            buttons.append(
                HeaderButton(_("Match a demand with offers"), url=reverse("cooperation_admin:match"), icon_name="link")
            )
        return buttons


class AgreementCreateView(generic.CreateView):
    """Agreements are made by matching a demand with offers: the add button leads there."""

    def get(self, request, *args, **kwargs):
        return redirect("cooperation_admin:match")

    def post(self, request, *args, **kwargs):
        messages.info(request, _("Agreements are made by matching a demand with offers."))
        return redirect("cooperation_admin:match")


class AgreementInspectView(RecordInspectView):
    template_name = "cooperation/admin/agreement_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        agreement = self.object
        activities = list(
            agreement.activities.select_related("responsible_network").prefetch_related("updates__network")
        )
        networks = getattr(self.request, "admin_networks", None)
        for activity in activities:
            activity.overdue_today = activity.is_overdue(today)
            activity.may_follow_up = can_follow_up(self.request.user, activity, networks)
        context.update(
            agreement=agreement,
            activities=activities,
            parties=list(agreement.networks.all()),
            demand=agreement.demand,
            offers=list(
                CooperationAgreement.offers.through.objects.filter(cooperationagreement=agreement).select_related(
                    "cooperationoffer__network"
                )
            ),
            may_add_activity=can_match(self.request.user),
        )
        return context


class AgreementViewSet(RecordViewSet):
    model = CooperationAgreement
    icon = "group"
    menu_label = _("Agreements")
    menu_order = 120
    index_view_class = AgreementIndexView
    add_view_class = AgreementCreateView
    inspect_view_class = AgreementInspectView
    filterset_class = AgreementFilterSet
    search_fields = ["title", "description"]
    search_backend_name = None
    list_display = [
        "title",
        Column("network_names", label=_("Networks")),
        "start_date",
        "end_date",
        "is_public",
        Column(
            "has_overdue", label=_("Overdue activities"), accessor=lambda obj: _("Yes") if obj.has_overdue else _("No")
        ),
    ]
    ordering = ["-created_at", "-pk"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("description"),
            FieldPanel("networks"),
            FieldPanel("demand"),
            FieldPanel("offers"),
            FieldPanel("is_public"),
            FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        ],
        base_form_class=AgreementAdminForm,
    )


# --- Activities -----------------------------------------------------------------------------------


class ActivityFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=ActivityStatus.choices)
    agreement = django_filters.ModelChoiceFilter(label=_("Agreement"), queryset=CooperationAgreement.objects.all())
    responsible_network = django_filters.ModelChoiceFilter(
        label=_("Responsible network"), queryset=Network.objects.all()
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = CooperationActivity
        fields = ["status", "agreement", "responsible_network", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        today = timezone.localdate()
        condition = {"status__in": OPEN_ACTIVITY_STATES, "due_date__lt": today}
        return (
            queryset.filter(**condition)
            if value
            else queryset.exclude(pk__in=CooperationActivity.objects.filter(**condition).values("pk"))
        )


class ActivityIndexView(RecordIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("agreement", "responsible_network")

    def row_buttons(self, instance):
        return [(_("Follow-up"), "cooperation_admin:follow_up", "tasks", 5)]


class ActivityCreateView(generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        agreement = self.request.GET.get("agreement", "")
        if agreement.isdigit():
            initial["agreement"] = agreement
        return initial

    def get_success_url(self):
        return self.object.agreement.get_admin_url()


class ActivityEditView(generic.EditView):
    def get_success_url(self):
        return self.object.agreement.get_admin_url()


class ActivityViewSet(RecordViewSet):
    model = CooperationActivity
    icon = "tasks"
    menu_label = _("Activities")
    menu_order = 130
    index_view_class = ActivityIndexView
    add_view_class = ActivityCreateView
    edit_view_class = ActivityEditView
    filterset_class = ActivityFilterSet
    search_fields = ["title", "responsible_name"]
    search_backend_name = None
    list_display = [
        TitleColumn("title", label=_("Activity"), url_name="cooperation_admin:follow_up"),
        Column("agreement", label=_("Agreement")),
        Column("responsible_network", label=_("Responsible network")),
        Column("responsible_name", label=_("Responsible person")),
        "due_date",
        ChoiceTagColumn("status", label=_("Status"), primary_values=set(OPEN_ACTIVITY_STATES)),
        Column("overdue", label=_("Overdue"), accessor=lambda obj: _("Yes") if obj.overdue else _("No")),
    ]
    ordering = ["due_date", "pk"]
    edit_handler = ObjectList(
        [
            FieldPanel("agreement"),
            FieldPanel("title"),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("responsible_name"), FieldPanel("responsible_network")]),
            FieldPanel("due_date"),
        ]
    )


class CooperationGroup(ModelViewSetGroup):
    menu_label = _("Cooperation")
    menu_icon = "group"
    menu_order = 270
    items = (
        DemandViewSet("cooperation_demand", url_prefix="cooperation/demands"),
        OfferViewSet("cooperation_offer", url_prefix="cooperation/offers"),
        AgreementViewSet("cooperation_agreement", url_prefix="cooperation/agreements"),
        ActivityViewSet("cooperation_activity", url_prefix="cooperation/activities"),
    )
