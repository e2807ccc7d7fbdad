"""The secretariat's admin for the value chain (one "Value chain" menu group).

Questionnaires are edited with their sections inline and questions (with options inline) in
their own view; a version that has assessments cannot be edited: the edit view sends the
user to "New version", which deep-copies it. Assessments, suppliers, action items and
referrals are read (inspect) and reviewed here, never edited: companies fill them in the portal.
"""

import django_filters

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.admin.widgets import ListingButton

from network_site.lifecycle import save_with_transition
from network_site.spreadsheet_views import FormulaSafeIndexView
from network_site.viewsets import (
    CalendarDateColumn,
    ChoiceTagColumn,
    RecordIndexView,
    RecordInspectView,
    RecordViewSet,
)

from . import admin_views
from .admin_forms import QuestionAdminForm
from .models import (
    ActionItem,
    ActionStatus,
    Assessment,
    AssessmentRound,
    AssessmentStatus,
    Question,
    Questionnaire,
    QuestionnaireStatus,
    Referral,
    ReferralStatus,
    RiskRegion,
    RiskSector,
    RoundState,
    Supplier,
)

# --- Listings and inspect pages shared by the viewsets below --------------------------------


class RowTitleColumn(TitleColumn, CalendarDateColumn):
    """The first column of a row: a link to the record, with the row's buttons (dates as dates)."""


class TitledIndexMixin:
    """The first column, even when declared as a `Column`, links each row to its edit view (where
    the record can be edited here) or its inspect view, and carries the row's buttons."""

    @cached_property
    def columns(self):
        columns = list(super().columns)
        first = columns[0] if columns else None
        if first is not None and not isinstance(first, TitleColumn):
            column_class = self._get_title_column_class(RowTitleColumn)
            columns[0] = column_class(
                first.name,
                label=first.label,
                accessor=first.accessor,
                classname=first.classname,
                sort_key=first.sort_key,
                width=first.width,
                get_url=lambda instance: self.get_edit_url(instance) or self.get_inspect_url(instance),
            )
        return columns


class TitledIndexView(TitledIndexMixin, RecordIndexView):
    pass


class EmptyAsDashInspectView(RecordInspectView):
    """An empty field (no assessment, not verified yet) reads "—", never "None"."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None or value == "" else value


# --- Questionnaires --------------------------------------------------------------------------


class LockedEditMixin:
    """A locked version cannot be edited: say so and offer a new version instead."""

    def get_questionnaire(self):
        return self.object if isinstance(self.object, Questionnaire) else self.object.get_questionnaire()

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        questionnaire = self.get_questionnaire()
        if questionnaire is not None and questionnaire.is_locked:
            messages.error(
                request,
                _("%(q)s already has answers and cannot change. Create a new version to edit it.")
                % {"q": questionnaire},
            )
            return redirect("supplychain_questionnaires:new_version", questionnaire.pk)
        return super().dispatch(request, *args, **kwargs)


class QuestionnaireEditView(LockedEditMixin, generic.EditView):
    """A new status goes through the version's lifecycle (checked, one history entry)."""

    def save_instance(self):
        return save_with_transition(self.form, super().save_instance, user=self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            form.add_error("status", exc)
            self.produced_error_code, self.produced_error_message = "validation_error", self.get_error_message()
            return self.form_invalid(form)


class QuestionnaireDeleteView(LockedEditMixin, generic.DeleteView):
    pass


class QuestionnaireIndexView(RecordIndexView):
    def row_buttons(self, instance):
        buttons = [(_("New version"), "supplychain_questionnaires:new_version", "copy", 20)]
        if instance.status == QuestionnaireStatus.DRAFT:
            buttons.append((_("Publish"), "supplychain_questionnaires:publish", "upload", 25))
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingButton(
                _("Questions"),
                url=reverse("supplychain_questions:index") + f"?section__questionnaire={instance.pk}",
                icon_name="list-ul",
                priority=15,
            )
        )
        return buttons


