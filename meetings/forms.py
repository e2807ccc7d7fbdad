"""Forms of the meetings app (admin actions and portal)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from members.models import Organization, Person, Sector

from .models import (
    AgendaItem,
    AgreementStatus,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingStatus,
    MinutesComment,
    ReplyStatus,
    validate_evidence,
)

#: What approval freezes. The public summary is not part of it: it may still be corrected (and,
#: once published, the site shows the corrected text).
MINUTES_FIELDS = ("general_conclusions",)
SUMMARY_REQUIRED = _("A published summary cannot be empty: withdraw it from the site first.")


def _rich_text_key(value):
    """Rich text as compared for a change: the editor's block keys and spacing left out (the
    editor turns stored HTML into the same text with its own attributes)."""
    text = re.sub(r'\sdata-block-key="[^"]*"', "", str(value or ""))
    return re.sub(r"\s+", " ", text).strip()


def _is_empty_rich_text(value):
    return not strip_tags(value or "").replace("&nbsp;", " ").strip()


class MeetingAdminForm(WagtailAdminModelForm):
    """The meeting's admin form: once the minutes are approved they are locked (not the public summary)."""

    def clean(self):
        cleaned = super().clean()
        meeting = self.instance
        if meeting.pk and meeting.minutes_locked:
            changed = [
                name
                for name in MINUTES_FIELDS
                if name in self.changed_data
                and _rich_text_key(self.cleaned_data.get(name)) != _rich_text_key(getattr(meeting, name))
            ]
            for name in ("agenda_items", "attachments"):
                formset = self.formsets.get(name) if hasattr(self, "formsets") else None
                if formset is not None and formset.has_changed():
                    changed.append(name)
            if changed:
                raise ValidationError(
                    _(
                        "The minutes are approved and locked; they can no longer be changed. "
                        "Only the public summary can still be corrected."
                    )
                )
        published = meeting.pk and meeting.status == MeetingStatus.PUBLISHED and "public_summary" in self.fields
        if published and _is_empty_rich_text(cleaned.get("public_summary")):
            self.add_error("public_summary", SUMMARY_REQUIRED)
        return cleaned


class PublicSummaryForm(forms.ModelForm):
    """The public summary alone: it can be written or corrected at any time, also after approval."""

    class Meta:
        model = Meeting
        fields = ["public_summary"]

    def clean_public_summary(self):
        value = self.cleaned_data.get("public_summary") or ""
        if self.instance.status == MeetingStatus.PUBLISHED and _is_empty_rich_text(value):
            raise ValidationError(SUMMARY_REQUIRED)
        return value


