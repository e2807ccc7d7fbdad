"""Spreadsheet resources of the members app (see network_site/spreadsheets.py and docs/spreadsheets.md).

`organizations` (natural key: slug) and `people` (natural key: e-mail). Choices are exported
as their label in the user's language with the code beside them (`sector`, `sector_code`); an
import reads the code column, or a label or code in the label column. The export's columns are
the import's columns.
"""

from import_export import fields, widgets

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.access import portal_account_for
from members.models import Organization, Person
from network_site.lifecycle import record_transition
from network_site.spreadsheets import BooleanWidget, DateWidget, InvalidCell, SpreadsheetResource, register

ISO_DATE = "%Y-%m-%d"


class OrganizationSlugWidget(widgets.ForeignKeyWidget):
    """An organisation by its slug; an unknown slug is an error of that cell."""

    def __init__(self, **kwargs):
        super().__init__(Organization, field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip() if isinstance(value, str) else value
        if not value:
            return None
        organization = self.get_queryset(value, row, **kwargs).filter(slug=value).first()
        if organization is None:
            raise InvalidCell(_("No organisation has the slug “%(slug)s”.") % {"slug": value})
        return organization


@register
class OrganizationResource(SpreadsheetResource):
    name = "organizations"
    verbose_name = gettext_lazy("Organisations")
    permission = "members.change_organization"
    required_columns = ("slug", "name")

    is_partner = fields.Field(attribute="is_partner", column_name="is_partner", widget=BooleanWidget())
    date_joined = fields.Field(attribute="date_joined", column_name="date_joined", widget=DateWidget(format=ISO_DATE))

    class Meta(SpreadsheetResource.Meta):
        model = Organization
        import_id_fields = ("slug",)
        fields = (
            "slug",
            "name",
            "short_name",
            "kind",
            "sector",
            "size",
            "scope",
            "region",
            "website",
            "description",
            "tax_id",
            "is_partner",
            "membership_status",
            "date_joined",
        )
        export_order = fields

    def get_queryset(self):
        return super().get_queryset().order_by("name", "pk")

    def before_save_instance(self, instance, row, **kwargs):
        previous = None
        if instance.pk:
            previous = Organization.objects.filter(pk=instance.pk).values_list("membership_status", flat=True).first()
        instance._status_before_import = previous

    def after_save_instance(self, instance, row, **kwargs):
        previous = getattr(instance, "_status_before_import", None)
        if instance.is_partner or previous == instance.membership_status:
            return
        # A status set by a spreadsheet is part of the membership's history like any other change.
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        reason = _("Spreadsheet import")
        record_transition(instance, previous, instance.membership_status, user=user, comment=reason)


@register
class PersonResource(SpreadsheetResource):
    name = "people"
    verbose_name = gettext_lazy("People (contacts)")
    permission = "members.change_person"
    required_columns = ("email", "name", "organization")

    organization = fields.Field(attribute="organization", column_name="organization", widget=OrganizationSlugWidget())
    is_focal_point = fields.Field(attribute="is_focal_point", column_name="is_focal_point", widget=BooleanWidget())

    class Meta(SpreadsheetResource.Meta):
        model = Person
        import_id_fields = ("email",)
        fields = ("email", "name", "organization", "position", "phone", "is_focal_point", "languages")
        export_order = fields

    def get_queryset(self):
        return super().get_queryset().select_related("organization").order_by("organization__name", "name", "pk")

    def scope(self, queryset):
        account = portal_account_for(self.user) if self.user is not None and not self.user.is_staff else None
        if account is not None:
            return queryset.for_organization(account.organization_id)
        return queryset

    def before_import_row(self, row, **kwargs):
        if isinstance(row.get("email"), str):
            row["email"] = row["email"].strip().lower()
