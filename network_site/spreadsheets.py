"""One spreadsheet machinery for every resource (django-import-export underneath).

- `SpreadsheetResource`: the base class of every resource; subclasses set `name`,
  `verbose_name`, `permission` (needed in the admin) and `required_columns`, and are
  registered with `@register`. `scope(queryset)` narrows what a portal user may touch.
- `read_dataset(data, filename)`: bytes of a CSV (UTF-8 with or without BOM, or
  Windows-1252) or XLSX file → `tablib.Dataset`, refusing what is not a spreadsheet, too
  big, too long, empty, an XML attack (defusedxml), a zip bomb, or a cell with a formula.
- `run_import(resource, dataset, dry_run=...)`: all or nothing. Any invalid row, unknown
  key, duplicate key or missing column means nothing is written; the `ImportReport` lists
  every error by row and column.
- `export_bytes(dataset, fmt)`: CSV or XLSX in which no cell can act as a formula: in XLSX
  such cells are stored as text, in CSV they get a leading apostrophe, which `read_dataset`
  removes again, so an exported file imports back unchanged.
- `FormulaSafeExportMixin`: the same rule for Wagtail's own exports (`ReportView`, index
  views with `list_export`).

The `import_data` / `export_data` commands and the admin views are thin layers over these.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

import tablib
from import_export import resources
from import_export.results import RowResult

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: Leading characters that make a spreadsheet program treat a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx")
XLSX_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
PREVIEW_ROWS = 200

registry = {}


class SpreadsheetError(Exception):
    """A problem with the file as a whole, worded for the person who uploaded it."""


@dataclass
class CellError:
    row: int | None  # the spreadsheet's row number (the header is row 1), None for the whole file
    column: str | None
    message: str

    def __str__(self):
        where = []
        if self.row is not None:
            where.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("column “%(column)s”") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}" if where else str(self.message)


@dataclass
class ImportReport:
    resource_name: str
    totals: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    preview: list = field(default_factory=list)  # (row number, import type, {column: value})
    headers: list = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self):
        return not self.errors

    def as_dict(self):
        return {
            "resource": self.resource_name,
            "totals": self.totals,
            "errors": [{"row": e.row, "column": e.column, "message": str(e.message)} for e in self.errors],
            "warnings": [str(w) for w in self.warnings],
            "headers": self.headers,
            "preview": self.preview,
            "applied": self.applied,
        }


class SpreadsheetResource(resources.ModelResource):
    """Base of every importable/exportable resource."""

    #: Registry key used on the command line and in URLs, e.g. "organizations". (So a resource
    #: must not declare a Field attribute called `name`: declare it as e.g.
    #: `org_name = Field(attribute="name", column_name="name")`.)
    name = ""
    verbose_name = ""
    #: Django permission a staff user needs to import or export it in the admin.
    permission = ""
    #: Columns that must be present in an uploaded file.
    required_columns = ()

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def scope(self, queryset):
        """Narrow the queryset to what `self.user` may touch (portal imports). Default: all."""
        return queryset

    def get_queryset(self):
        return self.scope(super().get_queryset())

    def column_for(self, field_name):
        resource_field = self.fields.get(field_name)
        return resource_field.column_name if resource_field else field_name

    def import_columns(self):
        return [f.column_name for f in self.get_import_fields()]

    def key_columns(self):
        return [self.column_for(name) for name in self._meta.import_id_fields]

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True


def register(resource_class):
    """Class decorator: make a resource available to the commands and the admin views."""
    if not isinstance(resource_class.name, str) or not resource_class.name:
        raise ValueError(
            f"{resource_class.__name__}.name must be its registry key (a non-empty string). A column called "
            "'name' is declared under another attribute: org_name = Field(attribute='name', column_name='name')."
        )
    registry[resource_class.name] = resource_class
    return resource_class


def get_resource_class(name):
    try:
        return registry[name]
    except KeyError:
        known = ", ".join(sorted(registry)) or "-"
        raise SpreadsheetError(
            _("Unknown resource “%(name)s”. Known resources: %(known)s.") % {"name": name, "known": known}
        ) from None


# --- Reading -------------------------------------------------------------------------------


class _CsvText(str):
    """The text of a CSV cell (where a leading "=" is a formula for a spreadsheet program)."""


class _Formula(str):
    """The text of an XLSX cell that holds a live formula."""


def _clean_cell(value, row_number, column, errors):
    """Strip text, undo our own formula escaping, refuse live formulas.

    In CSV a cell starting with "=" is a formula for a spreadsheet program; in XLSX only a
    cell of formula type is (our exports store such text as plain text cells).
    """
    if value is None:
        return ""  # an empty XLSX cell reads like an empty CSV cell
    if isinstance(value, _Formula):
        errors.append(CellError(row_number, column, _("formulas are not accepted; type the value instead.")))
        return ""
    if isinstance(value, str):
        from_csv = isinstance(value, _CsvText)
        value = str(value).strip("\ufeff")
        if from_csv and value[:1] == "'" and value[1:2] and value[1:2] in FORMULA_PREFIXES:
            return value[1:]
        value = value.strip()
        if value.startswith("=") and from_csv:
            errors.append(CellError(row_number, column, _("formulas are not accepted; type the value instead.")))
            return ""
    return value


def _rows_to_dataset(rows, errors):
    rows = iter(rows)
    header = next(rows, None)
    if header is None:
        raise SpreadsheetError(_("The file is empty."))
    headers = [str(h).strip().strip("\ufeff") if h is not None else "" for h in header]
    while headers and not headers[-1]:
        headers.pop()
    if not any(headers):
        raise SpreadsheetError(_("The first row must hold the column names."))
    if "" in headers:
        position = headers.index("") + 1
        raise SpreadsheetError(_("Column %(position)s has no name in the first row.") % {"position": position})
    duplicates = sorted({h for h in headers if headers.count(h) > 1})
    if duplicates:
        raise SpreadsheetError(_("Repeated column names: %(names)s.") % {"names": ", ".join(duplicates)})
    dataset = tablib.Dataset(headers=headers)
    width = len(headers)
    max_rows = settings.SPREADSHEET_MAX_ROWS
    for index, row in enumerate(rows, start=2):
        values = list(row)[:width] if row is not None else []
        extra = list(row)[width:] if row is not None else []
        if any(v not in (None, "") for v in extra):
            errors.append(CellError(index, None, _("this row has more cells than there are column names.")))
        values += [None] * (width - len(values))
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        if len(dataset) >= max_rows:
            raise SpreadsheetError(
                _("The file has more than %(max)s rows; split it into smaller files.") % {"max": max_rows}
            )
        dataset.append([_clean_cell(v, index, headers[i], errors) for i, v in enumerate(values)])
    if not len(dataset):
        raise SpreadsheetError(_("The file has column names but no rows."))
    return dataset


def _read_csv(data, errors):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything; kept for clarity
        raise SpreadsheetError(_("The file's text encoding is not UTF-8 or Windows-1252."))
    if "\x00" in text:
        raise SpreadsheetError(_("This file is not a spreadsheet (CSV or XLSX)."))
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.reader(io.StringIO(text, newline=""), dialect)
    return _rows_to_dataset(([_CsvText(v) for v in row] for row in rows), errors)


def _read_xlsx(data, errors):
    from openpyxl import load_workbook  # openpyxl parses with defusedxml when it is installed

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > XLSX_MAX_UNCOMPRESSED_BYTES:
                raise SpreadsheetError(_("The XLSX file unpacks to more than the allowed size."))
    except zipfile.BadZipFile:
        raise SpreadsheetError(_("This file is not a valid XLSX spreadsheet.")) from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except SpreadsheetError:
        raise
    except Exception as exc:  # defusedxml's errors for entity/DTD attacks come wrapped by openpyxl
        cause = exc
        while cause is not None and not cause.__class__.__module__.startswith("defusedxml"):
            cause = cause.__cause__ or cause.__context__
        if cause is not None:
            raise SpreadsheetError(_("The XLSX file contains forbidden XML (entities or DTD).")) from None
        raise SpreadsheetError(_("This file is not a valid XLSX spreadsheet.")) from None
    try:
        sheet = workbook.worksheets[0]
        rows = (
            [_Formula(cell.value) if cell.data_type == "f" else cell.value for cell in row]
            for row in sheet.iter_rows()
        )
        return _rows_to_dataset(rows, errors)
    finally:
        workbook.close()


def read_dataset(data, filename):
    """Parse uploaded bytes into a Dataset. Returns (dataset, cell errors)."""
    if len(data) > settings.SPREADSHEET_MAX_UPLOAD_BYTES:
        limit = settings.SPREADSHEET_MAX_UPLOAD_BYTES // (1024 * 1024)
        raise SpreadsheetError(_("The file is larger than %(limit)s MB.") % {"limit": limit})
    if not data.strip():
        raise SpreadsheetError(_("The file is empty."))
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    errors = []
    if data[:4] == b"PK\x03\x04":
        if extension not in ("xlsx", ""):
            raise SpreadsheetError(_("This file is not a spreadsheet (CSV or XLSX)."))
        return _read_xlsx(data, errors), errors
    if extension in ("xlsx", "xls", "ods"):
        raise SpreadsheetError(_("This file is not a valid XLSX spreadsheet; save it as .xlsx or .csv."))
    if extension not in ("csv", "txt", ""):
        raise SpreadsheetError(_("This file is not a spreadsheet (CSV or XLSX)."))
    if data[:5] in (b"%PDF-",) or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise SpreadsheetError(_("This file is not a spreadsheet (CSV or XLSX)."))
    return _read_csv(data, errors), errors


# --- Importing -----------------------------------------------------------------------------


def _check_columns(resource, dataset, report):
    headers = list(dataset.headers or [])
    known = set(resource.import_columns())
    missing = [c for c in resource.required_columns if c not in headers]
    for column in missing:
        report.errors.append(CellError(None, column, _("this required column is missing.")))
    unknown = [h for h in headers if h not in known]
    if unknown:
        report.warnings.append(_("Unknown columns, ignored: %(columns)s.") % {"columns": ", ".join(unknown)})
        for column in unknown:
            del dataset[column]


def _check_duplicate_keys(resource, dataset, report):
    keys = [c for c in resource.key_columns() if c in (dataset.headers or [])]
    if not keys:
        return
    seen = {}
    for index, row in enumerate(dataset.dict, start=2):
        key = tuple(str(row.get(c) or "").strip().lower() for c in keys)
        if not any(key):
            continue
        if key in seen:
            report.errors.append(
                CellError(
                    index,
                    keys[0],
                    _("the same key appears again (first on row %(first)s).") % {"first": seen[key]},
                )
            )
        else:
            seen[key] = index


def _collect_result(resource, result, report, dataset):
    for error in result.base_errors:
        report.errors.append(CellError(None, None, str(error.error)))
    for number, errors in result.row_errors():
        for error in errors:
            report.errors.append(CellError(number + 1, None, str(error.error)))
    for invalid in result.invalid_rows:
        for field_name, messages in invalid.error_dict.items():
            column = None if field_name == NON_FIELD_ERRORS else resource.column_for(field_name)
            for message in messages:
                report.errors.append(CellError(invalid.number + 1, column, str(message)))
    report.errors.sort(key=lambda e: (e.row or 0, e.column or ""))
    report.totals = {key: value for key, value in result.totals.items() if key != RowResult.IMPORT_TYPE_DELETE}
    headers = list(dataset.headers or [])
    report.headers = headers
    for number, (row_result, values) in enumerate(zip(result.rows, dataset, strict=False), start=2):
        if len(report.preview) >= PREVIEW_ROWS:
            break
        shown = ["" if v is None else str(v) for v in values]
        report.preview.append((number, row_result.import_type, shown))


def run_import(resource, dataset, *, dry_run):
    """Validate (and unless `dry_run`, apply) a dataset. All or nothing; returns an ImportReport."""
    report = ImportReport(resource_name=resource.name)
    _check_columns(resource, dataset, report)
    if report.errors:
        return report
    _check_duplicate_keys(resource, dataset, report)
    if report.errors:
        return report
    with transaction.atomic():
        result = resource.import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=False,
            use_transactions=True,
            rollback_on_validation_errors=True,
        )
        if result.has_errors() or result.has_validation_errors():
            transaction.set_rollback(True)
    _collect_result(resource, result, report, dataset)
    report.applied = not dry_run and report.ok
    return report


def import_file(resource, data, filename, *, dry_run):
    """read_dataset + run_import; file-level problems become the report's errors."""
    try:
        dataset, cell_errors = read_dataset(data, filename)
    except SpreadsheetError as exc:
        return ImportReport(resource_name=resource.name, errors=[CellError(None, None, str(exc))])
    if cell_errors:
        return ImportReport(resource_name=resource.name, errors=cell_errors)
    return run_import(resource, dataset, dry_run=dry_run)


