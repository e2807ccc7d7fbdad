"""E-mails to a meeting's invitees: convocation, reschedule, cancellation and reminder.

Every sending reaches each address once, however many invitations lead to it (a person
invited by name whose organisation is also invited gets one e-mail). Each e-mail carries
the date, time and place in its text, and an iCalendar attachment with the meeting's
stable UID (METHOD:REQUEST, or METHOD:CANCEL for a cancellation). Who receives them is the
meeting's own rule (``Meeting.recipients``): this module imports no model, the models call it.
"""

from django.urls import reverse
from django.utils import timezone

from network_site.emails import send_templated_email
from network_site.links import absolute_url

from .ics import ics_filename, meeting_ics

ICS_MIMETYPE = "text/calendar"


def _absolute(url):
    return absolute_url(url)


def _base_context(meeting):
    items = list(meeting.agenda_items.select_related("presenter__organization"))
    return {
        "meeting": meeting,
        "agenda_days": meeting.agenda_by_day(items),
        "follow_up": list(meeting.follow_up_agreements()),
        "portal_url": _absolute(reverse("meetings_portal:detail", args=[meeting.pk])),
    }, items


def _send(meeting, template, *, method="REQUEST", include_declined=True, extra=None):
    context, _items = _base_context(meeting)
    context.update(extra or {})
    ics = meeting_ics(meeting, method=method)
    attachment = (ics_filename(meeting), ics, ICS_MIMETYPE)
    targets = meeting.recipients(include_declined=include_declined)
    for address, invitation in targets.items():
        send_templated_email(
            template,
            {
                **context,
                "invitation": invitation,
                "reply_url": invitation.get_reply_url() if invitation.kind != "organization" else "",
            },
            to=[address],
            attachments=[attachment],
        )
    sent_ids = {inv.pk for inv in targets.values()}
    if sent_ids:
        meeting.invitations.filter(pk__in=sent_ids).update(last_sent_at=timezone.now())
    return len(targets)


def send_convocation(meeting, *, update=False):
    return _send(meeting, "meetings/emails/convocation", extra={"is_update": update})


def send_reschedule(meeting, *, reason=""):
    return _send(meeting, "meetings/emails/rescheduled", extra={"reason": reason})


def send_cancellation(meeting):
    return _send(meeting, "meetings/emails/cancelled", method="CANCEL", extra={"reason": meeting.cancellation_reason})


def send_reminder(meeting):
    return _send(meeting, "meetings/emails/reminder", include_declined=False)
