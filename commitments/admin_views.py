"""The secretariat's review of commitments and progress reports (Wagtail admin).

Built from Wagtail's own blocks: the two review queues and the compliance list are
``ReportView``s with a ``WagtailFilterSet`` (filters, pagination, CSV/XLSX exports), approving
and returning several items at once are ``BulkAction``s, and every view checks its model's
permission through Wagtail's permission policy. The status changes themselves go through
the models' lifecycle (``transition_to`` the target of the transition named "approve" or
"return"): it checks the move and who may make it, records it and sends the e-mails.
Registered in ``wagtail_hooks.py`` (``urlpatterns``, ``menu_item()``, ``BULK_ACTIONS``).
"""

import django_filters

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic import PermissionCheckedMixin
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import policy_registry

from members.models import Organization
from network_site.spreadsheets import FormulaSafeExportMixin
from network_site.uploads import private_file_response
from network_site.viewsets import ChoiceTagColumn

from .forms import ReturnCommentForm, ReviewCommentForm
from .models import (
    Commitment,
    CommitmentStatus,
    Compliance,
    Evidence,
    PledgeSignature,
    ProgressReport,
    ReportStatus,
    ThematicArea,
    with_compliance,
)
from .portal_views import certificate_response

#: The review item URL names an object by kind.
KINDS = {"commitment": Commitment, "report": ProgressReport}
SUBMITTED = CommitmentStatus.SUBMITTED  # the same value for reports (ReportStatus.SUBMITTED)


# --- Filters -------------------------------------------------------------------------------


def _members(request):
    return Organization.objects.members().only("pk", "name").order_by("name")


def _filter_status(queryset, name, value):
    return queryset if value == "all" else queryset.filter(status=value)


def _status_filter(choices):
    """Submitted items by default ("all" shows every status)."""
    return django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[("all", gettext_lazy("All")), *choices],
        empty_label=None,
        initial=SUBMITTED,
        method=_filter_status,
        widget=forms.RadioSelect,
    )


class CommitmentReviewFilterSet(WagtailFilterSet):
    organization = django_filters.ModelChoiceFilter(label=gettext_lazy("Organisation"), queryset=_members)
    area = django_filters.ChoiceFilter(
        label=gettext_lazy("Thematic area"), field_name="thematic_area", choices=ThematicArea.choices
    )
    status = _status_filter(CommitmentStatus.choices)

    class Meta:
        model = Commitment
        fields = []


class ReportReviewFilterSet(WagtailFilterSet):
    organization = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Organisation"), field_name="commitment__organization", queryset=_members
    )
    area = django_filters.ChoiceFilter(
        label=gettext_lazy("Thematic area"), field_name="commitment__thematic_area", choices=ThematicArea.choices
    )
    status = _status_filter(ReportStatus.choices)
    period = django_filters.CharFilter(
        label=gettext_lazy("Period"), method="filter_period", widget=forms.TextInput(attrs={"placeholder": "2024-Q1"})
    )

    class Meta:
        model = ProgressReport
        fields = []

    def filter_period(self, queryset, name, value):
        return queryset.filter(period=value.strip().upper())


class ComplianceFilterSet(WagtailFilterSet):
    compliance = django_filters.ChoiceFilter(
        label=gettext_lazy("Reporting status"), choices=Compliance.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = Organization
        fields = []


# --- Lists ---------------------------------------------------------------------------------


def _label(choices):
    labels = dict(choices)
    return lambda value: str(labels.get(value, value))


def _status_column():
    return ChoiceTagColumn("status", primary_values={SUBMITTED}, label=gettext_lazy("Status"), sort_key="status")


class ReviewQueueView(FormulaSafeExportMixin, ReportView):
    """A review queue: submitted items first in, filters, bulk approve/return, exports."""

    template_name = "commitments/admin/review_queue.html"
    kind = ""
    permission_required = "change"
    header_icon = "check"
    default_ordering = ("submitted_at", "pk")
    select_all_text = ""
    other_queue = ("", "")  # (label, URL name) of the other queue, linked in the header

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        data = kwargs["data"].copy()
        data.setdefault("status", SUBMITTED)
        return {**kwargs, "data": data}

    def item_url(self, item):
        return reverse("commitments_review:item", args=[self.kind, item.pk])

    def title_column(self, label, accessor):
        return TitleColumn(
            "title",
            label=label,
            accessor=accessor,
            get_url=self.item_url,
            get_title_id=lambda item: f"{self.kind}_{item.pk}_title",
        )

    @cached_property
    def header_buttons(self):
        label, url_name = self.other_queue
        return [HeaderButton(label, url=reverse(url_name), icon_name="list-ul")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["model_opts"] = self.model._meta
        context["bulk_item_type"] = self.kind.upper()
        context["select_all_text"] = self.select_all_text
        return context


class CommitmentQueueView(ReviewQueueView):
    model = Commitment
    kind = "commitment"
    page_title = gettext_lazy("Commitments to review")
    filterset_class = CommitmentReviewFilterSet
    index_url_name = "commitments_review:queue"
    index_results_url_name = "commitments_review:queue_results"
    select_all_text = gettext_lazy("Select all commitments in listing")
    other_queue = (gettext_lazy("Progress reports to review"), "commitments_review:reports")
    export_filename = "commitments-review"
    list_export = ["reference", "title", "organization.name", "thematic_area", "status", "submitted_at"]
    export_headings = {"organization.name": gettext_lazy("Organisation")}

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organization")

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type=self.kind),
            self.title_column(_("Commitment"), lambda c: f"{c.reference} {c.title}"),
            Column("organization", label=_("Organisation"), accessor="organization.name"),
            Column("thematic_area", label=_("Thematic area"), accessor="get_thematic_area_display"),
            _status_column(),
            DateColumn("submitted_at", label=_("Submitted"), sort_key="submitted_at"),
        ]

    @property
    def custom_field_preprocess(self):
        labels = {"thematic_area": _label(ThematicArea.choices), "status": _label(CommitmentStatus.choices)}
        return {field: {self.FORMAT_CSV: f, self.FORMAT_XLSX: f} for field, f in labels.items()}


