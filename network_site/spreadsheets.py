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
- Widgets (`NumberWidget`, `IntegerWidget`, `DateWidget`, `BooleanWidget`, `ChoiceWidget`):
  every refused cell is an `InvalidCell` worded for the person who typed it ("“veinte” is not
  a number"), in their language; `SpreadsheetResource` uses them for the model's fields and
  turns any other widget error into such a message, so no Python class name reaches a report.
  Every choice column is exported as its label in the user's language, with the code beside it
  (`status` + `status_code`); an import reads the code when there is one, else the label
  (or a code) in the label column.
- `export_bytes(dataset, fmt)`: CSV or XLSX in which no cell can act as a formula: in XLSX
  such cells are plain text cells (with Excel's "quote prefix" style, no visible apostrophe),
  in CSV they get a leading apostrophe, which `read_dataset` removes again, so an exported file
  imports back unchanged. XLSX cells are typed: numbers, dates and yes/no as such.
- `make_wagtail_exports_formula_safe()` (run at start): the same rule for every Wagtail export
  (viewsets' `list_export`, snippets, Wagtail's own reports, our `ReportView`s).

The `import_data` / `export_data` commands and the admin views are thin layers over these.
"""

import csv
import datetime
import io
import logging
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import tablib
from import_export import fields as import_fields
from import_export import resources, widgets
from import_export.results import RowResult

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

#: Leading characters that make a spreadsheet program treat a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx")
XLSX_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
#: The most characters a cell may hold: what a spreadsheet program's cell holds (Excel's limit).
MAX_CELL_CHARS = 32_767
PREVIEW_ROWS = 200

registry = {}


class SpreadsheetError(Exception):
    """A problem with the file as a whole, worded for the person who uploaded it."""


@dataclass
class CellError:
    row: int | None  # the spreadsheet's row number (the header is row 1), None for the whole file
    column: str | None
    message: str
    #: What the column holds, in the user's language ("valor" for the column ``value``).
    label: str = ""

    def __str__(self):
        where = []
        if self.row is not None:
            where.append(_("row %(row)s") % {"row": self.row})
        if self.column and self.label:
            where.append(_("column “%(label)s” (%(column)s)") % {"label": self.label, "column": self.column})
        elif self.column:
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
            "errors": [
                {"row": e.row, "column": e.column, "label": str(e.label), "message": str(e.message)}
                for e in self.errors
            ],
            "warnings": [str(w) for w in self.warnings],
            "headers": self.headers,
            "preview": self.preview,
            "applied": self.applied,
        }


#: What the preview's "Change" column says for each kind of row (django-import-export's codes).
CHANGE_LABELS = {
    RowResult.IMPORT_TYPE_NEW: gettext_lazy("New"),
    RowResult.IMPORT_TYPE_UPDATE: gettext_lazy("Update"),
    RowResult.IMPORT_TYPE_SKIP: gettext_lazy("Unchanged"),
    RowResult.IMPORT_TYPE_DELETE: gettext_lazy("Delete"),
    RowResult.IMPORT_TYPE_ERROR: gettext_lazy("Error"),
    RowResult.IMPORT_TYPE_INVALID: gettext_lazy("Invalid"),
}


def change_label(import_type):
    """The translated word for a preview row's change ("new" → "Nueva")."""
    label = CHANGE_LABELS.get(import_type)
    return str(label) if label is not None else str(import_type or "")


# --- Widgets: cells in, cells out ------------------------------------------------------------


class InvalidCell(ValueError):
    """A cell's value refused by a widget, worded for the person who typed it (translated)."""


def _shown(value):
    return str(value).strip() if value is not None else ""


def parse_number(value):
    """A Decimal from a cell (a number, or text with a decimal point or comma); None if it is none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if "," in text and "." in text:  # 1.234,5 or 1,234.5: the last one is the decimal point
            if text.rfind(",") > text.rfind("."):
                text = text.replace(".", "").replace(",", ".")
            else:
                text = text.replace(",", "")
        elif text.count(",") == 1:  # 12,5: a decimal comma, as Spanish spreadsheets write it
            text = text.replace(",", ".")
        if not text or not all(c in "0123456789+-.eE" for c in text):
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
    if not number.is_finite() or number.adjusted() > 15:
        return None
    return number


class NumberWidget(widgets.DecimalWidget):
    """A decimal number; "12,5" and "12.5" are both twelve and a half."""

    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        number = parse_number(value)
        if number is None:
            raise InvalidCell(
                _("“%(value)s” is not a number; write only digits, such as 12 or 12.5.") % {"value": _shown(value)}
            )
        return number

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type") or not self.coerce_to_string:
            return value
        return "" if value is None else str(value)


class IntegerWidget(NumberWidget):
    """A whole number."""

    def clean(self, value, row=None, **kwargs):
        number = super().clean(value, row, **kwargs)
        if number is None:
            return None
        if number != number.to_integral_value():
            raise InvalidCell(
                _("“%(value)s” is not a whole number; write it without decimals.") % {"value": _shown(value)}
            )
        return int(number)


class DateWidget(widgets.DateWidget):
    """A date: a date cell, or text as 2024-03-31 (or 31/03/2024)."""

    INPUT_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")

    def __init__(self, format="%Y-%m-%d", coerce_to_string=True):
        super().__init__(format=format, coerce_to_string=coerce_to_string)

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime.datetime):  # XLSX date cells are read as datetimes
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            for date_format in (*self.formats, *self.INPUT_FORMATS):
                try:
                    return datetime.datetime.strptime(value.strip(), date_format).date()
                except ValueError:
                    continue
        raise InvalidCell(
            _("“%(value)s” is not a date; write it as YYYY-MM-DD, for example 2024-03-31.") % {"value": _shown(value)}
        )

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type") or not self.coerce_to_string:
            return value
        return value.strftime(self.formats[0]) if isinstance(value, datetime.date) else ""


class BooleanWidget(widgets.BooleanWidget):
    """Yes or no: 1/0, true/false, yes/no, sí/no (any case), a yes/no cell; empty is "no"; else an error."""

    TRUE_WORDS = {"1", "true", "yes", "y", "si", "sí", "s", "verdadero", "x"}
    FALSE_WORDS = {"0", "false", "no", "n", "falso", ""}

    def clean(self, value, row=None, **kwargs):
        if value is None or isinstance(value, bool):
            return bool(value)
        if isinstance(value, int | float | Decimal):
            if value in (0, 1):
                return bool(value)
        else:
            word = str(value).strip().lower()
            if word in self.TRUE_WORDS:
                return True
            if word in self.FALSE_WORDS:
                return False
        raise InvalidCell(_("“%(value)s” is not yes or no; use 1 or 0.") % {"value": _shown(value)})

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type") or not self.coerce_to_string:
            return None if value is None else bool(value)
        return "" if value is None else ("1" if value else "0")


class ChoiceWidget(widgets.Widget):
    """A choice: exported as its label in the active language; imports its code or its label
    in any of the site's languages (any case)."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = list(getattr(choices, "choices", choices))
        #: The column that holds the code beside this label column (set by SpreadsheetResource).
        self.code_column = None
        self._accepted = None

    def accepted(self):
        """Every accepted spelling (lower case) → its code; built once per widget (per import)."""
        if self._accepted is None:
            self._accepted = self._spellings()
        return self._accepted

    def _spellings(self):
        accepted = {}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for value, label in self.choices:
                    accepted.setdefault(str(label).strip().lower(), value)
        for value, _label in self.choices:
            accepted[str(value).lower()] = value
        return accepted

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return ""
        found = self.accepted().get(str(value).strip().lower())
        if found is None:
            labels = ", ".join(str(label) for _value, label in self.choices)
            raise InvalidCell(_("“%(value)s” is not one of: %(labels)s.") % {"value": _shown(value), "labels": labels})
        return found

    def render(self, value, obj=None, **kwargs):
        if value in (None, ""):
            return ""
        return str(dict(self.choices).get(value, value))


class ChoiceCodeWidget(ChoiceWidget):
    """The code column beside a choice's label column: exports the code, imports a code (or a label)."""

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return ""
        found = {str(v).lower(): v for v, _label in self.choices}.get(str(value).strip().lower())
        if found is None:
            return super().clean(value, row, **kwargs)
        return found

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


def _expected(widget):
    """What a column expects, for a cell refused by a widget that is not ours."""
    if isinstance(widget, widgets.IntegerWidget):
        return _("a whole number")
    if isinstance(widget, widgets.NumberWidget):
        return _("a number")
    if isinstance(widget, widgets.DateTimeWidget):
        return _("a date and time, as 2024-03-31 14:30")
    if isinstance(widget, widgets.DateWidget):
        return _("a date, as 2024-03-31")
    if isinstance(widget, widgets.BooleanWidget):
        return _("1 or 0 (yes or no)")
    if isinstance(widget, widgets.ForeignKeyWidget):
        return _("an existing %(model)s") % {"model": widget.model._meta.verbose_name}
    return _("a valid value")


#: The model fields' widgets (replacing django-import-export's, whose errors name Python classes).
WIDGETS_MAP = {
    **resources.ModelResource.WIDGETS_MAP,
    "DecimalField": NumberWidget,
    "FloatField": NumberWidget,
    "DateField": DateWidget,
    "BooleanField": BooleanWidget,
    "NullBooleanField": BooleanWidget,
    **dict.fromkeys(
        (
            "IntegerField",
            "PositiveIntegerField",
            "BigIntegerField",
            "PositiveBigIntegerField",
            "PositiveSmallIntegerField",
            "SmallIntegerField",
            "SmallAutoField",
            "AutoField",
            "BigAutoField",
        ),
        IntegerWidget,
    ),
}


class SpreadsheetResource(resources.ModelResource):
    """Base of every importable/exportable resource."""

    WIDGETS_MAP = WIDGETS_MAP

    #: Registry key used on the command line and in URLs, e.g. "organizations". (So a resource
    #: must not declare a Field attribute called `name`: declare it as e.g.
    #: `org_name = Field(attribute="name", column_name="name")`.)
    name = ""
    verbose_name = ""
    #: Django permission a staff user needs to import or export it in the admin.
    permission = ""
    #: Columns that must be present in an uploaded file.
    required_columns = ()
    #: True for a resource that is only exported: no upload form, every import refused.
    export_only = False
    #: Why it cannot be imported (shown instead of the upload form and as the import's error).
    export_only_reason = gettext_lazy("This list is exported only; it cannot be imported.")

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self._use_clean_widgets()
        self._code_fields = self._add_choice_codes()

    def _use_clean_widgets(self):
        """Fields declared with django-import-export's own number, date and yes/no widgets get
        ours (same format), whose errors are sentences and which read XLSX's typed cells."""
        for resource_field in self.fields.values():
            widget = resource_field.widget
            kind = type(widget)
            if kind is widgets.DateWidget:
                resource_field.widget = DateWidget(
                    format=widget.formats[0] if len(widget.formats) == 1 else "%Y-%m-%d"
                )
            elif kind is widgets.IntegerWidget:
                resource_field.widget = IntegerWidget()
            elif kind in (widgets.DecimalWidget, widgets.FloatWidget):
                resource_field.widget = NumberWidget()
            elif kind is widgets.BooleanWidget:
                resource_field.widget = BooleanWidget()

    # Choices: the label in its column, the code in "<column>_code" -----------------------

    def _model_choices(self, resource_field):
        attribute = resource_field.attribute
        if (
            not attribute
            or "__" in attribute
            or type(resource_field.widget) not in (widgets.Widget, widgets.CharWidget)
        ):
            return None
        method = resource_field.get_dehydrate_method(self.get_field_name(resource_field))
        if callable(method) or hasattr(self, method):
            return None
        try:
            model_field = self._meta.model._meta.get_field(attribute)
        except FieldDoesNotExist:
            return None
        return model_field.choices or None

    def _add_choice_codes(self):
        """Give every choice column a code column beside it; return the code fields' names."""
        added = {}
        result = {}
        for field_name, resource_field in self.fields.items():
            result[field_name] = resource_field
            widget = resource_field.widget
            if isinstance(widget, ChoiceCodeWidget):
                continue
            if not isinstance(widget, ChoiceWidget):
                choices = self._model_choices(resource_field)
                if choices is None:
                    continue
                widget = resource_field.widget = ChoiceWidget(choices)
            code_name = f"{field_name}_code"
            code_column = f"{resource_field.column_name}_code"
            widget.code_column = code_column
            result[code_name] = import_fields.Field(
                attribute=resource_field.attribute,
                column_name=code_column,
                widget=ChoiceCodeWidget(widget.choices),
                readonly=resource_field.readonly,
            )
            added[code_name] = field_name
        self.fields = type(self.fields)(result)
        return added

    def _with_code_columns(self, order):
        labels = set(self._code_fields.values())
        names = [name for name in order if name not in self._code_fields]
        result = []
        for name in names:
            result.append(name)
            if name in labels:
                result.extend(code for code, label in self._code_fields.items() if label == name)
        return tuple(result)

    def get_export_order(self):
        return self._with_code_columns(super().get_export_order())

    def get_import_order(self):
        return self._with_code_columns(super().get_import_order())

    def import_field(self, resource_field, instance, row, is_m2m=False, **kwargs):
        """Save one cell; any widget error becomes an `InvalidCell` saying what the column expects.

        A choice's label column is skipped when its code column holds a code (the code wins),
        and an empty code column leaves the label column to decide.
        """
        widget = resource_field.widget
        column = resource_field.column_name
        if column in row:
            if isinstance(widget, ChoiceCodeWidget) and _shown(row[column]) == "":
                return
            if (
                isinstance(widget, ChoiceWidget)
                and not isinstance(widget, ChoiceCodeWidget)
                and widget.code_column in row
                and _shown(row[widget.code_column]) != ""
            ):
                return
        try:
            super().import_field(resource_field, instance, row, is_m2m=is_m2m, **kwargs)
        except (InvalidCell, ValidationError):
            raise
        except Exception as exc:
            logger.debug("Cell refused by %r: %r", widget, exc)
            value = row.get(column) if hasattr(row, "get") else None
            raise InvalidCell(
                _("“%(value)s” is not valid here; the column expects %(expected)s.")
                % {"value": _shown(value), "expected": _expected(widget)}
            ) from None

    # Exports hold Python values (numbers, dates, yes/no); export_bytes writes them per format.

    def export(self, queryset=None, **kwargs):
        kwargs.setdefault("force_native_type", True)
        return super().export(queryset, **kwargs)

    def scope(self, queryset):
        """Narrow the queryset to what `self.user` may touch (portal imports). Default: all."""
        return queryset

    def get_queryset(self):
        return self.scope(super().get_queryset())

    def column_for(self, key, row=None):
        """The column of a field (by field name or model attribute), preferring one the row has."""
        candidates = [f for name, f in self.fields.items() if name == key]
        candidates += [f for f in self.fields.values() if f.attribute == key and f not in candidates]
        if not candidates:
            return key
        if row:
            for resource_field in candidates:
                if isinstance(resource_field.widget, ChoiceCodeWidget) and _shown(row.get(resource_field.column_name)):
                    return resource_field.column_name
            for resource_field in candidates:
                if resource_field.column_name in row:
                    return resource_field.column_name
        return candidates[0].column_name

    def import_columns(self):
        return [f.column_name for f in self.get_import_fields()]

    def column_label(self, column):
        """What a column holds in the active language (the model field's name), or "" when it is
        the column's own header already or no field is behind it."""
        found = next((f for f in self.fields.values() if f.column_name == column), None)
        if found is None or not found.attribute:
            return ""
        try:
            model_field = self._meta.model._meta.get_field(found.attribute.split("__")[0])
        except (FieldDoesNotExist, AttributeError):
            return ""
        label = str(getattr(model_field, "verbose_name", "") or "")
        if isinstance(found.widget, ChoiceCodeWidget):
            label = _("%(label)s (code)") % {"label": label}
        return "" if not label or label == column else label

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
        if len(value) > MAX_CELL_CHARS:
            errors.append(CellError(row_number, column, _too_long_cell()))
            return ""
        from_csv = isinstance(value, _CsvText)
        value = str(value).strip("\ufeff")
        if from_csv and value[:1] == "'" and value[1:2] and value[1:2] in FORMULA_PREFIXES:
            return value[1:]
        value = value.strip()
        if value.startswith("=") and from_csv:
            errors.append(CellError(row_number, column, _("formulas are not accepted; type the value instead.")))
            return ""
    return value


def _too_long_cell():
    return _("this cell holds more than %(max)s characters, the most a spreadsheet cell holds; shorten it.") % {
        "max": MAX_CELL_CHARS
    }


def _csv_rows(reader):
    """The CSV reader's rows as ``_CsvText`` cells; a row it cannot read is the file's error
    (Python's csv module refuses a cell over 128 KiB: "field larger than field limit")."""
    try:
        for row in reader:
            yield [_CsvText(v) for v in row]
    except csv.Error as exc:
        row = reader.line_num
        if "field larger than field limit" in str(exc):
            message = _("Row %(row)s: a cell holds more than %(max)s characters, the most a spreadsheet cell holds.")
            raise SpreadsheetError(message % {"row": row, "max": MAX_CELL_CHARS}) from None
        raise SpreadsheetError(
            _("Row %(row)s of the CSV file cannot be read; check its quotes and line breaks.") % {"row": row}
        ) from None


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
    return _rows_to_dataset(_csv_rows(csv.reader(io.StringIO(text, newline=""), dialect)), errors)


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


def error_message(exc):
    """What to tell the person about an exception raised while importing: our own messages as
    they are, Django's validation messages (translated by Django), and for anything else a plain
    sentence instead of a Python class name."""
    if isinstance(exc, InvalidCell | SpreadsheetError):
        return str(exc)
    if isinstance(exc, ValidationError):
        return " ".join(str(m) for m in exc.messages)
    logger.warning("Unexpected error while importing a spreadsheet", exc_info=exc)
    return _("this row could not be saved; check its values or ask the secretariat.")


def _collect_result(resource, result, report, dataset):
    headers = list(dataset.headers or [])
    rows = [dict(zip(headers, values, strict=False)) for values in dataset]
    for error in result.base_errors:
        report.errors.append(CellError(None, None, error_message(error.error)))
    for number, errors in result.row_errors():
        for error in errors:
            report.errors.append(CellError(number + 1, None, error_message(error.error)))
    for invalid in result.invalid_rows:
        row = rows[invalid.number - 1] if 0 < invalid.number <= len(rows) else None
        for field_name, messages in invalid.error_dict.items():
            column = None if field_name == NON_FIELD_ERRORS else resource.column_for(field_name, row)
            for message in messages:
                report.errors.append(CellError(invalid.number + 1, column, str(message)))
    report.errors.sort(key=lambda e: (e.row or 0, e.column or ""))
    report.totals = {key: value for key, value in result.totals.items() if key != RowResult.IMPORT_TYPE_DELETE}
    report.headers = headers
    for number, (row_result, values) in enumerate(zip(result.rows, dataset, strict=False), start=2):
        if len(report.preview) >= PREVIEW_ROWS:
            break
        shown = [_preview_text(v) for v in values]
        report.preview.append((number, row_result.import_type, shown))


def _preview_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != datetime.time() else value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def run_import(resource, dataset, *, dry_run):
    """Validate (and unless `dry_run`, apply) a dataset. All or nothing; returns an ImportReport."""
    report = ImportReport(resource_name=resource.name)
    if resource.export_only:
        report.errors.append(CellError(None, None, str(resource.export_only_reason)))
        return report
    _check_columns(resource, dataset, report)
    if report.errors:
        return _with_labels(resource, report)
    _check_duplicate_keys(resource, dataset, report)
    if report.errors:
        return _with_labels(resource, report)
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
    return _with_labels(resource, report)


def _with_labels(resource, report):
    """Each error names its column also by what it holds, in the user's language."""
    for error in report.errors:
        if error.column and not error.label:
            error.label = resource.column_label(error.column)
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


def _csv_text(value):
    """A cell's text in CSV: numbers with a decimal point, ISO dates, 1/0, formulas neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if _is_formula_like(value):
        return "'" + value
    return value


def _xlsx_cell(sheet, value):
    """A typed XLSX cell: numbers as numbers, dates as dates, yes/no as booleans, the rest text
    (formula-like text as a plain text cell with the quote-prefix style, never a formula)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        cell = WriteOnlyCell(sheet, value=value.replace(tzinfo=None))
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, bool | int | float | Decimal) or value is None:
        return WriteOnlyCell(sheet, value=value)
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell = WriteOnlyCell(sheet, value=text)
    if cell.data_type != "s":  # "=…" would be a formula: store it as the text it is
        cell.data_type = "s"
    if _is_formula_like(text):
        cell.quotePrefix = True  # and tell Excel to keep it text when someone edits it
    return cell


def export_bytes(dataset, fmt):
    """Serialise a Dataset as CSV (UTF-8 with BOM, for Excel) or XLSX, with formulas neutralised."""
    if fmt == "csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(dataset.headers)
        for row in dataset:
            writer.writerow([_csv_text(v) for v in row])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    if fmt == "xlsx":
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=str(dataset.title or "datos")[:31])
        headers = [str(h) for h in dataset.headers]
        widths = [len(h) for h in headers]
        for row in dataset[:200]:
            for index, value in enumerate(row[: len(widths)]):
                widths[index] = max(widths[index], min(len(_preview_text(value)), 60))
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(width, 8) + 2
        sheet.freeze_panes = "A2"
        bold = Font(bold=True)
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(sheet, value=header)
            cell.data_type = "s"
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in dataset:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    raise SpreadsheetError(_("Unknown format “%(format)s”; use csv or xlsx.") % {"format": fmt})


