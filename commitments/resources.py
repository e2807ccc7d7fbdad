"""Spreadsheet resources of the commitments app (through network_site.spreadsheets)."""

import datetime

from import_export import fields, widgets

from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import ModelLogEntry

from members.access import portal_account_for
from network_site import page_cache
from network_site.lifecycle import transition_entries
from network_site.spreadsheets import (
    BooleanWidget,
    InvalidCell,
    NumberWidget,
    SpreadsheetError,
    SpreadsheetResource,
    register,
)

from .models import (
    Commitment,
    CommitmentStatus,
    IndicatorKind,
    ProgressReport,
    ReportStatus,
    deadline_days,
    parse_period,
)

#: What an import sets on a report: the columns its UPDATE writes (updated_at is auto_now).
IMPORTED_FIELDS = (
    "period",
    "period_start",
    "period_end",
    "deadline",
    "value",
    "narrative",
    "status",
    "is_late",
    "submitted_at",
    "submitted_by",
    "updated_at",
)


class PrefetchedCommitmentWidget(widgets.Widget):
    """Commitment by reference, looked up in the dict the resource prefetched (no query per row)."""

    def __init__(self, resource):
        super().__init__()
        self.resource = resource

    def clean(self, value, row=None, **kwargs):
        reference = str(value or "").strip().upper()
        if not reference:
            raise InvalidCell(_("the commitment reference is missing."))
        commitment = self.resource.commitments.get(reference)
        if commitment is None:
            raise InvalidCell(_("no commitment “%(ref)s” that you may report on.") % {"ref": reference})
        return commitment

    def render(self, value, obj=None, **kwargs):
        return value.reference if value else ""


