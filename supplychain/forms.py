"""Portal forms of the supplychain app."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network_site.forms import date_input
from network_site.uploads import UploadValidator

from .models import ActionItem, ActionStatus, QuestionKind, Referral, RiskRegion, RiskSector, Supplier
from .models.questionnaires import CHOICE_KINDS
from .models.referrals import COUNT_FIELDS
from .validators import NO_PERSONAL_DATA_WARNING, validate_no_identifiers

EVIDENCE_EXTENSIONS = ("pdf", "jpg", "jpeg", "png", "docx", "xlsx", "odt", "ods")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
TEXT_MAX_LENGTH = 4000
SCALE_CHOICES = [(str(i), str(i)) for i in range(1, 6)]


#: The range of a number question without its own (the question's min_value / max_value).
NUMBER_MIN = Decimal(0)
NUMBER_MAX = Decimal("999999999")


def number_range(question):
    """(lowest, highest) answer a number question accepts, normalised for display (12, not 12.00)."""
    low = NUMBER_MIN if question.min_value is None else question.min_value
    high = NUMBER_MAX if question.max_value is None else question.max_value
    return Decimal(low).normalize() + 0, Decimal(high).normalize() + 0


def field_name(question):
    return f"q_{question.key}"


class SectionAnswersForm(forms.Form):
    """One field per question of a section. Nothing is required here: a section is saved
    partially; completeness is checked before submission."""

    def __init__(self, *args, questions, size="", answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        answers = answers or {}
        for question in self.questions:
            field = self._field_for(question)
            field.label = question.text
            field.help_text = question.help
            field.required = False
            field.question = question
            field.required_for_size = question.is_required_for(size)
            answer = answers.get(question.pk)
            if answer is not None:
                field.initial = self._initial(question, answer)
                field.existing_file = answer.file if question.kind == QuestionKind.EVIDENCE and answer.file else None
            self.fields[field_name(question)] = field

    @staticmethod
    def _field_for(question):
        kind = question.kind
        if kind in (QuestionKind.YES_NO, QuestionKind.SINGLE):
            options = [(o.key, o.label) for o in question.options.all()]
            return forms.ChoiceField(choices=options, widget=forms.RadioSelect)
        if kind == QuestionKind.MULTIPLE:
            options = [(o.key, o.label) for o in question.options.all()]
            return forms.MultipleChoiceField(choices=options, widget=forms.CheckboxSelectMultiple)
        if kind == QuestionKind.SCALE:
            return forms.TypedChoiceField(
                choices=SCALE_CHOICES, widget=forms.RadioSelect, coerce=int, empty_value=None
            )
        if kind == QuestionKind.NUMBER:
            low, high = number_range(question)
            return forms.DecimalField(
                min_value=low,
                max_value=high,
                decimal_places=2,
                widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
                error_messages={
                    "min_value": _("The answer must be between %(low)s and %(high)s.") % {"low": low, "high": high},
                    "max_value": _("The answer must be between %(low)s and %(high)s.") % {"low": low, "high": high},
                },
            )
        if kind == QuestionKind.EVIDENCE:
            return forms.FileField(
                widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{e}" for e in EVIDENCE_EXTENSIONS)}),
                validators=[UploadValidator(extensions=EVIDENCE_EXTENSIONS, max_bytes=EVIDENCE_MAX_BYTES)],
            )
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=TEXT_MAX_LENGTH)

    @staticmethod
    def _initial(question, answer):
        if question.kind in (QuestionKind.YES_NO, QuestionKind.SINGLE):
            return (answer.choices or [None])[0]
        if question.kind == QuestionKind.MULTIPLE:
            return list(answer.choices or [])
        if question.kind == QuestionKind.SCALE:
            return None if answer.number is None else str(int(answer.number))
        if question.kind == QuestionKind.NUMBER:
            return answer.number
        if question.kind == QuestionKind.TEXT:
            return answer.text
        return None

    def value_parts(self, question):
        """(choices, number, text, upload) of a valid field's cleaned value."""
        value = self.cleaned_data.get(field_name(question))
        if question.kind in CHOICE_KINDS:
            if question.kind == QuestionKind.MULTIPLE:
                return sorted(value or []), None, "", None
            return ([value] if value else []), None, "", None
        if question.kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
            return [], (None if value in (None, "") else Decimal(value)), "", None
        if question.kind == QuestionKind.EVIDENCE:
            return [], None, "", value or None
        return [], None, (value or "").strip(), None

    def bound_fields_for_template(self):
        return [self[field_name(q)] for q in self.questions]


