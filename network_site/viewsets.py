"""The core's building blocks for the apps' admin viewsets (each app's `viewsets.py`).

`RecordViewSet` is Wagtail's `ModelViewSet` with the defaults every app's records share: each
record has an inspect view and none is copied. `object_buttons` builds the buttons of a listing
row (`ListingButton`) or an object page's header (`HeaderButton`) that lead to one of the
object's own views, named in its viewset; `RecordIndexView` and `RecordInspectView` add the
buttons their `row_buttons(instance)` and `header_buttons_for_object()` declare. `ChoiceTagColumn`
shows a choice field (a status) as a tag.
"""

from django.urls import reverse
from django.utils.functional import cached_property

from wagtail.admin.ui.tables import StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton, ListingButton


class RecordViewSet(ModelViewSet):
    """A `ModelViewSet` whose records are read in an inspect view and never copied."""

    inspect_view_enabled = True
    copy_view_enabled = False


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
