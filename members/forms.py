"""Forms of the members app: the public application form and the secretariat's decision forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models.organizations import Application, MembershipStatus  # the module: the pages import this one


class ApplicationForm(forms.ModelForm):
    """ "Únase a la Red". `fax` is a honeypot: hidden from people, filled in by spam robots."""

    fax = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Application
        fields = [
            "name",
            "kind",
            "sector",
            "size",
            "scope",
            "region",
            "website",
            "description",
            "contact_name",
            "contact_position",
            "contact_email",
            "contact_phone",
            "accepts_principles",
        ]
        widgets = {
            "scope": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel"}),
            "website": forms.URLInput(attrs={"placeholder": "https://"}),
        }
        labels = {"accepts_principles": _("I have read and accept the network's principles")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accepts_principles"].required = True
        self.fields["accepts_principles"].error_messages["required"] = _(
            "To join, the organisation must accept the network's principles."
        )
        for name in ("sector", "size"):
            # No preselected value: the applicant has to choose.
            self.fields[name].choices = [("", "---------"), *self.fields[name].choices[1:]]
        for name in self.fields:
            if name in ("scope", "accepts_principles", "fax"):
                continue
            self.fields[name].widget.attrs.setdefault("class", "input")

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("fax"))

    def clean_contact_email(self):
        return self.cleaned_data["contact_email"].strip().lower()


class DecisionForm(forms.Form):
    """Approve or reject an application, with a reason."""

    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, reason_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_required
        if reason_required:
            self.fields["reason"].help_text = _("The applicant receives this reason by e-mail.")


class StatusChangeForm(forms.Form):
    """Change an organisation's membership status, with a reason kept in its history."""

    status = forms.ChoiceField(label=_("New status"), choices=())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["status"].choices = [
            (status, MembershipStatus(status).label) for status in organization.available_transitions()
        ]


class BulkReasonForm(forms.Form):
    """The reason asked by the bulk "activate" and "suspend" actions."""

    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
