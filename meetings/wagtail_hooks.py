"""Registers the meetings app's admin viewsets, admin tools, audit-log actions and portal hooks."""

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter

from members.dashboard import DashboardPanel, DueItem
from members.portal_hooks import PortalMenuItem

from . import admin_views
from .models import (
    Agreement,
    AgreementStatus,
    Invitation,
    Meeting,
    MeetingStatus,
    ReplyStatus,
)
from .viewsets import MeetingsGroup


@hooks.register("register_admin_viewset")
def register_meetings_viewsets():
    return MeetingsGroup()


admin_patterns = [
    path("<int:pk>/manage/", admin_views.ManageView.as_view(), name="manage"),
    path("<int:pk>/do/<slug:action>/", admin_views.TransitionView.as_view(), name="transition"),
    path("<int:pk>/cancel/", admin_views.CancelView.as_view(), name="cancel"),
    path("<int:pk>/reschedule/", admin_views.RescheduleView.as_view(), name="reschedule"),
    path("<int:pk>/invite/", admin_views.InviteView.as_view(), name="invite"),
    path(
        "<int:pk>/invite/<int:invitation_pk>/remove/",
        admin_views.RemoveInvitationView.as_view(),
        name="remove_invitation",
    ),
    path("<int:pk>/attendance/", admin_views.AttendanceView.as_view(), name="attendance"),
    path("<int:pk>/files/<str:kind>", admin_views.DocumentView.as_view(), name="document"),
    path("<int:pk>/attachments/<int:attachment_pk>/", admin_views.AttachmentView.as_view(), name="attachment"),
    path(
        "agreements/<int:pk>/evidence/<int:update_pk>/",
        admin_views.AgreementEvidenceView.as_view(),
        name="agreement_evidence",
    ),
    path("agreements/<int:pk>/status/", admin_views.AgreementStatusView.as_view(), name="agreement_status"),
    path("agreements/export.xlsx", admin_views.AgreementsExportView.as_view(), name="agreements_export"),
]


@hooks.register("register_admin_urls")
def register_meetings_admin_urls():
    return [path("meetings/", include((admin_patterns, "meetings_admin")))]


# --- Audit log --------------------------------------------------------------------------------


class _ReasonFormatter(LogFormatter):
    def format_message(self, log_entry):
        data = log_entry.data or {}
        message = str(self.message)
        if data.get("from") and data.get("to"):
            choices = dict(MeetingStatus.choices) | dict(AgreementStatus.choices) | dict(ReplyStatus.choices)
            message += f": {choices.get(data['from'], data['from'])} → {choices.get(data['to'], data['to'])}"
        if data.get("reason"):
            message += f" ({data['reason']})"
        return message


@hooks.register("register_log_actions")
def register_meetings_log_actions(actions):
    def formatter(label, message):
        return type("Formatter", (_ReasonFormatter,), {"label": label, "message": message})

    entries = {
        "meetings.status_change": (gettext_lazy("Change meeting status"), gettext_lazy("Meeting status changed")),
        "meetings.reschedule": (gettext_lazy("Reschedule meeting"), gettext_lazy("Meeting rescheduled")),
        "meetings.resend": (gettext_lazy("Send convocation again"), gettext_lazy("Convocation sent again")),
        "meetings.invite": (gettext_lazy("Invite"), gettext_lazy("Invitations added")),
        "meetings.reply": (gettext_lazy("Reply to invitation"), gettext_lazy("Invitation answered")),
        "meetings.attendance": (gettext_lazy("Record attendance"), gettext_lazy("Attendance recorded")),
        "meetings.reminder": (gettext_lazy("Send reminder"), gettext_lazy("Reminder sent")),
        "meetings.agreement_status": (
            gettext_lazy("Change agreement status"),
            gettext_lazy("Agreement status changed"),
        ),
    }
    for action, (label, message) in entries.items():
        actions.register_action(action)(formatter(label, message))


# --- Admin dashboard --------------------------------------------------------------------------


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


@hooks.register("construct_homepage_panels")
def add_meetings_home_panel(request, panels):
    if request.user.has_perm("meetings.view_meeting") or request.user.has_perm("meetings.view_agreement"):
        panels.append(MeetingsHomePanel())


# --- Portal -----------------------------------------------------------------------------------


@hooks.register("portal_menu_items")
def meetings_portal_menu(request, account):
    return [PortalMenuItem(gettext_lazy("Meetings"), "meetings_portal:list", order=60)]


@hooks.register("portal_dashboard_panels")
def meetings_dashboard_panels(request, account):
    """Open agreements of the organisation and invitations waiting for a reply (fixed queries)."""
    today = timezone.localdate()
    agreements = list(
        Agreement.objects.for_organization(account.organization_id)
        .open()
        .select_related("meeting")
        .order_by("due_date", "pk")[:20]
    )
    pending = list(
        Invitation.objects.for_organization(account.organization_id)
        .filter(
            status=ReplyStatus.PENDING,
            meeting__status=MeetingStatus.CONVENED,
            meeting__start__gte=timezone.now(),
        )
        .select_related("meeting")
        .order_by("meeting__start")[:10]
    )
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
            title=_("Reply to the invitation: %(title)s") % {"title": invitation.meeting.title},
            url=invitation.meeting.get_portal_url(),
            due_date=timezone.localtime(invitation.meeting.start).date(),
            kind=_("Meeting"),
        )
        for invitation in pending
    ]
    upcoming = list(Meeting.objects.for_organization(account.organization_id).upcoming()[:3])
    return [
        DashboardPanel(
            title=_("Meetings and agreements"),
            template_name="meetings/portal/_dashboard_panel.html",
            context={"agreements": agreements, "upcoming": upcoming, "pending": pending, "today": today},
            order=60,
            due=due,
        )
    ]