# --- Exporting -----------------------------------------------------------------------------


def _is_formula_like(value):
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def export_bytes(dataset, fmt):
    """Serialise a Dataset as CSV (UTF-8 with BOM, for Excel) or XLSX, with formulas neutralised."""
    if fmt == "csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(dataset.headers)
        for row in dataset:
            writer.writerow(["'" + v if _is_formula_like(v) else ("" if v is None else v) for v in row])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    if fmt == "xlsx":
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=str(dataset.title or "datos")[:31])
        sheet.append([str(h) for h in dataset.headers])
        for row in dataset:
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value)
                if _is_formula_like(value):
                    cell.data_type = "s"  # stored as text, never evaluated
                cells.append(cell)
            sheet.append(cells)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    raise SpreadsheetError(_("Unknown format “%(format)s”; use csv or xlsx.") % {"format": fmt})


class FormulaSafeExportMixin:
    """For views with Wagtail's ``SpreadsheetExportMixin`` (``ReportView``, viewsets' index views).

    Wagtail stores XLSX cells as text, never as formulas, but writes CSV cells as they are:
    a cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) gets a leading
    apostrophe, as ``export_bytes`` does, so a spreadsheet program shows it as text; and the
    CSV starts with a byte-order mark, as ``export_bytes``'s.
    """

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV and _is_formula_like(value):
            return "'" + value
        return value

    def stream_csv(self, queryset):
        yield "\ufeff"  # UTF-8 with BOM, as export_bytes: spreadsheet programs then read accents right
        yield from super().stream_csv(queryset)


def export_resource(resource, fmt, queryset=None):
    dataset = resource.export(queryset)
    dataset.title = str(resource.verbose_name or resource.name)
    return export_bytes(dataset, fmt)


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

verbose_names = {"csv": gettext_lazy("CSV"), "xlsx": gettext_lazy("Excel (XLSX)")}
