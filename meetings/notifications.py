"""E-mails to a meeting's people: convocation, reschedule, cancellation, reminder, and the minutes
circulated for comments.

Every sending reaches each address once, however many invitations lead to it (a person
invited by name whose organisation is also invited gets one e-mail), in that person's language
(their Wagtail profile's preferred language, else the first of their contact's languages, else
the site's). Each invitation e-mail carries the date, time and place in its text and a calendar
request made for its one invitee (``meetings.ics``: METHOD:REQUEST, or CANCEL for a cancellation,
the meeting's stable UID, the secretariat as ORGANIZER, the invitee as ATTENDEE with RSVP=TRUE),
both attached as a ``.ics`` file and as a ``text/calendar; method=…`` part of the body, which is
what Outlook and Gmail show as an invitation. Replies go to the secretariat (Reply-To), not to
the no-reply sender.

Who receives invitations is the meeting's own rule (``Meeting.recipients``); who receives the
circulated minutes is ``minutes_recipients`` below (the people of the attendance register).
This module imports no meetings model: the models call it.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from members.models import Person, PortalAccount
from network_site.emails import send_templated_email
from network_site.links import absolute_url

from .ics import CANCEL_MIMETYPE, REQUEST_MIMETYPE, ics_filename, meeting_ics, organizer_address

#: Kept for callers that name it: the base type of every calendar attachment.
ICS_MIMETYPE = "text/calendar"


def reply_to():
    """The secretariat's address for replies (settings.SECRETARIAT_REPLY_TO), as a list."""
    address = organizer_address()[1]
    return [address] if address else []


def _language(value):
    """The first language code of ``value`` ("en", "en, es", "pt-br") that the site offers, or ""."""
    offered = {code for code, _name in settings.LANGUAGES}
    for part in (value or "").replace(";", ",").split(","):
        code = part.strip().lower()
        if code in offered:
            return code
        if code.split("-")[0] in offered:
            return code.split("-")[0]
    return ""


def people_by_address(addresses):
    """{address: (name, language)} for addresses of contact people and users (two queries).

    A user's preferred language (their Wagtail profile, chosen in the admin's account page) wins
    over the languages noted on their contact record; the site's language is the default.
    """
    keys = {(address or "").strip().lower() for address in addresses if address}
    found = dict.fromkeys(keys, ("", ""))
    if not keys:
        return {}
    for email, name, languages in Person.objects.filter(email__in=keys).values_list("email", "name", "languages"):
        found[email.lower()] = (name, _language(languages))
    accounts = PortalAccount.objects.filter(user__email__in=keys).values_list(
        "user__email", "user__first_name", "user__last_name", "user__wagtail_userprofile__preferred_language"
    )
    for email, first, last, preferred in accounts:
        name, language = found.get(email.lower(), ("", ""))
        found[email.lower()] = (name or f"{first} {last}".strip(), _language(preferred) or language)
    return {key: (name, language or settings.LANGUAGE_CODE) for key, (name, language) in found.items()}


def _base_context(meeting):
    items = list(meeting.agenda_items.select_related("presenter__organization"))
    return {
        "meeting": meeting,
        "agenda_days": meeting.agenda_by_day(items),
        "follow_up": list(meeting.follow_up_agreements()),
        "portal_url": absolute_url(reverse("meetings_portal:detail", args=[meeting.pk])),
        "secretariat_name": organizer_address()[0],
        "secretariat_email": organizer_address()[1],
    }, items


def _invitee_name(invitation, known_name):
    if invitation.kind == "guest":
        return invitation.guest_name
    if invitation.kind == "person":
        return invitation.person.name
    return known_name


def _send(meeting, template, *, method="REQUEST", include_declined=True, extra=None):
    context, _items = _base_context(meeting)
    context.update(extra or {})
    mimetype = CANCEL_MIMETYPE if method == "CANCEL" else REQUEST_MIMETYPE
    targets = meeting.recipients(include_declined=include_declined)
    people = people_by_address(targets)
    for address, invitation in targets.items():
        name, language = people.get(address, ("", settings.LANGUAGE_CODE))
        reply_url = invitation.get_reply_url() if invitation.kind != "organization" else ""
        # Guests have no portal: their calendar entry links to their reply page.
        page_url = reply_url or context["portal_url"]
        attendee = (address, _invitee_name(invitation, name), invitation.status)
        ics = meeting_ics(meeting, method=method, attendee=attendee, url=page_url)
        send_templated_email(
            template,
            # Guests are outside the network: no follow-up of the members' open agreements.
            {
                **context,
                "invitation": invitation,
                "reply_url": reply_url,
                "follow_up": [] if invitation.kind == "guest" else context["follow_up"],
            },
            to=[address],
            language=language,
            attachments=[(ics_filename(meeting), ics, mimetype)],
            alternatives=[(ics.decode("utf-8"), mimetype)],
            reply_to=reply_to(),
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


# --- Minutes circulated for comments -----------------------------------------------------------


def minutes_recipients(meeting):
    """{address: has_portal} for the people who attended (status "present" in the register).

    Each attendee's own address (the contact person's, or the one typed for a guest), and the
    focal points and active portal users of every organisation that attended (as for the
    convocation). ``has_portal`` is true for the addresses of portal users of an attending
    organisation, who comment in the portal; the others reply to the e-mail. Three queries.
    """
    present = list(meeting.attendance.filter(status="present").values_list("email", "organization_id"))
    org_ids = {org_id for _email, org_id in present if org_id}
    found = {}

    def add(address, has_portal=False):
        key = (address or "").strip().lower()
        if key:
            found[key] = found.get(key, False) or has_portal

    for email, _org_id in present:
        add(email)
    if org_ids:
        for email in Person.objects.filter(organization_id__in=org_ids, is_focal_point=True).values_list(
            "email", flat=True
        ):
            add(email)
        for email in PortalAccount.objects.filter(organization_id__in=org_ids, user__is_active=True).values_list(
            "user__email", flat=True
        ):
            add(email, has_portal=True)
    return found


def send_minutes_for_comment(meeting, recipients=None):
    """One e-mail per attendee address with the comment deadline: the portal link for portal users, the
    minutes as a PDF attachment for the others (guests among them), who reply by e-mail. Returns how many."""
    recipients = minutes_recipients(meeting) if recipients is None else recipients
    people = people_by_address(recipients)
    context = {
        "meeting": meeting,
        "comments_due": meeting.minutes_comments_due,
        "portal_url": absolute_url(f"{meeting.get_portal_url()}#minutes"),
        "secretariat_name": organizer_address()[0],
        "secretariat_email": organizer_address()[1],
    }
    pdfs = {}  # language: the minutes PDF, for those without portal access (rendered once per language)
    for address, has_portal in recipients.items():
        name, language = people.get(address, ("", settings.LANGUAGE_CODE))
        attachments = []
        if not has_portal:  # no portal to read the minutes in: they come with the e-mail
            if language not in pdfs:
                from . import documents  # the documents import the models, which import this module

                with translation.override(language):
                    pdfs[language] = documents.minutes_pdf_attachment(meeting)
            attachments = [pdfs[language]]
        send_templated_email(
            "meetings/emails/minutes_for_comment",
            {**context, "name": name, "has_portal": has_portal},
            to=[address],
            language=language,
            attachments=attachments,
            reply_to=reply_to(),
        )
    return len(recipients)
