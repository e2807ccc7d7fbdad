"""The secretariat's admin for the members app: organisations, people and applications.

Registered in `wagtail_hooks.py` as one "Network" menu group.
"""

import django_filters

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup

from members import admin_views
from members.forms import ApplicationForm
from members.models import Application, ApplicationStatus, MembershipStatus, Organization, Person
from network_site.spreadsheet_views import FormulaSafeIndexView
from network_site.viewsets import (
    CalendarDateColumn,
    ChoiceTagColumn,
    RecordIndexView,
    RecordInspectView,
    RecordViewSet,
    YesNoColumn,
)

STATUS_TAG_PRIMARY = {MembershipStatus.ACTIVE, ApplicationStatus.APPROVED}


# --- Organisations ---------------------------------------------------------------------------


class OrganizationFilterSet(WagtailFilterSet):
    """The organisations' filters; a membership status lists members only (never a partner)."""

    membership_status = django_filters.ChoiceFilter(
        label=_("membership status"), choices=MembershipStatus.choices, method="filter_membership"
    )

    class Meta:
        model = Organization
        fields = ["membership_status", "sector", "kind", "is_partner"]

    def filter_membership(self, queryset, name, value):
        return queryset.with_membership(value)


def membership_label(organization):
    """ "Partner institution" for a partner (it has no membership), the membership status otherwise."""
    return _("Partner institution") if organization.is_partner else organization.get_membership_status_display()


class OrganizationIndexView(FormulaSafeIndexView):
    template_name = "members/admin/organization_index.html"

    @cached_property
    def columns(self):
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="organization"), *super().columns]

    def _get_title_column(self, field_name, *args, **kwargs):
        # The bulk-action checkboxes are described by the title's id, for screen readers.
        kwargs.setdefault("get_title_id", lambda instance: f"organization_{instance.pk}_title")
        return super()._get_title_column(field_name, *args, **kwargs)


class OrganizationInspectView(RecordInspectView):
    template_name = "members/admin/organization_inspect.html"

    def get_membership_status_display_value(self):
        return membership_label(self.object)

    def get_context_data(self, **kwargs):
        organization = self.object
        return super().get_context_data(
            history=organization.history(),
            people=organization.people.all(),
            portal_accounts=organization.portal_accounts.select_related("user", "person"),
            applications=organization.applications.all(),
            change_status_url=(
                None
                if organization.is_partner
                else reverse("members_organizations:change_status", args=[organization.pk])
            ),
            public_url=organization.get_absolute_url() if organization.is_active_member else "",
            **kwargs,
        )

    def header_buttons_for_object(self):
        if self.object.is_partner or not self.user_has_permission("change"):
            return []
        return [(_("Change membership status"), "members_organizations:change_status", "tasks", 5)]


class OrganizationViewSet(RecordViewSet):
    model = Organization
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 100
    index_view_class = OrganizationIndexView
    inspect_view_class = OrganizationInspectView
    list_per_page = 50
    search_backend_name = None
    search_fields = ["name", "short_name", "slug", "tax_id", "region"]
    filterset_class = OrganizationFilterSet
    list_display = [
        "name",
        "short_name",
        Column("sector", accessor="get_sector_display", label=_("sector"), sort_key="sector"),
        Column("kind", accessor="get_kind_display", label=_("kind"), sort_key="kind"),
        StatusTagColumn(
            "membership_status",
            accessor=membership_label,
            primary=lambda organization: organization.is_active_member,
            label=_("membership status"),
            sort_key="membership_status",
        ),
        CalendarDateColumn("date_joined", label=_("member since"), sort_key="date_joined"),
    ]
    list_export = ["slug", "name", "short_name", "kind", "sector", "membership_status", "date_joined", "is_partner"]
    inspect_view_fields = [
        "name",
        "short_name",
        "slug",
        "kind",
        "sector",
        "size",
        "scope",
        "region",
        "website",
        "logo",
        "description",
        "tax_id",
        "is_partner",
        "membership_status",
        "date_joined",
    ]
    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldRowPanel([FieldPanel("short_name"), FieldPanel("slug")])],
            heading=_("Name"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("sector")]),
                FieldRowPanel([FieldPanel("size"), FieldPanel("scope")]),
                FieldPanel("region"),
                FieldPanel("is_partner"),
                FieldPanel("date_joined"),
            ],
            heading=_("Profile"),
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("logo"), FieldPanel("description")], heading=_("Public profile")
        ),
        FieldPanel("tax_id"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("change-status/<int:pk>/", admin_views.ChangeStatusView.as_view(), name="change_status"),
        ]


# --- People ------------------------------------------------------------------------------------


class PersonViewSet(RecordViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    menu_order = 200
    list_per_page = 50
    search_backend_name = None
    search_fields = ["name", "email", "position", "organization__name"]
    list_filter = ["is_focal_point", "organization__sector", "organization__membership_status"]
    list_display = [
        "name",
        "organization",
        "position",
        "email",
        YesNoColumn("is_focal_point", label=_("focal point"), sort_key="is_focal_point"),
    ]
    list_export = ["email", "name", "organization", "position", "phone", "is_focal_point", "languages"]
    index_view_class = FormulaSafeIndexView
    form_fields = ["organization", "name", "position", "email", "phone", "is_focal_point", "languages"]

    def get_queryset(self, request):
        return Person.objects.select_related("organization")


# --- Applications ------------------------------------------------------------------------------


def _decision_buttons(view, application, priorities):
    """Approve and Reject, while the application is pending and the user may change it."""
    if not application.is_pending or not view.user_has_permission("change"):
        return []
    approve, reject = priorities
    return [
        (_("Approve"), "members_applications:approve", "check", approve),
        (_("Reject"), "members_applications:reject", "cross", reject),
    ]


class ApplicationIndexView(RecordIndexView):
    def row_buttons(self, instance):
        return _decision_buttons(self, instance, priorities=(1000, 1000))  # Wagtail's default order


class ApplicationInspectView(RecordInspectView):
    def header_buttons_for_object(self):
        return _decision_buttons(self, self.object, priorities=(1, 2))


class ApplicationViewSet(RecordViewSet):
    model = Application
    icon = "form"
    menu_label = _("Applications")
    menu_order = 50
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    search_backend_name = None
    search_fields = ["name", "contact_name", "contact_email"]
    list_filter = ["status", "sector", "kind"]
    list_display = [
        "name",
        "contact_name",
        Column("sector", accessor="get_sector_display", label=_("sector"), sort_key="sector"),
        ChoiceTagColumn("status", primary_values=STATUS_TAG_PRIMARY, label=_("status"), sort_key="status"),
        CalendarDateColumn("created_at", label=_("received at"), sort_key="created_at"),
    ]
    #: What the applicant gave: the public form's fields and the language the form was filled in.
    form_fields = [*ApplicationForm.Meta.fields, "language"]
    inspect_view_fields = [
        "status",
        *form_fields,
        "created_at",
        "decision_reason",
        "decided_by",
        "decided_at",
        "organization",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("approve/<int:pk>/", admin_views.ApproveApplicationView.as_view(), name="approve"),
            path("reject/<int:pk>/", admin_views.RejectApplicationView.as_view(), name="reject"),
        ]


class NetworkViewSetGroup(ModelViewSetGroup):
    menu_label = _("Network")
    menu_icon = "group"
    menu_order = 150
    items = (
        ApplicationViewSet("members_applications", url_prefix="network/applications"),
        OrganizationViewSet("members_organizations", url_prefix="network/organizations"),
        PersonViewSet("members_people", url_prefix="network/people"),
    )
