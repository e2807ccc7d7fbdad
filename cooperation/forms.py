"""Forms of the cooperation board's admin tools: matching, and an activity's follow-up."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from network_site.forms import date_input

from .choices import ActivityStatus
from .matching import check_match
from .models import CooperationDemand, CooperationOffer


class PostChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} · {obj.network} · {obj.get_topic_display()}"


class PostMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} · {obj.network} · {obj.get_topic_display()}"


class MatchForm(forms.Form):
    """A demand, the offers that answer it, and what the agreement says."""

    demand = PostChoiceField(
        label=_("Demand"),
        queryset=CooperationDemand.objects.open().select_related("network").order_by("network__short_name", "title"),
    )
    offers = PostMultipleChoiceField(
        label=_("Offers"),
        queryset=CooperationOffer.objects.open().select_related("network").order_by("network__short_name", "title"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One or more offers, from another network than the demand's."),
    )
    title = forms.CharField(
        label=_("Title of the agreement"), max_length=255, required=False, help_text=_("Default: the demand's title.")
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    is_public = forms.BooleanField(
        label=_("Public"), required=False, help_text=_("Shown with its activities on the regional cooperation board.")
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=date_input())
    end_date = forms.DateField(label=_("End date"), required=False, widget=date_input())

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date comes before the start date."))
        demand, offers = cleaned.get("demand"), cleaned.get("offers")
        if demand is not None and offers:
            try:
                check_match(demand, offers, user=self.user)
            except PermissionDenied:
                raise
            except ValidationError as exc:
                raise ValidationError(exc.messages) from exc
        return cleaned


class FollowUpForm(forms.Form):
    """A follow-up note on an activity, with the status it reports."""

    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    comment = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, activity=None, **kwargs):
        self.activity = activity
        super().__init__(*args, **kwargs)
        if activity is not None:
            allowed = {activity.status, *activity.lifecycle.targets(activity.status)}
            self.fields["status"].choices = [(v, label) for v, label in ActivityStatus.choices if v in allowed]
            self.fields["status"].initial = activity.status
