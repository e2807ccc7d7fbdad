"""Buttons of the admin's listings and object pages that lead to one of an object's own views.

Wagtail's `HeaderButton` (an inspect or edit page's header) and `ListingButton` (a listing row's
"more" menu) take a label, a URL, an icon and a priority; the apps' buttons mostly point to a URL
named in their viewset with the object's primary key, which `object_buttons` builds once.
"""

from django.urls import reverse


def object_buttons(button_class, obj, *buttons):
    """One `button_class` for each `(label, url_name, icon_name, priority)`, its URL `url_name` with `obj.pk`."""
    return [
        button_class(label, url=reverse(url_name, args=[obj.pk]), icon_name=icon_name, priority=priority)
        for label, url_name, icon_name, priority in buttons
    ]
