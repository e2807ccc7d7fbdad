"""The core's building blocks for the apps' admin viewsets (each app's `viewsets.py`).

`RecordViewSet` is Wagtail's `ModelViewSet` with the defaults every app's records share: each
record has an inspect view and none is copied. `object_buttons` builds the buttons of a listing
row (`ListingButton`) or an object page's header (`HeaderButton`) that lead to one of the
object's own views, named in its viewset; `RecordIndexView` and `RecordInspectView` add the
buttons their `row_buttons(instance)` and `header_buttons_for_object()` declare. `ChoiceTagColumn`
shows a choice field (a status) as a tag.

Listings print dates as dates and booleans as "Sí"/"No": `CalendarDateColumn` shows the
localized date (Wagtail's `DateColumn` says "in 3 days", which hides when a meeting is), and
`YesNoColumn` the word next to Wagtail's tick or cross. A `RecordViewSet` gives every date or
boolean field named in `list_display`, and every Wagtail `DateColumn` or `BooleanColumn` in it,
these columns (`listing_columns`), so no listing of the apps shows relative dates or a bare icon.
"""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import BaseColumn, BooleanColumn, Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton, ListingButton


class CalendarDateColumn(Column):
    """A date (or date and time, in the site's time zone) printed as such: "5 de marzo de 2026"."""

    def get_value(self, instance):
        value = super().get_value(instance)
        if isinstance(value, datetime.datetime):
            if timezone.is_aware(value):
                value = timezone.localtime(value)
            return formats.date_format(value, "DATETIME_FORMAT")
        if isinstance(value, datetime.date):
            return formats.date_format(value, "DATE_FORMAT")
        return value


class YesNoColumn(Column):
    """A boolean printed as the translated word "Sí"/"No" beside Wagtail's tick or cross."""

    cell_template_name = "columns/yes_no_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        raw = context["raw_value"]
        context["flag"] = None if raw is None else bool(raw)
        context["value"] = "" if raw is None else (_("Yes") if raw else _("No"))
        return context


def _copy_column(column, column_class):
    return column_class(
        column.name,
        label=column.label,
        accessor=column.accessor,
        classname=column.classname,
        sort_key=column.sort_key,
        width=column.width,
    )


def listing_columns(model, list_display):
    """`list_display` with dates as `CalendarDateColumn` and booleans as `YesNoColumn`.

    Field names of date, date-time and boolean fields become those columns (with the field's
    label and sorting); Wagtail's own `DateColumn` and `BooleanColumn` are replaced by ours.
    The first entry (the title) and every other column stay as they are.
    """
    result = []
    for index, entry in enumerate(list_display):
        if index and isinstance(entry, str) and "__" not in entry:
            try:
                field = model._meta.get_field(entry)
            except FieldDoesNotExist:
                field = None
            if isinstance(field, (models.DateField, models.BooleanField)):
                column_class = YesNoColumn if isinstance(field, models.BooleanField) else CalendarDateColumn
                entry = column_class(entry, label=capfirst(field.verbose_name), sort_key=entry)
        elif isinstance(entry, BaseColumn) and type(entry) in (DateColumn, BooleanColumn):
            entry = _copy_column(entry, CalendarDateColumn if type(entry) is DateColumn else YesNoColumn)
        result.append(entry)
    return result


class RecordViewSet(ModelViewSet):
    """A `ModelViewSet` whose records are read in an inspect view and never copied; its listing
    prints dates as dates and booleans as "Sí"/"No" (`listing_columns`)."""

    inspect_view_enabled = True
    copy_view_enabled = False

    def get_index_view_kwargs(self, **kwargs):
        view_kwargs = super().get_index_view_kwargs(**kwargs)
        if isinstance(view_kwargs.get("list_display"), (list, tuple)):
            view_kwargs["list_display"] = listing_columns(self.model, view_kwargs["list_display"])
        return view_kwargs


class ChoiceTagColumn(StatusTagColumn):
    """A choice field shown as a tag with its label, highlighted for the values in `primary_values`."""

    def __init__(self, name, *, primary_values, **kwargs):
        super().__init__(
            name,
            accessor=f"get_{name}_display",
            primary=lambda instance: getattr(instance, name) in primary_values,
            **kwargs,
        )


def object_buttons(button_class, obj, *buttons):
    """One `button_class` for each `(label, url_name, icon_name, priority)`, its URL `url_name` with `obj.pk`."""
    return [
        button_class(label, url=reverse(url_name, args=[obj.pk]), icon_name=icon_name, priority=priority)
        for label, url_name, icon_name, priority in buttons
    ]


class RecordIndexView(generic.IndexView):
    """An index whose rows' "more" menu adds the buttons `row_buttons(instance)` declares."""

    def row_buttons(self, instance):
        """`(label, url_name, icon_name, priority)` for each button this row adds."""
        return []

    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            *object_buttons(ListingButton, instance, *self.row_buttons(instance)),
        ]


class RecordInspectView(generic.InspectView):
    """An inspect view whose header adds the buttons `header_buttons_for_object()` declares."""

    def header_buttons_for_object(self):
        """`(label, url_name, icon_name, priority)` for each button the header adds."""
        return []

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            *object_buttons(HeaderButton, self.object, *self.header_buttons_for_object()),
        ]
