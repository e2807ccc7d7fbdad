"""The core's building blocks for the apps' admin viewsets (each app's `viewsets.py`).

`RecordViewSet` is Wagtail's `ModelViewSet` with the defaults every app's records share: each
record has an inspect view and none is copied. `object_buttons` builds the buttons of a listing
row (`ListingButton`) or an object page's header (`HeaderButton`) that lead to one of the
object's own views, named in its viewset.
"""

from django.urls import reverse

from wagtail.admin.viewsets.model import ModelViewSet


class RecordViewSet(ModelViewSet):
    """A `ModelViewSet` whose records are read in an inspect view and never copied."""

    inspect_view_enabled = True
    copy_view_enabled = False


def object_buttons(button_class, obj, *buttons):
    """One `button_class` for each `(label, url_name, icon_name, priority)`, its URL `url_name` with `obj.pk`."""
    return [
        button_class(label, url=reverse(url_name, args=[obj.pk]), icon_name=icon_name, priority=priority)
        for label, url_name, icon_name, priority in buttons
    ]