class StartAssessmentForm(forms.Form):
    prefill = forms.BooleanField(
        label=_("Pre-fill with last year's answers"),
        required=False,
        initial=True,
        help_text=_("Questions that did not change keep last year's answer; review each one before submitting."),
    )


class OrganizationRecordForm(forms.ModelForm):
    """A record of the portal user's organisation: the form sets the organisation on it."""

    def __init__(self, *args, organization, **kwargs):
        self.organization = organization
        super().__init__(*args, **kwargs)
        self.instance.organization = organization


class SupplierForm(OrganizationRecordForm):
    class Meta:
        model = Supplier
        fields = [
            "name",
            "tier",
            "sector",
            "region",
            "products",
            "workers",
            "last_assessed",
            "risk_override",
            "risk_override_reason",
        ]
        widgets = {
            "last_assessed": date_input(),
            "risk_override_reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = RiskSector.objects.all()
        self.fields["region"].queryset = RiskRegion.objects.all()
        self.fields["risk_override"].help_text = _(
            "Leave empty to use the level computed from the secretariat's sector and region tables."
        )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        duplicates = Supplier.objects.filter(organization=self.organization, name__iexact=name).exclude(
            pk=self.instance.pk
        )
        if duplicates.exists():
            raise ValidationError(_("You already have a supplier with this name."))
        return name


class ActionItemForm(OrganizationRecordForm):
    """The organisation's item: marked done with an evidence file, which the secretariat verifies."""

    class Meta:
        model = ActionItem
        fields = ["finding", "action", "owner", "due_date", "verification", "status", "evidence", "evidence_note"]
        widgets = {
            "finding": forms.Textarea(attrs={"rows": 3}),
            "action": forms.Textarea(attrs={"rows": 3}),
            "due_date": date_input(),
            "evidence_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        status.choices = [(value, label) for value, label in status.choices if value != ActionStatus.VERIFIED]
        status.help_text = _("When it is done, upload the evidence: the secretariat verifies it.")
        evidence = self.fields["evidence"]
        evidence.validators.append(UploadValidator(extensions=EVIDENCE_EXTENSIONS, max_bytes=EVIDENCE_MAX_BYTES))
        evidence.widget.attrs["accept"] = ",".join(f".{e}" for e in EVIDENCE_EXTENSIONS)


class ReferralForm(OrganizationRecordForm):
    """Counts, places and dates only: the form has no field for anything that identifies a person."""

    class Meta:
        model = Referral
        fields = [
            "detected_on",
            "region",
            "supplier",
            "activity",
            "hazardous",
            *COUNT_FIELDS,
            "authority",
            "authority_other",
            "identified_notes",
        ]
        widgets = {
            "detected_on": date_input(),
            "identified_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supplier"].queryset = Supplier.objects.for_organization(self.organization)
        self.fields["region"].queryset = RiskRegion.objects.all()
        for name in COUNT_FIELDS:
            self.fields[name].widget.attrs.update({"min": 0, "inputmode": "numeric"})
        if self.instance.pk:
            # The first step's date is fixed once later steps exist.
            self.fields["detected_on"].disabled = self.instance.status != "identified"


class ReferralStepForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=date_input())
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_LENGTH,
        validators=[validate_no_identifiers],
        help_text=NO_PERSONAL_DATA_WARNING,
    )

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.referral = referral
        self.fields["on"].initial = timezone.localdate()

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return on


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (CSV or XLSX)"))
