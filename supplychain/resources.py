"""Spreadsheet resources of the supplychain app (see network_site/spreadsheets.py).

- `suppliers`: the value-chain map. Natural key: organisation (slug) + supplier name. For a
  portal user, `scope()` limits both export and import to their own organisation, and the
  `organization` column may be left out (it is their organisation).
- `referrals`: export only, aggregate-safe columns (no notes, no free text beyond the
  activity, which is validated against identifiers when recorded).
"""

from import_export import fields, widgets

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.access import portal_account_for
from members.models import Organization
from network_site.spreadsheets import DateWidget, InvalidCell, SpreadsheetResource, register

from .models import Referral, RiskRegion, RiskSector, Supplier
from .models.referrals import COUNT_FIELDS

ISO_DATE = "%Y-%m-%d"


class LookupWidget(widgets.ForeignKeyWidget):
    """A row of a lookup table by one of its names; an unknown value is an error of that cell."""

    def __init__(self, model, field, message, **kwargs):
        super().__init__(model, field=field, **kwargs)
        self.message = message

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip() if isinstance(value, str) else value
        if not value:
            return None
        found = self.model.objects.filter(**{f"{self.field}__iexact": value}).first()
        if found is None:
            raise InvalidCell(self.message % {"value": value})
        return found


class SupplierResource(SpreadsheetResource):
    name = "suppliers"
    verbose_name = gettext_lazy("Suppliers (value-chain map)")
    permission = "supplychain.change_supplier"
    required_columns = ("name",)

    organization = fields.Field(
        attribute="organization",
        column_name="organization",
        widget=LookupWidget(Organization, "slug", gettext_lazy("No organisation has the slug “%(value)s”.")),
    )
    sector = fields.Field(
        attribute="sector",
        column_name="sector",
        widget=LookupWidget(RiskSector, "name_es", gettext_lazy("“%(value)s” is not in the sector risk table.")),
    )
    region = fields.Field(
        attribute="region",
        column_name="region",
        widget=LookupWidget(RiskRegion, "name", gettext_lazy("“%(value)s” is not in the region risk table.")),
    )
    last_assessed = fields.Field(
        attribute="last_assessed", column_name="last_assessed", widget=DateWidget(format=ISO_DATE)
    )
    risk_level = fields.Field(column_name="risk_level", readonly=True)

    class Meta(SpreadsheetResource.Meta):
        model = Supplier
        import_id_fields = ("organization", "name")
        fields = (
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
            "risk_level",
        )
        export_order = fields

    def portal_organization(self):
        account = portal_account_for(self.user) if self.user is not None else None
        return account.organization if account is not None else None

    def scope(self, queryset):
        organization = self.portal_organization()
        if organization is not None:
            return queryset.filter(organization=organization)
        return queryset

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("organization", "sector", "region")
            .order_by("organization__name", "tier", "name")
        )

    def before_import(self, dataset, **kwargs):
        organization = self.portal_organization()
        if organization is not None and "organization" not in (dataset.headers or []):
            dataset.append_col([organization.slug] * len(dataset), header="organization")
        super().before_import(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        organization = self.portal_organization()
        if organization is not None:
            given = str(row.get("organization") or "").strip()
            if given and given != organization.slug:
                raise ValidationError(
                    _("You can only import suppliers of your own organisation (%(slug)s).")
                    % {"slug": organization.slug}
                )
            row["organization"] = organization.slug
        elif not str(row.get("organization") or "").strip():
            raise ValidationError(_("The organization column (the organisation's slug) is required."))
        for key in ("name", "tier", "risk_override"):
            if key in row and isinstance(row[key], str):
                row[key] = row[key].strip()

    def dehydrate_organization(self, supplier):
        return supplier.organization.slug

    def dehydrate_sector(self, supplier):
        return supplier.sector.name_es if supplier.sector else ""

    def dehydrate_region(self, supplier):
        return supplier.region.name if supplier.region else ""

    def dehydrate_risk_level(self, supplier):
        return supplier.risk_level


register(SupplierResource)


@register
class ReferralResource(SpreadsheetResource):
    """Export only; carries counts, places, dates and steps — never notes."""

    name = "referrals"
    verbose_name = gettext_lazy("Referrals (aggregate-safe export)")
    permission = "supplychain.view_referral"
    export_only = True
    export_only_reason = gettext_lazy("Referrals are recorded in the portal; they cannot be imported.")

    organization = fields.Field(column_name="organization", readonly=True)
    region = fields.Field(column_name="region", readonly=True)
    supplier_tier = fields.Field(column_name="supplier_tier", readonly=True)
    late = fields.Field(column_name="late_steps", readonly=True)

    class Meta(SpreadsheetResource.Meta):
        model = Referral
        fields = (
            "id",
            "organization",
            "detected_on",
            "region",
            "supplier_tier",
            "activity",
            "hazardous",
            *COUNT_FIELDS,
            "authority",
            "status",
            "referred_on",
            "removal_verified_on",
            "closed_on",
            "late",
        )
        export_order = fields

    def get_queryset(self):
        return (
            super().get_queryset().select_related("organization", "region", "supplier").order_by("detected_on", "pk")
        )

    def scope(self, queryset):
        account = portal_account_for(self.user) if self.user is not None else None
        return queryset.filter(organization=account.organization) if account is not None else queryset

    def dehydrate_organization(self, referral):
        return referral.organization.slug

    def dehydrate_region(self, referral):
        return referral.region.name

    def dehydrate_supplier_tier(self, referral):
        return referral.supplier.tier if referral.supplier else ""

    def dehydrate_late(self, referral):
        return ",".join(referral.late_steps())
