"""The meetings app's dashboard panels: the portal's (agreements, invitations, minutes to comment)
and the admin's."""

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin.ui.components import Component

from network_site.hooks import DashboardPanel, DueItem

from .models import Agreement, Attendance, AttendanceStatus, Invitation, Meeting, MeetingStatus, ReplyStatus


class MeetingsHomePanel(Component):
    name = "meetings"
    order = 150
    template_name = "meetings/admin/home_panel.html"

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        overdue = list(
            Agreement.objects.overdue(today)
            .select_related("meeting")
            .prefetch_related("responsible_organizations", "responsible_people")
            .order_by("due_date", "pk")[:10]
        )
        return {
            "overdue": overdue,
            "overdue_count": Agreement.objects.overdue(today).count(),
            "next_meetings": list(Meeting.objects.upcoming()[:5]),
            "agreements_url": reverse("agreement:index") + "?overdue=true",
        }


def admin_panels(request, panels):
    """The meetings panel of the secretariat's admin dashboard (``construct_homepage_panels``)."""
    if request.user.has_perm("meetings.view_meeting") or request.user.has_perm("meetings.view_agreement"):
        panels.append(MeetingsHomePanel())


def minutes_to_comment(organization_id, today):
    """Meetings whose minutes are circulated for comments until today or later (or with no deadline,
    as circulated before deadlines were asked for), and that the organisation attended (one of its
    people is present in the register). One query."""
    attended = Attendance.objects.filter(status=AttendanceStatus.PRESENT).filter(
        Q(organization_id=organization_id) | Q(person__organization_id=organization_id)
    )
    return (
        Meeting.objects.filter(status=MeetingStatus.MINUTES_CIRCULATED)
        .filter(Q(minutes_comments_due__gte=today) | Q(minutes_comments_due__isnull=True))
        .filter(pk__in=attended.values("meeting_id"))
        .order_by("minutes_comments_due", "pk")
    )


#: The next meetings fetched for the dashboard: the three shown, and those among them waiting for a reply.
NEXT_MEETINGS_FETCHED = 20


def portal_panels(request, account):
    """Open agreements of the organisation, invitations waiting for a reply and minutes open for
    its comments (fixed queries)."""
    today = timezone.localdate()
    agreements = list(
        Agreement.objects.for_organization(account.organization_id)
        .open()
        .select_related("meeting")
        .order_by("due_date", "pk")[:20]
    )
    # The next meetings the organisation is invited to, each saying whether its reply is pending
    # (one query for "next meetings" and "reply to the invitation").
    now = timezone.now()
    invited = Invitation.objects.for_organization(account.organization_id).filter(meeting=OuterRef("pk"))
    next_meetings = list(
        Meeting.objects.upcoming(now)
        .filter(Exists(invited))
        .annotate(reply_pending=Exists(invited.filter(status=ReplyStatus.PENDING)))[:NEXT_MEETINGS_FETCHED]
    )
    pending = [
        meeting
        for meeting in next_meetings
        if meeting.reply_pending and meeting.status == MeetingStatus.CONVENED and meeting.start >= now
    ][:10]
    due = [
        DueItem(
            title=str(agreement),
            url=agreement.get_portal_url(),
            due_date=agreement.due_date,
            overdue=agreement.is_overdue(today),
            kind=_("Agreement"),
        )
        for agreement in agreements
    ]
    due += [
        DueItem(
            title=_("Reply to the invitation: %(title)s") % {"title": meeting.title},
            url=meeting.get_portal_url(),
            due_date=timezone.localtime(meeting.start).date(),
            kind=_("Meeting"),
        )
        for meeting in pending
    ]
    to_comment = list(minutes_to_comment(account.organization_id, today)[:10]) if account.can_edit else []
    due += [
        DueItem(
            title=_("Minutes to comment: %(title)s") % {"title": meeting.title},
            url=f"{meeting.get_portal_url()}#minutes",
            due_date=meeting.minutes_comments_due,
            kind=_("Minutes"),
        )
        for meeting in to_comment
    ]
    upcoming = next_meetings[:3]
    return [
        DashboardPanel(
            title=_("Meetings and agreements"),
            template_name="meetings/portal/_dashboard_panel.html",
            context={
                "agreements": agreements,
                "upcoming": upcoming,
                "pending": pending,
                "to_comment": to_comment,
                "today": today,
            },
            order=60,
            due=due,
        )
    ]
