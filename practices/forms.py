"""The portal's form of a good practice (a member proposes its own; the organisation is its own)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CONTACT_FIELDS, GoodPractice

#: What a member writes (its organisation is set by the view; documents and photos are added by
#: the secretariat or the regional staff in the admin).
PORTAL_FIELDS = [
    "title",
    "acceleration_factors",
    "thematic_area",
    "summary",
    "results",
    "languages",
    "year",
    *CONTACT_FIELDS,
]


class PracticeForm(forms.ModelForm):
    class Meta:
        model = GoodPractice
        fields = PORTAL_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "results": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"contact_name": _("Seen only by the secretariats and the regional staff, never published.")}

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        if organization is not None:
            self.instance.organization = organization
            self.instance.network = organization.network
