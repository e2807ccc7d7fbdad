"""Portal forms: commitments, progress reports with evidence, the pledge signature, imports."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from network_site.forms import date_input
from network_site.uploads import check_upload

from .models import COMMITMENT_EDITABLE_FIELDS, Commitment, IndicatorKind, ProgressReport

#: Accepted evidence (each checked by content, see network_site.uploads).
EVIDENCE_EXTENSIONS = ("docx", "jpeg", "jpg", "ods", "odt", "pdf", "png", "webp", "xlsx")


def evidence_max_bytes():
    return int(getattr(settings, "COMMITMENTS_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))


def check_evidence_file(upload):
    """Validate an uploaded evidence file; returns (kind, content_type) or raises ValidationError."""
    return check_upload(upload, extensions=EVIDENCE_EXTENSIONS, max_bytes=evidence_max_bytes())


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        files = data if isinstance(data, list | tuple) else [data]
        errors, cleaned = [], []
        for upload in files:
            try:
                super().clean(upload, initial)
                cleaned.append((upload, *check_evidence_file(upload)))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = COMMITMENT_EDITABLE_FIELDS
        widgets = {
            "start_date": date_input(),
            "end_date": date_input(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }


class ProgressReportForm(forms.ModelForm):
    evidence_files = MultipleFileField(
        label=_("Evidence (documents or photos)"),
        required=False,
        help_text=_("PDF, Word, Excel, OpenDocument, JPEG, PNG or WebP; at most 10 MB each."),
    )

    class Meta:
        model = ProgressReport
        fields = ["value", "narrative"]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        commitment = self.instance.commitment
        unit = commitment.indicator_unit
        self.fields["value"].label = commitment.indicator_name
        if commitment.indicator_kind == IndicatorKind.YES_NO:
            self.fields["value"] = forms.TypedChoiceField(
                label=commitment.indicator_name,
                choices=[("", "—"), ("1", _("Yes")), ("0", _("No"))],
                coerce=int,
                empty_value=None,
                required=False,
            )
        elif commitment.indicator_kind == IndicatorKind.PERCENTAGE:
            self.fields["value"].help_text = _("Percentage, from 0 to 100.")
            self.fields["value"].min_value = 0
        else:
            self.fields["value"].help_text = unit

    def clean_value(self):
        value = self.cleaned_data.get("value")
        if value is None:
            return value
        kind = self.instance.commitment.indicator_kind
        if kind == IndicatorKind.PERCENTAGE and not 0 <= value <= 100:
            raise ValidationError(_("A percentage is between 0 and 100."))
        if kind == IndicatorKind.NUMBER and value < 0:
            raise ValidationError(_("The value cannot be negative."))
        return value

    def save(self, commit=True):
        """Writes only what the member filled in (and the time): a draft's own fields, which no
        public page shows, so saving a draft keeps the cached public pages (wagtail_hooks.report_shows)."""
        report = super().save(commit=False)
        if commit:
            report.save(update_fields=[*self._meta.fields, "updated_at"])
        return report


class SignPledgeForm(forms.Form):
    signer_name = forms.CharField(label=_("Your full name"), max_length=150)
    signer_position = forms.CharField(label=_("Your position in the organisation"), max_length=150)
    accept = forms.BooleanField(
        label=_("I have read the pledge and sign it on behalf of my organisation."), required=True
    )


class ReviewCommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ReturnCommentForm(ReviewCommentForm):
    """Returning needs a reason: the organisation is told it by e-mail."""

    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why they are returned: the comment is required.")},
    )


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (CSV or XLSX)"))