class QuestionnaireViewSet(RecordViewSet):
    model = Questionnaire
    icon = "form"
    menu_label = _("Questionnaires")
    menu_order = 100
    index_view_class = QuestionnaireIndexView
    edit_view_class = QuestionnaireEditView
    delete_view_class = QuestionnaireDeleteView
    search_backend_name = None
    search_fields = ["name", "code"]
    list_filter = ["status", "code"]
    list_display = [
        "name",
        Column("version", label=_("version"), sort_key="version"),
        ChoiceTagColumn("status", primary_values={QuestionnaireStatus.PUBLISHED}, label=_("status")),
        DateColumn("published_at", label=_("published at"), sort_key="published_at"),
    ]
    inspect_view_fields = [
        "code",
        "name",
        "version",
        "status",
        "published_at",
        "based_on",
        "description_es",
        "description_en",
    ]
    panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("code"), FieldPanel("version")]), FieldPanel("name"), FieldPanel("status")],
            heading=_("Version"),
        ),
        FieldRowPanel([FieldPanel("description_es"), FieldPanel("description_en")]),
        InlinePanel(
            "sections",
            heading=_("Sections"),
            label=_("Section"),
            panels=[
                FieldRowPanel([FieldPanel("order"), FieldPanel("key")]),
                FieldRowPanel([FieldPanel("title_es"), FieldPanel("title_en")]),
                FieldRowPanel([FieldPanel("intro_es"), FieldPanel("intro_en")]),
                FieldRowPanel([FieldPanel("recommendation_es"), FieldPanel("recommendation_en")]),
            ],
        ),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/new-version/", admin_views.NewVersionView.as_view(), name="new_version"),
            path("<int:pk>/publish/", admin_views.PublishView.as_view(), name="publish"),
        ]


class QuestionEditView(LockedEditMixin, generic.EditView):
    pass


class QuestionDeleteView(LockedEditMixin, generic.DeleteView):
    pass


class QuestionCreateView(generic.CreateView):
    def form_valid(self, form):
        questionnaire = form.cleaned_data["section"].questionnaire
        if questionnaire.is_locked:
            form.add_error("section", _("This version already has answers; create a new version to add questions."))
            return self.form_invalid(form)
        return super().form_valid(form)


class QuestionViewSet(RecordViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    menu_order = 110
    edit_view_class = QuestionEditView
    delete_view_class = QuestionDeleteView
    add_view_class = QuestionCreateView
    search_backend_name = None
    search_fields = ["key", "text_es", "text_en"]
    list_filter = ["section__questionnaire", "kind"]
    list_per_page = 100
    list_display = [
        "key",
        Column("section", label=_("section")),
        Column("kind", accessor="get_kind_display", label=_("kind")),
        Column("weight", label=_("weight")),
        Column("text", label=_("question")),
    ]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("section"), FieldPanel("order"), FieldPanel("key")]),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("weight")]),
            FieldRowPanel([FieldPanel("text_es"), FieldPanel("text_en")]),
            FieldRowPanel([FieldPanel("help_es"), FieldPanel("help_en")]),
            FieldPanel("required_sizes"),
            FieldRowPanel([FieldPanel("condition_option"), FieldPanel("risk_if_below")]),
            FieldRowPanel([FieldPanel("min_value"), FieldPanel("max_value")]),
            FieldRowPanel([FieldPanel("action_es"), FieldPanel("action_en")]),
            FieldRowPanel([FieldPanel("verification_es"), FieldPanel("verification_en")]),
            InlinePanel(
                "options",
                heading=_("Options"),
                label=_("Option"),
                panels=[
                    FieldRowPanel(
                        [FieldPanel("order"), FieldPanel("key"), FieldPanel("score"), FieldPanel("signals_risk")]
                    ),
                    FieldRowPanel([FieldPanel("label_es"), FieldPanel("label_en")]),
                ],
            ),
        ],
        base_form_class=QuestionAdminForm,
    )


# --- Read-only records (filled by the companies in the portal) -----------------------------


class ReadOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        messages.info(request, _("Companies fill this in the member portal; here it can be read and reviewed."))
        return redirect(self.index_url_name)


