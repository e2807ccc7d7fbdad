"""The admin of good practices: a network's secretariat proposes, regional staff review.

One ``ModelViewSet`` (registered in ``wagtail_hooks.py``): the listing (filters by status, country,
thematic area, acceleration factor and language; the admin's scope shows only the staff's
networks), add and edit (the secretariat edits while a practice is proposed or returned; regional
staff always), inspect with the contact person and the review buttons, and one view of its own,
``practices:review`` (``<pk>/review/<action>/``), that makes a declared move of the lifecycle with
an optional comment (required to return). ``transition_to`` checks who may make it.
"""

import django_filters

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton

from commitments.models import AccelerationFactor
from network_site.models import Network
from network_site.spreadsheet_views import FormulaSafeIndexView
from network_site.viewsets import ChoiceTagColumn, RecordInspectView, RecordViewSet

from .models import GoodPractice, PracticeLanguage, PracticeStatus
from .permissions import is_regional

#: The review buttons: (transition name, label, icon), in the order they are shown.
ACTIONS = (
    ("review", gettext_lazy("Start review"), "view"),
    ("publish", gettext_lazy("Publish"), "check"),
    ("return", gettext_lazy("Return with a comment"), "undo"),
    ("propose", gettext_lazy("Propose again"), "redirect"),
    ("withdraw", gettext_lazy("Withdraw"), "cross"),
)
ACTION_NAMES = {name for name, _label, _icon in ACTIONS}


def _networks(request):
    return Network.objects.only("pk", "short_name")


class GoodPracticeFilterSet(WagtailFilterSet):
    network = django_filters.ModelChoiceFilter(label=gettext_lazy("Country"), queryset=_networks)
    factor = django_filters.ChoiceFilter(
        label=gettext_lazy("Acceleration factor"), choices=AccelerationFactor.choices, method="filter_factor"
    )
    language = django_filters.ChoiceFilter(
        label=gettext_lazy("Language"), choices=PracticeLanguage.choices, method="filter_language"
    )

    class Meta:
        model = GoodPractice
        fields = ["status", "network", "thematic_area"]

    def filter_factor(self, queryset, name, value):
        return queryset.with_factor(value)

    def filter_language(self, queryset, name, value):
        return queryset.in_language(value)


class PracticeIndexView(FormulaSafeIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("network", "organization")


def _labels(values):
    return ", ".join(values) or "—"


class PracticeInspectView(RecordInspectView):
    template_name = "practices/admin/inspect.html"

    def get_acceleration_factors_display_value(self):
        return _labels(self.object.acceleration_factor_labels)

    def get_languages_display_value(self):
        return _labels(self.object.language_labels)

    def get_documents_display_value(self):
        items = [(item.document.url, item.document.title) for item in self.object.documents.select_related("document")]
        return format_html_join(", ", '<a href="{}">{}</a>', items) if items else "—"

    def get_photos_display_value(self):
        return _labels([item.caption or item.image.title for item in self.object.photos.select_related("image")])

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        available = set(self.object.available_transitions(self.request.user))
        for priority, (name, label, icon) in enumerate(ACTIONS, start=100):
            target = self.object.lifecycle.target_named(name)
            transition = self.object.lifecycle.find(self.object.state, target, name)
            if transition is not None and target in available:
                buttons.append(
                    HeaderButton(
                        label,
                        url=reverse("practices:review", args=[self.object.pk, name]),
                        icon_name=icon,
                        priority=priority,
                    )
                )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = self.object.history()[:50]
        return context


class PracticeCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.proposed_by = self.request.user
        instance = super().save_instance()
        transaction.on_commit(instance.notify_reviewers)
        return instance


class PracticeEditView(generic.EditView):
    """A published or withdrawn practice is changed by regional staff only (its text was reviewed)."""

    def get_object(self, queryset=None):
        practice = super().get_object(queryset)
        if not practice.is_editable_by_proposer and not is_regional(self.request.user):
            raise PermissionDenied(_("Only the regional team changes a published or withdrawn practice."))
        return practice


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Sent to the proposer by e-mail and kept in the history."),
    )


class ReviewView(WagtailAdminTemplateMixin, FormView):
    """Confirm one declared move of a practice (``action``: a transition's name) with a comment."""

    template_name = "practices/admin/review.html"
    form_class = ReviewForm
    header_icon = "check"

    def dispatch(self, request, pk, action):
        if action not in ACTION_NAMES:
            raise PermissionDenied
        # The admin's scope: another network's practice answers 404.
        self.object = get_object_or_404(GoodPractice.objects.select_related("network", "organization"), pk=pk)
        self.action = action
        self.target = GoodPractice.lifecycle.target_named(action)
        if not self.object.can_transition_to(self.target, request.user):
            raise PermissionDenied(_("You may not make this change."))
        return super().dispatch(request, pk=pk, action=action)

    def get_page_title(self):
        return {name: label for name, label, _icon in ACTIONS}[self.action]

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            action=self.action,
            comment_required=self.action == "return",
            inspect_url=reverse("practices:inspect", args=[self.object.pk]),
        )
        return context

    def form_valid(self, form):
        try:
            self.object.transition_to(
                self.target, user=self.request.user, comment=form.cleaned_data["comment"], name=self.action
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("comment", message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("“%(title)s” is now “%(status)s”.")
            % {"title": self.object.title, "status": self.object.get_status_display()},
        )
        return redirect("practices:inspect", self.object.pk)


class GoodPracticeViewSet(RecordViewSet):
    model = GoodPractice
    icon = "pick"
    menu_label = gettext_lazy("Good practices")
    menu_order = 260
    add_to_admin_menu = True
    name = "practices"
    index_view_class = PracticeIndexView
    inspect_view_class = PracticeInspectView
    add_view_class = PracticeCreateView
    edit_view_class = PracticeEditView
    filterset_class = GoodPracticeFilterSet
    search_fields = ["title", "summary", "results", "organization__name"]
    list_display = [
        "title",
        Column("network", label=gettext_lazy("Country"), accessor="network.short_name"),
        Column("organization", label=gettext_lazy("Organisation"), accessor="organization"),
        ChoiceTagColumn(
            "status",
            primary_values={PracticeStatus.PUBLISHED},
            label=gettext_lazy("Status"),
            sort_key="status",
        ),
        "year",
        "created_at",
    ]
    list_export = ["title", "network", "organization", "status", "thematic_area", "year", "created_at"]
    inspect_view_fields = [
        "title",
        "network",
        "organization",
        "status",
        "thematic_area",
        "acceleration_factors",
        "year",
        "languages",
        "summary",
        "results",
        "contact_name",
        "contact_email",
        "contact_phone",
        "documents",
        "photos",
        "proposed_by",
        "created_at",
        "reviewed_by",
        "review_comment",
        "published_at",
    ]
    add_to_reference_index = False

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/review/<slug:action>/", ReviewView.as_view(), name="review"),
        ]
