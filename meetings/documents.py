"""Context builders for the meeting documents (agenda, minutes, sign-in sheet), shared by the
admin, the portal and the e-mails. Each runs a fixed number of queries, whatever the size.

The minutes grow with the agenda, the attendance and the agreements: in the portal and the admin
they are rendered in the background (``network_site.background``; kinds ``meetings.minutes``
and ``meetings.minutes_admin`` below), behind the same rule as the meeting's page. The agenda and
the sign-in sheet stay synchronous (one page or two)."""

from itertools import groupby

from django.utils.text import slugify

from network_site import background
from network_site.pdf import pdf_response, render_pdf

from .models import Attendance, AttendanceBody, AttendanceStatus, Meeting

MINUTES = "meetings.minutes"
MINUTES_ADMIN = "meetings.minutes_admin"


def agenda_items(meeting):
    return list(meeting.agenda_items.select_related("presenter__organization"))


def sessions(items):
    """[(session label, [items])] in agenda order, consecutive items of one session together."""
    return [(label, list(group)) for label, group in groupby(items, key=lambda item: item.session)]


def attendance_by_body(records):
    """[(body label, [(organisation, [records])])] in the seed's order of bodies."""
    labels = dict(AttendanceBody.choices)
    result = []
    for body, group in groupby(records, key=lambda record: record.body):
        by_org = [(org, list(people)) for org, people in groupby(group, key=lambda r: r.organization_name)]
        result.append((labels.get(body, body), by_org))
    return result


def agenda_context(meeting):
    items = agenda_items(meeting)
    return {
        "meeting": meeting,
        "agenda_days": meeting.agenda_by_day(items),
        "follow_up": list(meeting.follow_up_agreements()),
    }


def minutes_context(meeting):
    items = agenda_items(meeting)
    records = list(meeting.attendance.in_list_order().select_related("organization"))
    present = [r for r in records if r.status == AttendanceStatus.PRESENT]
    organisations = sorted({r.organization_name for r in present if r.organization_name}, key=str.lower)
    agreements = list(
        meeting.agreements.select_related("agenda_item")
        .prefetch_related("responsible_organizations", "responsible_people")
        .order_by("pk")
    )
    return {
        "meeting": meeting,
        "agenda_days": meeting.agenda_by_day(items),
        "sessions": sessions(items),
        "follow_up": list(meeting.follow_up_agreements()),
        "agreements": agreements,
        "attendance_groups": attendance_by_body(records),
        "present_count": len(present),
        "organisations": organisations,
        "attachments": list(meeting.attachments.all()),
        "approved_by": meeting.minutes_approved_by,
    }


def sign_in_context(meeting):
    records = list(Attendance.objects.filter(meeting=meeting).in_list_order())
    invited = []
    if not records:
        invitations = meeting.invitations.select_related("organization", "person__organization")
        for invitation in invitations:
            if invitation.kind == "organization":
                invited.append(("", invitation.organization.display_name))
            elif invitation.kind == "person":
                invited.append((invitation.person.name, invitation.person.organization.display_name))
            else:
                invited.append((invitation.guest_name, invitation.guest_organization))
        invited.sort(key=lambda pair: (pair[1].lower(), pair[0].lower()))
    return {"meeting": meeting, "records": records, "invited": invited, "blank_rows": range(10)}


def _name(meeting, what):
    return f"{what}-{slugify(meeting.title)[:50]}-{meeting.local_start:%Y-%m-%d}"


def agenda_pdf(meeting, request=None):
    return pdf_response("meetings/pdf/agenda.html", agenda_context(meeting), _name(meeting, "agenda"), request=request)


def minutes_pdf(meeting, request=None):
    return pdf_response("meetings/pdf/minutes.html", minutes_context(meeting), _name(meeting, "acta"), request=request)


def minutes_pdf_attachment(meeting):
    """(filename, bytes, mimetype) of the minutes PDF, for an e-mail to people without portal access
    (guests outside the network among them): without the members' follow-up of open agreements."""
    context = {**minutes_context(meeting), "follow_up": []}
    stem = slugify(_name(meeting, "acta")) or "acta"
    return (f"{stem}.pdf", render_pdf("meetings/pdf/minutes.html", context), "application/pdf")


def sign_in_pdf(meeting, request=None):
    return pdf_response(
        "meetings/pdf/sign_in_sheet.html", sign_in_context(meeting), _name(meeting, "lista-firmas"), request=request
    )


def minutes_source(params):
    meeting = Meeting.objects.get(pk=params["meeting"])
    return background.PdfSource("meetings/pdf/minutes.html", minutes_context(meeting), _name(meeting, "acta"))


def portal_minutes_meeting(user, pk):
    """The meeting whose minutes the portal user may read (invited, minutes circulated), or None."""
    meeting = Meeting.objects.for_user(user).filter(pk=pk).first()
    return meeting if meeting is not None and meeting.minutes_visible_to_members else None


def _member_may_read_minutes(request, params):
    return portal_minutes_meeting(request.user, params.get("meeting")) is not None


def _staff_may_read_minutes(request, params):
    """The admin's rule: the permission, and a meeting of the staff's network (the request's scope)."""
    return request.user.has_perm("meetings.view_meeting") and Meeting.objects.filter(pk=params.get("meeting")).exists()


background.register(background.DocumentKind(MINUTES, minutes_source, _member_may_read_minutes, background.PORTAL))
background.register(background.DocumentKind(MINUTES_ADMIN, minutes_source, _staff_may_read_minutes, background.ADMIN))


def start_minutes(request, meeting, *, admin=False):
    """A background job for the meeting's minutes (the portal's or the admin's); returns the job."""
    from django.utils.translation import gettext as _

    return background.start(
        request,
        MINUTES_ADMIN if admin else MINUTES,
        {"meeting": meeting.pk},
        network=meeting.network,
        title=_("Minutes: %(title)s") % {"title": meeting.title},
        return_url=meeting.get_admin_manage_url() if admin else meeting.get_portal_url(),
    )
