"""Spreadsheet resources of the meetings app (see network_site.spreadsheets).

- ``attendance``: import and export of attendance records (``import_data attendance FILE``);
  the export is grouped by body in the order of the seed's participant list (steering
  committee, network members, guests, international organisations).
- ``agreements``: the register of agreements, export only (changes of status go through the
  admin, where they are checked and recorded).
"""

from import_export import fields, widgets

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.models import Organization
from network_site.spreadsheets import ChoiceWidget, DateWidget, InvalidCell, SpreadsheetResource, register

from .models import (
    BODY_ORDER,
    Agreement,
    AgreementStatus,
    Attendance,
    AttendanceBody,
    AttendanceRole,
    AttendanceStatus,
    Meeting,
)


class MeetingWidget(widgets.ForeignKeyWidget):
    def __init__(self):
        super().__init__(Meeting, "pk")

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (Meeting.DoesNotExist, ValueError, TypeError):
            raise InvalidCell(_("There is no meeting with id “%(value)s”.") % {"value": value}) from None


class OrganizationWidget(widgets.ForeignKeyWidget):
    """An organisation by its slug (as in the organisations export); empty is allowed."""

    def __init__(self):
        super().__init__(Organization, "slug")

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        try:
            return super().clean(str(value).strip(), row, **kwargs)
        except Organization.DoesNotExist:
            raise InvalidCell(_("There is no organisation with slug “%(value)s”.") % {"value": value}) from None


@register
class AttendanceResource(SpreadsheetResource):
    name = "attendance"
    verbose_name = gettext_lazy("Attendance")
    permission = "meetings.change_attendance"
    required_columns = ("meeting_id", "name", "body", "status")

    meeting = fields.Field(attribute="meeting", column_name="meeting_id", widget=MeetingWidget())
    body = fields.Field(attribute="body", column_name="body", widget=ChoiceWidget(AttendanceBody))
    organization_name = fields.Field(attribute="organization_name", column_name="organization_name")
    person_name = fields.Field(attribute="name", column_name="name")
    role = fields.Field(attribute="role", column_name="role", widget=ChoiceWidget(AttendanceRole))
    status = fields.Field(attribute="status", column_name="status", widget=ChoiceWidget(AttendanceStatus))
    organization = fields.Field(attribute="organization", column_name="organization", widget=OrganizationWidget())
    email = fields.Field(attribute="email", column_name="email")
    notes = fields.Field(attribute="notes", column_name="notes")

    class Meta(SpreadsheetResource.Meta):
        model = Attendance
        fields = (
            "meeting",
            "body",
            "organization_name",
            "person_name",
            "role",
            "status",
            "organization",
            "email",
            "notes",
        )
        export_order = fields
        import_id_fields = ("meeting", "person_name")

    def get_queryset(self):
        queryset = (
            Attendance.objects.select_related("meeting", "organization")
            .annotate(body_order=BODY_ORDER)
            .order_by("meeting__start", "meeting_id", "body_order", "organization_name", "name")
        )
        return self.scope(queryset)

    def scope(self, queryset):
        user = self.user
        if user is None or user.is_staff:
            return queryset
        return queryset.none()

    def before_import_row(self, row, **kwargs):
        for column in ("role",):
            if column in row and (row[column] is None or str(row[column]).strip() == ""):
                row[column] = AttendanceRole.DELEGATE
        for column in ("organization_name", "email", "notes"):
            if column in row and row[column] is None:
                row[column] = ""


@register
class AgreementResource(SpreadsheetResource):
    name = "agreements"
    verbose_name = gettext_lazy("Agreements")
    permission = "meetings.view_agreement"
    required_columns = ("id",)
    export_only = True
    export_only_reason = gettext_lazy(
        "Agreements are exported only; change their status in the admin, where each change is recorded."
    )

    id = fields.Field(attribute="id", column_name="id", widget=widgets.IntegerWidget())
    meeting = fields.Field(attribute="meeting", column_name="meeting_id", widget=MeetingWidget())
    meeting_title = fields.Field(column_name="meeting", readonly=True)
    meeting_date = fields.Field(column_name="meeting_date", readonly=True)
    text = fields.Field(attribute="text", column_name="agreement")
    responsible_organizations = fields.Field(
        attribute="responsible_organizations",
        column_name="responsible_organizations",
        widget=widgets.ManyToManyWidget(Organization, separator=",", field="slug"),
    )
    responsible_people = fields.Field(column_name="responsible_people", readonly=True)
    due_date = fields.Field(attribute="due_date", column_name="due_date", widget=DateWidget("%Y-%m-%d"))
    status = fields.Field(attribute="status", column_name="status", widget=ChoiceWidget(AgreementStatus))
    overdue = fields.Field(column_name="overdue", readonly=True)
    dropped_reason = fields.Field(attribute="dropped_reason", column_name="dropped_reason")

    class Meta(SpreadsheetResource.Meta):
        model = Agreement
        fields = (
            "id",
            "meeting",
            "meeting_title",
            "meeting_date",
            "text",
            "responsible_organizations",
            "responsible_people",
            "due_date",
            "status",
            "overdue",
            "dropped_reason",
        )
        export_order = fields
        import_id_fields = ("id",)

    def get_queryset(self):
        queryset = (
            Agreement.objects.select_related("meeting")
            .prefetch_related("responsible_organizations", "responsible_people")
            .order_by("meeting__start", "pk")
        )
        return self.scope(queryset)

    def scope(self, queryset):
        user = self.user
        if user is None or user.is_staff:
            return queryset
        account = getattr(user, "portal_account", None)
        if account is None:
            return queryset.none()
        return queryset.filter(Q(pk__in=Agreement.objects.for_user(user).values("pk")))

    def dehydrate_meeting_title(self, agreement):
        return agreement.meeting.title

    def dehydrate_meeting_date(self, agreement):
        return agreement.meeting.local_start.date()

    def dehydrate_responsible_people(self, agreement):
        return ", ".join(person.name for person in agreement.responsible_people.all())

    def dehydrate_overdue(self, agreement):
        return agreement.is_overdue()