class PortalRecordAddView(ReadOnlyMixin, generic.CreateView):
    pass


class PortalRecordEditView(ReadOnlyMixin, generic.EditView):
    pass


class PortalRecordViewSet(RecordViewSet):
    """Records the companies fill in the portal: read and reviewed here, never added or edited.

    Their listing and inspect pages offer no "Add" or "Edit" (each row links to its inspect view);
    the add and edit URLs only send the user back to the listing, saying why.
    """

    add_view_class = PortalRecordAddView
    edit_view_class = PortalRecordEditView
    index_view_class = TitledIndexView
    inspect_view_class = EmptyAsDashInspectView
    search_backend_name = None

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_url_name=None, edit_url_name=None, **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(edit_url_name=None, **kwargs)


class AssessmentInspectView(EmptyAsDashInspectView):
    template_name = "supplychain/admin/assessment_inspect.html"

    def get_context_data(self, **kwargs):
        assessment = self.object
        sections, answers = assessment.load_structure()
        blocks = [
            (section, [(q, answers.get(q.pk)) for q in section.questions.all() if assessment.visible(q, answers)])
            for section in sections
        ]
        return super().get_context_data(
            blocks=blocks,
            section_scores=assessment.section_scores.select_related("section"),
            action_items=ActionItem.objects.filter(assessment=assessment),
            **kwargs,
        )

    def header_buttons_for_object(self):
        buttons = []
        if self.object.status == AssessmentStatus.SUBMITTED and self.user_has_permission("change"):
            buttons.append((_("Review or return"), "supplychain_assessments:review", "tasks", 5))
        if self.object.is_scored:
            buttons.append((_("PDF report"), "supplychain_assessments:pdf", "doc-full", 6))
        return buttons


class AssessmentIndexView(TitledIndexMixin, FormulaSafeIndexView):
    pass


class AssessmentViewSet(PortalRecordViewSet):
    model = Assessment
    icon = "clipboard-list"
    menu_label = _("Self-assessments")
    menu_order = 120
    inspect_view_class = AssessmentInspectView
    search_fields = ["organization__name"]
    list_filter = ["year", "status", "maturity", "questionnaire", "organization__sector"]
    list_display = [
        Column("organization", label=_("organisation")),
        Column("year", label=_("year"), sort_key="year"),
        ChoiceTagColumn("status", primary_values={AssessmentStatus.SUBMITTED}, label=_("status")),
        Column("overall_score", label=_("overall score"), sort_key="overall_score"),
        Column("maturity", accessor="get_maturity_display", label=_("maturity level")),
    ]
    list_export = ["organization", "year", "status", "overall_score", "maturity", "submitted_at", "reviewed_at"]
    index_view_class = AssessmentIndexView
    form_fields = ["review_comment"]

    def get_queryset(self, request):
        return Assessment.objects.select_related("organization", "questionnaire")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/review/", admin_views.ReviewAssessmentView.as_view(), name="review"),
            path("<int:pk>/report.pdf", admin_views.AssessmentPdfAdminView.as_view(), name="pdf"),
        ]


class SupplierViewSet(RecordViewSet):
    model = Supplier
    icon = "site"
    menu_label = _("Suppliers")
    menu_order = 130
    search_backend_name = None
    search_fields = ["name", "organization__name", "products"]
    list_filter = ["tier", "sector", "region", "risk_override"]
    list_display = [
        "name",
        Column("organization", label=_("organisation")),
        Column("tier", accessor="get_tier_display", label=_("tier")),
        Column("sector", label=_("sector")),
        Column("region", label=_("region or country")),
        Column("risk_level", accessor="get_risk_level_display", label=_("risk level")),
        DateColumn("last_assessed", label=_("last assessed"), sort_key="last_assessed"),
    ]
    form_fields = [
        "organization",
        "name",
        "tier",
        "sector",
        "region",
        "products",
        "workers",
        "risk_override",
        "risk_override_reason",
        "last_assessed",
    ]

    def get_queryset(self, request):
        return Supplier.objects.select_related("organization", "sector", "region")