class CopyMeetingForm(forms.Form):
    """The next session: a copy of the meeting's details and agenda, on a new date."""

    title = forms.CharField(label=_("Title"), max_length=255)
    start = forms.DateTimeField(label=_("Start"))
    end = forms.DateTimeField(label=_("End"))
    invite_same = forms.BooleanField(
        label=_("Invite the same organisations, people and guests"),
        required=False,
        initial=True,
        help_text=_("They are invited again with no reply; nothing is sent until you convene the new meeting."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            self.fields[name].widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The meeting must end after it starts."))
        return cleaned


class AgreementAdminForm(WagtailAdminModelForm):
    """An agreement's form: only the agenda items of its own meeting can be chosen (checked on save)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meeting_id = self._meeting_id()
        items = AgendaItem.objects.select_related("meeting").order_by("meeting__start", "sort_order", "pk")
        if "agenda_item" not in self.fields:
            return
        field = self.fields["agenda_item"]
        if meeting_id:
            field.queryset = items.filter(meeting_id=meeting_id)
            field.label_from_instance = lambda item: item.title
            if not self.is_bound and "meeting" in self.fields and not self.instance.pk:
                self.fields["meeting"].queryset = Meeting.objects.filter(pk=meeting_id)
                self.fields["meeting"].empty_label = None
        else:
            field.queryset = items
            field.label_from_instance = lambda item: f"{item.meeting} · {item.title}"
        field.help_text = _("Only the agenda items of the agreement's meeting.")

    def _meeting_id(self):
        if self.is_bound:
            value = self.data.get(self.add_prefix("meeting"))
        else:
            value = self.initial.get("meeting") or self.instance.meeting_id
        value = getattr(value, "pk", value)
        return int(value) if value is not None and str(value).isdigit() else None

    def clean(self):
        cleaned = super().clean()
        meeting, item = cleaned.get("meeting"), cleaned.get("agenda_item")
        if meeting and item and item.meeting_id != meeting.pk:
            self.add_error(
                "agenda_item", _("This agenda item belongs to another meeting: choose one of this meeting's items.")
            )
        return cleaned


class InviteForm(forms.Form):
    all_active_members = forms.BooleanField(label=_("All active member organisations"), required=False)
    sector = forms.ChoiceField(
        label=_("All active members of a sector"), required=False, choices=[("", "—"), *Sector.choices]
    )
    organizations = forms.ModelMultipleChoiceField(
        label=_("Chosen organisations"),
        queryset=Organization.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Member organisations and partner institutions."),
    )
    people = forms.ModelMultipleChoiceField(
        label=_("Chosen people"),
        queryset=Person.objects.select_related("organization").order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    guests = forms.CharField(
        label=_("External guests"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: name; organisation; e-mail"),
    )

    def clean_guests(self):
        guests = []
        errors = []
        for number, line in enumerate(self.cleaned_data["guests"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(";")]
            if len(parts) != 3 or not parts[0] or not parts[2]:
                errors.append(_("Line %(n)s: write name; organisation; e-mail.") % {"n": number})
                continue
            name, organization, email = parts
            try:
                validate_email(email)
            except ValidationError:
                errors.append(_("Line %(n)s: “%(email)s” is not a valid e-mail.") % {"n": number, "email": email})
                continue
            guests.append({"name": name[:150], "organization": organization[:200], "email": email.lower()})
        if errors:
            raise ValidationError(errors)
        return guests

    def clean(self):
        cleaned = super().clean()
        if (
            not any(
                [
                    cleaned.get("all_active_members"),
                    cleaned.get("sector"),
                    cleaned.get("organizations"),
                    cleaned.get("people"),
                    cleaned.get("guests"),
                ]
            )
            and not self.errors
        ):
            raise ValidationError(_("Choose whom to invite."))
        return cleaned


class LocalDateTimeField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs):
        super().__init__(input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"], **kwargs)


class RescheduleForm(forms.Form):
    start = LocalDateTimeField(label=_("New start"))
    end = LocalDateTimeField(label=_("New end"))
    place = forms.CharField(label=_("Place"), required=False, max_length=255)
    reason = forms.CharField(
        label=_("Reason (sent to invitees)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The meeting must end after it starts."))
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason (sent to invitees)"), widget=forms.Textarea(attrs={"rows": 3}))


class AttendanceForm(forms.ModelForm):
    """One person's row: the name and the attendance choice (radio buttons) always visible; the
    other details (organisation, body, role, e-mail, notes) in a disclosure of the same row."""

    #: The fields shown in the row's "details" disclosure, in order.
    DETAIL_FIELDS = ("organization", "organization_name", "body", "role", "email", "notes")

    class Meta:
        model = Attendance
        fields = ["name", "organization", "organization_name", "body", "status", "role", "email", "notes"]
        widgets = {
            "status": forms.RadioSelect,
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A pre-filled invitee row is only recorded once its attendance is chosen.
        self.fields["status"].choices = AttendanceStatus.choices
        self.fields["status"].required = False
        self.fields["status"].initial = None

    def detail_fields(self):
        return [self[name] for name in self.DETAIL_FIELDS]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("status"):
            self.add_error("status", _("Choose present, absent or excused."))
        if not (cleaned.get("name") or "").strip():
            self.add_error("name", _("Give the person's name."))
        return cleaned


class BaseAttendanceFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        names = {}
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            name = (form.cleaned_data.get("name") or "").strip().lower()
            if name and name in names:
                form.add_error("name", _("This name is already on the list."))
            names[name] = True


def attendance_formset_class(extra=3):
    return forms.modelformset_factory(
        Attendance, form=AttendanceForm, formset=BaseAttendanceFormSet, extra=extra, can_delete=True
    )


class ReplyForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Your reply"),
        choices=[(ReplyStatus.ACCEPTED, _("We will attend")), (ReplyStatus.DECLINED, _("We cannot attend"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=500)


class MinutesCommentForm(forms.ModelForm):
    class Meta:
        model = MinutesComment
        fields = ["agenda_item", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = (
            meeting.agenda_items.all() if meeting else self.fields["agenda_item"].queryset.none()
        )
        self.fields["agenda_item"].required = False
        self.fields["agenda_item"].empty_label = _("The minutes as a whole")


class AgreementProgressForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (AgreementStatus.IN_PROGRESS, AgreementStatus.IN_PROGRESS.label),
            (AgreementStatus.DONE, AgreementStatus.DONE.label),
        ],
    )
    comment = forms.CharField(label=_("What has been done"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    evidence = forms.FileField(
        label=_("Evidence (optional)"),
        required=False,
        validators=[validate_evidence],
        help_text=_("PDF, office document or photo, up to 10 MB."),
    )


class AgreementStatusForm(forms.Form):
    """The secretariat's status change on an agreement (admin)."""

    status = forms.ChoiceField(label=_("New status"), choices=AgreementStatus.choices)
    reason = forms.CharField(label=_("Comment or reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == AgreementStatus.DROPPED and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why the agreement is dropped."))
        return cleaned