class ReportQueueView(ReviewQueueView):
    model = ProgressReport
    kind = "report"
    page_title = gettext_lazy("Progress reports to review")
    filterset_class = ReportReviewFilterSet
    index_url_name = "commitments_review:reports"
    index_results_url_name = "commitments_review:reports_results"
    select_all_text = gettext_lazy("Select all progress reports in listing")
    other_queue = (gettext_lazy("Commitments to review"), "commitments_review:queue")
    export_filename = "progress-reports-review"
    list_export = [
        "commitment.reference",
        "period",
        "commitment.title",
        "commitment.organization.name",
        "value",
        "status",
        "is_late",
        "submitted_at",
    ]
    export_headings = {
        "commitment.reference": gettext_lazy("Reference"),
        "commitment.title": gettext_lazy("Commitment"),
        "commitment.organization.name": gettext_lazy("Organisation"),
    }

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("commitment", "commitment__organization")

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type=self.kind),
            self.title_column(_("Report"), lambda r: f"{r.commitment.reference} {r.period} — {r.commitment.title}"),
            Column("organization", label=_("Organisation"), accessor="commitment.organization.name"),
            Column("value", label=_("Value"), accessor="value"),
            _status_column(),
            Column("is_late", label=_("Late"), accessor=lambda r: _("Yes") if r.is_late else _("No")),
        ]

    @property
    def custom_field_preprocess(self):
        status = _label(ReportStatus.choices)
        late = lambda value: _("Yes") if value else _("No")  # noqa: E731
        return {
            "status": {self.FORMAT_CSV: status, self.FORMAT_XLSX: status},
            "is_late": {self.FORMAT_CSV: late, self.FORMAT_XLSX: late},
        }


class ComplianceView(FormulaSafeExportMixin, ReportView):
    """Every active organisation's reporting status (up to date, in grace, overdue)."""

    model = Organization
    permission_required = "view"
    page_title = gettext_lazy("Reporting compliance")
    header_icon = "time"
    paginate_by = 100
    filterset_class = ComplianceFilterSet
    index_url_name = "commitments_review:compliance"
    index_results_url_name = "commitments_review:compliance_results"
    export_filename = "reporting-compliance"
    list_export = ["name", "compliance"]
    export_headings = {"compliance": gettext_lazy("Reporting status")}

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Commitment)  # who may see commitments sees this list

    def get_base_queryset(self):
        return with_compliance(Organization.objects.active()).order_by("name")

    @cached_property
    def columns(self):
        return [
            Column("name", label=_("Organisation")),
            StatusTagColumn(
                "compliance",
                label=_("Reporting status"),
                accessor=lambda o: Compliance(o.compliance).label,
                primary=lambda o: o.compliance == Compliance.UP_TO_DATE,
            ),
        ]

    @property
    def custom_field_preprocess(self):
        label = _label(Compliance.choices)
        return {"compliance": {self.FORMAT_CSV: label, self.FORMAT_XLSX: label}}


# --- Bulk approve and return ---------------------------------------------------------------


class ReviewBulkAction(BulkAction):
    """Approve or return the selected submitted items, with one comment, each change recorded."""

    models = [Commitment, ProgressReport]
    form_class = ReviewCommentForm
    template_name = "commitments/admin/confirm_bulk_review.html"
    #: The name of the declared transition (``network_site.lifecycle``): "approve" or "return".
    method = ""

    def check_perm(self, obj):
        return obj.can_transition_to(obj.lifecycle.target_named(self.method), self.request.user)

    def get_all_objects_in_listing_query(self, parent_id):
        return self.model.objects.filter(status=SUBMITTED).values_list("pk", flat=True)

    def get_execution_context(self):
        return {"user": self.request.user, "comment": self.cleaned_form.cleaned_data["comment"]}

    @classmethod
    def execute_action(cls, objects, user=None, comment="", **kwargs):
        changed = 0
        for item in objects:
            try:
                item.transition_to(item.lifecycle.target_named(cls.method), user=user, comment=comment)
            except ValidationError:
                continue  # changed meanwhile (no longer submitted): left as it is
            changed += 1
        return changed, 0

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self.action_type}