def _wagtail_xlsx_value(value):
    """A value for Wagtail's XLSX cell: text without the control characters openpyxl refuses
    (it raises ``IllegalCharacterError``, a 500, for a name holding one)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def make_wagtail_exports_formula_safe():
    """Give Wagtail's ``SpreadsheetExportMixin`` the rule of ``export_bytes``, once, at start.

    Every CSV or XLSX download of the admin goes through that mixin: the viewsets' listings
    (``list_export``), the snippets', Wagtail's own reports (locked and aging pages, site
    history, workflows, redirects, search promotions, form submissions) and ours (``ReportView``).
    Wagtail writes CSV cells as they are and XLSX cells as text but without the quote prefix, so
    a record named ``=HYPERLINK(…)`` would be a live formula in the CSV, and one a person edits
    in the XLSX. Here, in one place for all of them:

    - a CSV cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
      leading apostrophe (as ``export_bytes``), and the CSV starts with a byte-order mark, so a
      spreadsheet program reads accents right;
    - such an XLSX cell is a text cell with Excel's quote-prefix style (no visible apostrophe),
      and the control characters openpyxl refuses are removed rather than failing the download.

    Called by ``NetworkSiteConfig.ready``; ``tests/network_site/test_bad_input.py`` exports a
    record named ``=HYPERLINK(…)`` through every exporting admin listing and report.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "formula_safe", False):
        return
    wagtail_preprocess = SpreadsheetExportMixin.preprocess_field_value
    wagtail_xlsx_row = SpreadsheetExportMixin.generate_xlsx_row
    wagtail_stream_csv = SpreadsheetExportMixin.stream_csv

    def preprocess_field_value(self, field, value, export_format):
        value = wagtail_preprocess(self, field, value, export_format)
        if export_format == self.FORMAT_CSV and _is_formula_like(value):
            return "'" + value
        if export_format == self.FORMAT_XLSX:
            return _wagtail_xlsx_value(value)
        return value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in wagtail_xlsx_row(self, worksheet, row_dict, date_format=date_format):
            if isinstance(cell.value, str) and (cell.data_type == "f" or _is_formula_like(cell.value)):
                cell.data_type = "s"
                cell.quotePrefix = True
            yield cell

    def stream_csv(self, queryset):
        yield "\ufeff"  # UTF-8 with BOM, as export_bytes
        yield from wagtail_stream_csv(self, queryset)

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.generate_xlsx_row = generate_xlsx_row
    SpreadsheetExportMixin.stream_csv = stream_csv
    SpreadsheetExportMixin.formula_safe = True


class FormulaSafeExportMixin:
    """Kept for the views that name it: every Wagtail export is formula-safe since
    ``make_wagtail_exports_formula_safe`` (run at start), so this mixin adds nothing."""


def export_resource(resource, fmt, queryset=None):
    dataset = resource.export(queryset)
    dataset.title = str(resource.verbose_name or resource.name)
    return export_bytes(dataset, fmt)


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

verbose_names = {"csv": gettext_lazy("CSV"), "xlsx": gettext_lazy("Excel (XLSX)")}
