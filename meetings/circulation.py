"""Circulating the minutes for comments (the secretariat's "Circulate" step in the admin).

The secretariat picks the day until which attendees may comment (MINUTES_COMMENT_DAYS from
today by default, always a day after today); ``Meeting.circulate_minutes`` then moves the
meeting, records the deadline in its history and e-mails every attendee in their language
(meetings.notifications). Attendees see "minutes to comment" on their portal dashboard until
that day (meetings.dashboard), and the portal accepts comments until it (meetings.views).
"""

import datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from network_site.forms import date_input

from .admin_views import MeetingAdminMixin
from .models import MeetingStatus
from .notifications import minutes_recipients


def default_deadline(today=None):
    return (today or timezone.localdate()) + datetime.timedelta(days=getattr(settings, "MINUTES_COMMENT_DAYS", 10))


def comments_open(meeting, today=None):
    """Whether the portal takes comments on the meeting's minutes today (the deadline day included)."""
    if meeting.status != MeetingStatus.MINUTES_CIRCULATED:
        return False
    due = meeting.minutes_comments_due
    return due is None or (today or timezone.localdate()) <= due


class CirculateForm(forms.Form):
    comments_due = forms.DateField(
        label=gettext_lazy("Comments accepted until"),
        help_text=gettext_lazy("Attendees may comment in the portal until this day (included)."),
        widget=date_input(),
    )
    message = forms.CharField(
        label=gettext_lazy("Note for the history (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_comments_due(self):
        due = self.cleaned_data["comments_due"]
        if due <= timezone.localdate():
            raise ValidationError(
                _("Choose a day after today: %(today)s has already begun.")
                % {"today": formats.date_format(timezone.localdate(), "DATE_FORMAT")},
                code="past_deadline",
            )
        return due


class CirculateView(MeetingAdminMixin, FormView):
    """Ask for the comment deadline, then circulate the minutes and tell the attendees."""

    form_class = CirculateForm
    template_name = "meetings/admin/circulate.html"
    page_title = gettext_lazy("Circulate the minutes for comments")

    def get_initial(self):
        return {"comments_due": default_deadline()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        recipients = minutes_recipients(self.meeting)
        context.update(
            recipients_count=len(recipients),
            can_circulate=self.meeting.status == MeetingStatus.MINUTES_DRAFT,
        )
        return context

    def form_valid(self, form):
        try:
            sent = self.meeting.circulate_minutes(
                form.cleaned_data["comments_due"], user=self.request.user, comment=form.cleaned_data["message"]
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "comments_due" in exc.error_dict:
                form.add_error("comments_due", exc.error_dict["comments_due"])
            else:
                form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The minutes are circulated for comments until %(date)s; %(count)s addresses were told.")
            % {"date": formats.date_format(self.meeting.minutes_comments_due, "DATE_FORMAT"), "count": sent},
        )
        return redirect(self.meeting.get_admin_manage_url())