class ApproveBulkAction(ReviewBulkAction):
    display_name = gettext_lazy("Approve")
    action_type = "approve"
    aria_label = gettext_lazy("Approve the selected items")
    method = "approve"
    action_priority = 10

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)s item approved.", "%(count)s items approved.", num_parent_objects) % {
            "count": num_parent_objects
        }


class ReturnBulkAction(ReviewBulkAction):
    display_name = gettext_lazy("Return")
    action_type = "return"
    aria_label = gettext_lazy("Return the selected items to their organisations with a comment")
    method = "return"
    form_class = ReturnCommentForm
    action_priority = 20

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)s item returned.", "%(count)s items returned.", num_parent_objects) % {
            "count": num_parent_objects
        }


BULK_ACTIONS = [ApproveBulkAction, ReturnBulkAction]


# --- One item, downloads -------------------------------------------------------------------


class ReviewItemView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """One commitment or report: its content, its history, approve or return with a comment."""

    template_name = "commitments/admin/review_item.html"
    form_class = ReviewCommentForm
    permission_required = "change"
    header_icon = "check"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.kind = kwargs["kind"]
        self.model = KINDS.get(self.kind)
        if self.model is None:
            raise Http404

    @cached_property
    def object(self):
        return get_object_or_404(self.model, pk=self.kwargs["pk"])

    def get_page_title(self):
        return str(self.object)

    def form_valid(self, form):
        action = self.request.POST.get("action")
        target = self.model.lifecycle.target_named(action) if action in ("approve", "return") else None
        try:
            if target is None:
                raise ValidationError(_("Unknown action."))
            self.object.transition_to(target, user=self.request.user, comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            form.add_error("comment", exc.messages)
            return self.form_invalid(form)
        messages.success(self.request, _("Approved.") if action == "approve" else _("Returned with your comment."))
        return redirect("commitments_review:queue" if self.kind == "commitment" else "commitments_review:reports")

    def get_context_data(self, **kwargs):
        obj = self.object
        return super().get_context_data(
            object=obj,
            kind=self.kind,
            history=obj.history()[:30],
            evidence=obj.evidence.all() if self.kind == "report" else [],
            **kwargs,
        )


class EvidenceDownloadView(PermissionCheckedMixin, View):
    model = ProgressReport
    permission_required = "change"

    def get(self, request, pk):
        evidence = get_object_or_404(Evidence, pk=pk)
        return private_file_response(
            evidence.file, content_type=evidence.content_type, filename=evidence.original_name
        )


class CertificateDownloadView(PermissionCheckedMixin, View):
    model = PledgeSignature
    permission_required = "view"

    def get(self, request, pk):
        signature = get_object_or_404(PledgeSignature.objects.select_related("organization", "version"), pk=pk)
        return certificate_response(signature)


# --- Registration (wagtail_hooks.py) -------------------------------------------------------


def _listing_urls(route, view_class, name):
    """A listing's page and the URL of its results alone (which its filters refresh): `name`, `name`_results."""
    return [
        path(route, view_class.as_view(), name=name),
        path(f"{route}results/", view_class.as_view(results_only=True), name=f"{name}_results"),
    ]


_review_urls = [
    *_listing_urls("", CommitmentQueueView, "queue"),
    *_listing_urls("reports/", ReportQueueView, "reports"),
    *_listing_urls("compliance/", ComplianceView, "compliance"),
    path("evidence/<int:pk>/", EvidenceDownloadView.as_view(), name="evidence"),
    path("certificate/<int:pk>/", CertificateDownloadView.as_view(), name="certificate"),
    path("<str:kind>/<int:pk>/", ReviewItemView.as_view(), name="item"),
]
urlpatterns = [path("commitments-review/", include((_review_urls, "commitments_review")))]


class _PermissionMenuItem(MenuItem):
    def __init__(self, *args, model, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.model, self.permission = model, permission

    def is_shown(self, request):
        return policy_registry.get_by_type(self.model).user_has_permission(request.user, self.permission)


#: The "Review" menu's entries: label, URL name, icon, and the model and permission that show it.
_REVIEW_MENU = [
    (gettext_lazy("Commitments to review"), "commitments_review:queue", "tasks", Commitment, "change"),
    (gettext_lazy("Progress reports to review"), "commitments_review:reports", "list-ul", ProgressReport, "change"),
    (gettext_lazy("Reporting compliance"), "commitments_review:compliance", "time", Commitment, "view"),
]


def menu_item():
    """The "Review" menu: both queues and the compliance list, each for who may see it."""
    return SubmenuMenuItem(
        gettext_lazy("Review"),
        Menu(
            items=[
                _PermissionMenuItem(
                    label, reverse(url_name), icon_name=icon, order=10 * n, model=model, permission=permission
                )
                for n, (label, url_name, icon, model, permission) in enumerate(_REVIEW_MENU, start=1)
            ]
        ),
        icon_name="check",
        name="review",
        order=205,
    )