@register
class ProgressReportResource(SpreadsheetResource):
    """Progress reports by commitment reference and period; an imported report is submitted.

    Rows are saved in bulk (``use_bulk``): every check is made from the commitments and
    reports fetched in ``before_import``, so the dry run writes nothing, and a confirmed file
    is written in a few statements once every row is checked (``run_import`` rolls it all back
    if any row is wrong). Bulk writes send no ``post_save``: ``after_import`` moves the public
    pages' cache on, as the per-row saves did, and records one history entry per filed report
    (who filed it, from which status), as a report submitted in the portal gets.
    """

    name = "progress_reports"
    verbose_name = gettext_lazy("Progress reports")
    permission = "commitments.change_progressreport"
    required_columns = ("commitment", "period", "value")

    commitment = fields.Field(attribute="commitment", column_name="commitment")
    period = fields.Field(attribute="period", column_name="period")
    value = fields.Field(attribute="value", column_name="value", widget=NumberWidget())
    narrative = fields.Field(attribute="narrative", column_name="narrative")
    status = fields.Field(attribute="status", column_name="status", readonly=True)
    is_late = fields.Field(attribute="is_late", column_name="late", readonly=True, widget=BooleanWidget())

    class Meta(SpreadsheetResource.Meta):
        model = ProgressReport
        import_id_fields = ("commitment", "period")
        fields = ("commitment", "period", "value", "narrative", "status", "is_late")
        export_order = ("commitment", "period", "value", "narrative", "status", "is_late")
        skip_unchanged = False
        skip_diff = True
        skip_html_diff = True
        report_skipped = False
        use_bulk = True
        batch_size = None  # written once every row is checked

    def __init__(self, user=None, **kwargs):
        super().__init__(user=user, **kwargs)
        self.commitments = {}
        self.existing = {}
        self.new_rows = {}  # (commitment pk, period) of a report the file adds → its row number
        self.written = False
        self.filed = []  # the reports written, for their history entries
        self.previous_status = {}  # id(report) → its status before the import
        self.fields["commitment"].widget = PrefetchedCommitmentWidget(self)

    def scope(self, queryset):
        """A portal user (not staff) touches only their organisation's reports."""
        if self.user is None or (self.user.is_staff and portal_account_for(self.user) is None):
            return queryset
        return queryset.for_user(self.user)

    def _scoped_commitments(self):
        queryset = Commitment.objects.all()
        if self.user is not None and not (self.user.is_staff and portal_account_for(self.user) is None):
            queryset = queryset.for_user(self.user)
        return queryset

    def get_queryset(self):
        return self.scope(ProgressReport.objects.select_related("commitment"))

    def before_import(self, dataset, **kwargs):
        """Fetch every commitment and existing report of the file in two queries."""
        super().before_import(dataset, **kwargs)
        self.new_rows, self.written, self.filed, self.previous_status = {}, False, [], {}
        headers = dataset.headers or []
        if "commitment" not in headers:
            return
        references = {str(v or "").strip().upper() for v in dataset["commitment"]}
        self.commitments = {c.reference: c for c in self._scoped_commitments().filter(reference__in=references)}
        reports = ProgressReport.objects.filter(commitment__in=list(self.commitments.values()))
        by_id = {c.pk: c for c in self.commitments.values()}
        self.existing = {}
        for report in reports.iterator(chunk_size=2000):
            report.commitment = by_id[report.commitment_id]
            self.existing[(report.commitment_id, report.period)] = report

    def get_instance(self, instance_loader, row):
        reference = str(row.get("commitment") or "").strip().upper()
        commitment = self.commitments.get(reference)
        parsed = parse_period(str(row.get("period") or ""))
        if commitment is None or parsed is None:
            return None
        return self.existing.get((commitment.pk, parsed[0]))

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        before = (instance.value, instance.narrative or "") if instance.pk else None
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        final = instance.status in (ReportStatus.APPROVED, ReportStatus.SUBMITTED)
        unchanged = before is not None and (instance.value, instance.narrative or "") == before
        if unchanged and not errors and (final or instance.value is None):
            # A report the file repeats as it is (an exported file imported back): one already
            # submitted or approved, or one still without a value, is skipped rather than refused.
            # (A draft with a value is filed, as before.)
            instance._unchanged = True
            return
        commitment = getattr(instance, "commitment", None) if instance.commitment_id else None
        parsed = parse_period(str(row.get("period") or ""))
        if parsed is None:
            errors.setdefault("period", []).append(_("write the period as 2024-Q1 (or 2024-S1, 2024-M01, 2024)."))
        if commitment is not None and parsed is not None:
            code, start, end = parsed
            instance.period, instance.period_start, instance.period_end = code, start, end
            if not instance.deadline:
                instance.deadline = end + datetime.timedelta(days=deadline_days())
            if commitment.status != CommitmentStatus.APPROVED:
                errors.setdefault("commitment", []).append(
                    _("commitment %(ref)s is not approved and running.") % {"ref": commitment.reference}
                )
            elif end < commitment.start_date or start > commitment.end_date:
                errors.setdefault("period", []).append(_("the period is outside the commitment's dates."))
            if instance.pk and instance.status in (ReportStatus.APPROVED, ReportStatus.SUBMITTED):
                errors.setdefault("period", []).append(
                    _("the report for %(period)s is already %(status)s and cannot change.")
                    % {"period": code, "status": instance.get_status_display().lower()}
                )
            value = instance.value
            if value is None:
                if "value" not in errors:  # (a value that is not a number is said once)
                    errors.setdefault("value", []).append(_("the value is missing."))
            elif commitment.indicator_kind == IndicatorKind.PERCENTAGE and not 0 <= value <= 100:
                errors.setdefault("value", []).append(_("a percentage is between 0 and 100."))
            elif commitment.indicator_kind == IndicatorKind.YES_NO and value not in (0, 1):
                errors.setdefault("value", []).append(_("use 1 for yes and 0 for no."))
            if not errors and instance.pk is None:
                # A new report whose period an earlier row already adds in another spelling
                # (2024-Q1, 2024-Q01): nothing is saved before the end, so say it here.
                row_number = kwargs.get("row_number")
                first = self.new_rows.setdefault((commitment.pk, code), row_number)
                if first != row_number:
                    errors.setdefault("period", []).append(
                        _("the same key appears again (first on row %(first)s).") % {"first": first + 1}
                    )
        if errors:
            raise ValidationError(errors)
        # An imported report is filed: it goes to the secretariat's review queue.
        now = timezone.now()
        self.previous_status[id(instance)] = instance.status if instance.pk else ReportStatus.DRAFT
        instance.status = ReportStatus.SUBMITTED
        instance.submitted_at = now
        instance.submitted_by = self.user if getattr(self.user, "pk", None) else None
        instance.is_late = timezone.localdate() > instance.deadline

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run:  # every row was checked from prefetched data: nothing to write
            self.create_instances.clear()
            return
        self.written = self.written or bool(self.create_instances)
        self.filed.extend(self.create_instances)
        super().bulk_create(using_transactions, dry_run, raise_errors, batch_size=batch_size, result=result)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """Write what the import set on the existing reports: the columns each save() would write."""
        instances, self.update_instances = self.update_instances, []
        if dry_run or not instances:
            return
        self.written = True
        self.filed.extend(instances)
        try:
            self._write_updates(instances)
        except Exception as exc:
            self.handle_import_error(result, exc, raise_errors)

    def _write_updates(self, instances):
        """Each report's UPDATE, as its save() sends it, all in one executemany.

        (QuerySet.bulk_update builds a CASE WHEN per row and column: far slower in Python.)
        """
        meta = ProgressReport._meta
        connection = connections[self.get_db_connection_name()]
        fields = [meta.get_field(name) for name in IMPORTED_FIELDS]
        quote = connection.ops.quote_name
        sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608 - quoted names from the model, values as parameters
            quote(meta.db_table),
            ", ".join(f"{quote(field.column)} = %s" for field in fields),
            quote(meta.pk.column),
        )
        params = [
            [field.get_db_prep_save(field.pre_save(report, False), connection) for field in fields]
            + [meta.pk.get_db_prep_save(report.pk, connection)]
            for report in instances
        ]
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
            updated = cursor.rowcount
        if updated != len(instances):
            # A report went away meanwhile: fail (and roll back) rather than write half the file.
            raise SpreadsheetError(
                _("%(count)s of the file's reports no longer exist; try again.") % {"count": len(instances) - updated}
            )

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if self.written:
            # Each filed report's history says who filed it, and when (one statement).
            user = self.user if getattr(self.user, "pk", None) else None
            ModelLogEntry.objects.bulk_create(
                transition_entries(
                    (
                        report,
                        self.previous_status.get(id(report), ReportStatus.DRAFT),
                        ReportStatus.SUBMITTED,
                        user,
                        _("Filed by spreadsheet import."),
                    )
                    for report in self.filed
                    if report.pk
                )
            )
            # Bulk writes send no post_save: move the public pages' cache on now and, as
            # page_cache does for a save, once more when the transaction commits.
            page_cache.invalidate()
            transaction.on_commit(page_cache.invalidate)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if getattr(instance, "_unchanged", False) and not import_validation_errors:
            return True
        return super().skip_row(instance, original, row, import_validation_errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # Keys and foreign keys are checked above from prefetched data: no query per row.
        if import_validation_errors:
            raise ValidationError(import_validation_errors)
        instance.full_clean(exclude=["commitment", "submitted_by"], validate_unique=False, validate_constraints=False)

    def dehydrate_commitment(self, report):
        return report.commitment.reference
