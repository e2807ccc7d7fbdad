"""Forms of the secretariat's admin for the supplychain app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from members.models import OrganizationSize


class QuestionAdminForm(WagtailAdminModelForm):
    required_sizes = forms.MultipleChoiceField(
        label=_("required for company sizes"),
        choices=OrganizationSize.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "condition_option" in self.fields and self.instance.pk and self.instance.section_id:
            from .models import Option

            self.fields["condition_option"].queryset = (
                Option.objects.filter(question__section__questionnaire_id=self.instance.section.questionnaire_id)
                .exclude(question=self.instance)
                .select_related("question")
            )