class RiskTableViewSet(RecordViewSet):
    """One of the secretariat's risk tables: named rows, each with a risk level and notes."""

    inspect_view_enabled = False
    icon = "warning"
    search_backend_name = None
    names = []  # the columns that name a row

    @cached_property
    def search_fields(self):
        return self.names

    @cached_property
    def list_display(self):
        return [*self.names, Column("risk", accessor="get_risk_display", label=_("risk level"))]

    @cached_property
    def form_fields(self):
        return [*self.names, "risk", "notes"]


class RiskSectorViewSet(RiskTableViewSet):
    model = RiskSector
    menu_label = _("Sector risk table")
    menu_order = 150
    names = ["name_es", "name_en"]
    list_filter = ["risk"]


class RiskRegionViewSet(RiskTableViewSet):
    model = RiskRegion
    menu_label = _("Region risk table")
    menu_order = 160
    names = ["name", "country"]
    list_filter = ["risk", "country"]


class ActionItemFilterSet(WagtailFilterSet):
    """The secretariat's follow-up list: by state, organisation, and overdue or not."""

    overdue = django_filters.BooleanFilter(label=_("overdue"), method="filter_overdue", widget=forms.NullBooleanSelect)

    class Meta:
        model = ActionItem
        fields = ["status", "organization"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(due_date__lt=timezone.localdate()) & ~Q(status__in=[ActionStatus.DONE, ActionStatus.VERIFIED])
        return queryset.filter(late) if value else queryset.exclude(late)


class ActionItemInspectView(EmptyAsDashInspectView):
    """An item with its evidence, who verified it and when, its history; verify or send back."""

    template_name = "supplychain/admin/action_inspect.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(history=self.object.history(), **kwargs)

    def header_buttons_for_object(self):
        buttons = []
        if self.object.status == ActionStatus.DONE and self.user_has_permission("change"):
            buttons.append((_("Verify"), "supplychain_actions:verify", "tick", 5))
            buttons.append((_("Send back"), "supplychain_actions:send_back", "undo", 6))
        return buttons


class ActionItemIndexView(TitledIndexView):
    def row_buttons(self, instance):
        if instance.status == ActionStatus.DONE:
            return [(_("Verify"), "supplychain_actions:verify", "tick", 20)]
        return []


class ActionItemViewSet(PortalRecordViewSet):
    """The secretariat's follow-up list of action items (filters, search, pages of 50)."""

    model = ActionItem
    icon = "tasks"
    menu_label = _("Action plans")
    menu_order = 140
    index_view_class = ActionItemIndexView
    inspect_view_class = ActionItemInspectView
    filterset_class = ActionItemFilterSet
    search_fields = ["action", "finding", "owner", "organization__name"]
    list_per_page = 50
    list_display = [
        Column("action", label=_("action")),
        Column("organization", label=_("organisation")),
        DateColumn("due_date", label=_("due date"), sort_key="due_date"),
        BooleanColumn("is_overdue", label=_("overdue")),
        ChoiceTagColumn("status", primary_values={ActionStatus.VERIFIED}, label=_("status")),
        BooleanColumn("evidence", label=_("evidence"), accessor=lambda item: bool(item.evidence)),
        Column("verified_by", label=_("verified by")),
        DateColumn("verified_at", label=_("verified at"), sort_key="verified_at"),
    ]
    inspect_view_fields = [
        "organization",
        "assessment",
        "finding",
        "action",
        "owner",
        "due_date",
        "verification",
        "status",
        "completed_at",
        "evidence_note",
        "verified_by",
        "verified_at",
    ]
    form_fields = ["status"]

    def get_queryset(self, request):
        return ActionItem.objects.select_related("organization", "verified_by")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/verify/", admin_views.VerifyActionView.as_view(), name="verify"),
            path("<int:pk>/send-back/", admin_views.SendBackActionView.as_view(), name="send_back"),
            path("<int:pk>/evidence/", admin_views.ActionEvidenceAdminView.as_view(), name="evidence"),
        ]


