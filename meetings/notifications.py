"""E-mails to a meeting's invitees: convocation, reschedule, cancellation and reminder.

Every sending reaches each address once, however many invitations lead to it (a person
invited by name whose organisation is also invited gets one e-mail). Each e-mail carries
the date, time and place in its text, and an iCalendar attachment with the meeting's
stable UID (METHOD:REQUEST, or METHOD:CANCEL for a cancellation).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from members.models import Person, PortalAccount
from network_site.emails import send_templated_email

from .ics import ics_filename, meeting_ics
from .models import Invitation, ReplyStatus

ICS_MIMETYPE = "text/calendar"


def _absolute(url):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def recipients(meeting, *, include_declined=True):
    """{address: invitation} for every invitee address, each address once.

    Invitations to a person or a guest come first, so that their own reply link wins over
    their organisation's invitation. Organisations are reached through their focal points
    and their portal users.
    """
    invitations = meeting.invitations.select_related("organization", "person__organization")
    if not include_declined:
        invitations = invitations.exclude(status=ReplyStatus.DECLINED)
    invitations = sorted(invitations, key=lambda inv: (inv.kind == "organization", inv.pk))
    org_ids = [inv.organization_id for inv in invitations if inv.organization_id]
    org_addresses = {}
    if org_ids:
        for org_id, email in Person.objects.filter(organization_id__in=org_ids, is_focal_point=True).values_list(
            "organization_id", "email"
        ):
            org_addresses.setdefault(org_id, []).append(email)
        for org_id, email in PortalAccount.objects.filter(
            organization_id__in=org_ids, user__is_active=True
        ).values_list("organization_id", "user__email"):
            org_addresses.setdefault(org_id, []).append(email)
    found = {}
    for invitation in invitations:
        if invitation.kind == "guest":
            addresses = [invitation.guest_email]
        elif invitation.kind == "person":
            addresses = [invitation.person.email]
        else:
            addresses = org_addresses.get(invitation.organization_id, [])
        for address in addresses:
            key = (address or "").strip().lower()
            if key and key not in found:
                found[key] = invitation
    return found


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
    targets = recipients(meeting, include_declined=include_declined)
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
        Invitation.objects.filter(pk__in=sent_ids).update(last_sent_at=timezone.now())
    return len(targets)


def send_convocation(meeting, *, update=False):
    return _send(meeting, "meetings/emails/convocation", extra={"is_update": update})


def send_reschedule(meeting, *, reason=""):
    return _send(meeting, "meetings/emails/rescheduled", extra={"reason": reason})


def send_cancellation(meeting):
    return _send(meeting, "meetings/emails/cancelled", method="CANCEL", extra={"reason": meeting.cancellation_reason})


def send_reminder(meeting):
    return _send(meeting, "meetings/emails/reminder", include_declined=False)
