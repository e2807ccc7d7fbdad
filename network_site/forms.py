"""Form pieces every app's forms use."""

from django import forms


def date_input():
    """The browser's date picker, given the ISO date it expects (YYYY-MM-DD) in every language."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
