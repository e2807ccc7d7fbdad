"""Registers what the meetings app contributes: admin viewsets and tools, audit-log actions, the
portal's menu and dashboard panel and the admin dashboard panel (code in admin_urls.py, dashboard.py)."""

from django.urls import include, path
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.log_actions import LogFormatter

from network_site import hooks as contract
from network_site.hooks import MenuItem

from . import admin_urls, dashboard, models
from .viewsets import MeetingsGroup


@hooks.register("register_admin_viewset")
def register_meetings_viewsets():
    return MeetingsGroup()


@hooks.register("register_admin_urls")
def register_meetings_admin_urls():
    return [path("meetings/", include(admin_urls))]


# --- Audit log --------------------------------------------------------------------------------


class _ReasonFormatter(LogFormatter):
    def format_message(self, log_entry):
        data = log_entry.data or {}
        message = str(self.message)
        if data.get("reason"):
            message += f" ({data['reason']})"
        return message


@hooks.register("register_log_actions")
def register_meetings_log_actions(actions):
    def formatter(label, message):
        return type("Formatter", (_ReasonFormatter,), {"label": label, "message": message})

    entries = {
        "meetings.reschedule": (gettext_lazy("Reschedule meeting"), gettext_lazy("Meeting rescheduled")),
        "meetings.resend": (gettext_lazy("Send convocation again"), gettext_lazy("Convocation sent again")),
        "meetings.invite": (gettext_lazy("Invite"), gettext_lazy("Invitations added")),
        "meetings.attendance": (gettext_lazy("Record attendance"), gettext_lazy("Attendance recorded")),
        "meetings.reminder": (gettext_lazy("Send reminder"), gettext_lazy("Reminder sent")),
    }
    for action, (label, message) in entries.items():
        actions.register_action(action)(formatter(label, message))


@hooks.register(contract.PORTAL_MENU_ITEMS)
def meetings_portal_menu(request, account):
    return [MenuItem(gettext_lazy("Meetings"), "meetings_portal:list", order=60)]


hooks.register(contract.ADMIN_DASHBOARD_PANELS, dashboard.admin_panels)
hooks.register(contract.PORTAL_DASHBOARD_PANELS, dashboard.portal_panels)


@hooks.register(contract.PUBLIC_MODELS)
def public_models():
    return [models.Meeting, models.AgendaItem, models.MinutesAttachment, models.Agreement]


@hooks.register(contract.PORTAL_AUDITED_MODELS)
def portal_audited_models():
    return [models.Invitation, models.MinutesComment, models.AgreementUpdate]
