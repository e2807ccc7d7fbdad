"""Template filters of the spreadsheet previews (admin and portal imports)."""

from django import template

from network_site.spreadsheets import change_label

register = template.Library()


@register.filter
def import_change(import_type):
    """The translated word for what an import does to a row: "new" → "Nueva", "invalid" → "No válida"."""
    return change_label(import_type)