# --- The calendar: each year's round --------------------------------------------------------


class AssessmentRoundInspectView(EmptyAsDashInspectView):
    """A round with how many filed, and (after the deadline) the overdue organisations."""

    template_name = "supplychain/admin/round_inspect.html"

    def get_context_data(self, **kwargs):
        assessment_round = self.object
        today = timezone.localdate()
        pending = assessment_round.pending_organizations().order_by("name")
        return super().get_context_data(
            state=assessment_round.state(today),
            closed=assessment_round.state(today) == RoundState.CLOSED,
            filed=Assessment.objects.filter(
                year=assessment_round.year, status__in=[AssessmentStatus.SUBMITTED, AssessmentStatus.REVIEWED]
            ).count(),
            pending=list(pending.only("pk", "name")[:200]),
            pending_count=pending.count(),
            assessments_url=reverse("supplychain_assessments:index") + f"?year={assessment_round.year}",
            **kwargs,
        )


class AssessmentRoundViewSet(RecordViewSet):
    """The calendar the secretariat sets: each year's window, deadline and questionnaire version."""

    model = AssessmentRound
    icon = "date"
    menu_label = _("Self-assessment calendar")
    menu_order = 115
    index_view_class = TitledIndexView
    inspect_view_class = AssessmentRoundInspectView
    search_backend_name = None
    search_fields = ["year"]
    list_display = [
        Column("year", label=_("year"), sort_key="year"),
        DateColumn("opens_on", label=_("opens on"), sort_key="opens_on"),
        DateColumn("closes_on", label=_("deadline"), sort_key="closes_on"),
        Column("state", accessor="get_state_display", label=_("state")),
        Column("questionnaire", label=_("questionnaire version")),
    ]
    form_fields = ["year", "opens_on", "closes_on", "questionnaire", "notes"]
    inspect_view_fields = ["year", "opens_on", "closes_on", "notes"]

    def get_queryset(self, request):
        return AssessmentRound.objects.select_related("questionnaire")


class ReferralFilterSet(WagtailFilterSet):
    late = django_filters.BooleanFilter(
        label=_("late in its current step"), method="filter_late", widget=forms.NullBooleanSelect
    )

    class Meta:
        model = Referral
        fields = ["status", "authority", "hazardous", "region"]

    def filter_late(self, queryset, name, value):
        if value is None:
            return queryset
        late = [r.pk for r in queryset.model.objects.late()]
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)


class ReferralViewSet(PortalRecordViewSet):
    model = Referral
    icon = "warning"
    menu_label = _("Referrals")
    menu_order = 145
    search_fields = ["organization__name", "activity"]
    filterset_class = ReferralFilterSet
    list_display = [
        DateColumn("detected_on", label=_("date detected"), sort_key="detected_on"),
        Column("organization", label=_("organisation")),
        Column("region", label=_("region")),
        Column("total_children", label=_("children and adolescents")),
        Column("authority", accessor="get_authority_display", label=_("referred to")),
        ChoiceTagColumn("status", primary_values={ReferralStatus.CLOSED}, label=_("step")),
        BooleanColumn("is_late", label=_("late step")),
    ]
    inspect_view_fields_exclude = ["created_by"]
    form_fields = ["status"]

    def get_queryset(self, request):
        return Referral.objects.select_related("organization", "region", "supplier")


class ValueChainViewSetGroup(ModelViewSetGroup):
    menu_label = _("Value chain")
    menu_icon = "site"
    menu_order = 320
    items = (
        QuestionnaireViewSet("supplychain_questionnaires"),
        AssessmentRoundViewSet("supplychain_rounds"),
        QuestionViewSet("supplychain_questions"),
        AssessmentViewSet("supplychain_assessments"),
        SupplierViewSet("supplychain_suppliers"),
        ActionItemViewSet("supplychain_actions"),
        ReferralViewSet("supplychain_referrals"),
        RiskSectorViewSet("supplychain_risk_sectors"),
        RiskRegionViewSet("supplychain_risk_regions"),
    )
