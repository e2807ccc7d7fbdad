"""The member portal's navigation extension point and the members app's own portal hooks.

Any app adds a section to the portal's navigation by registering, in its own
`wagtail_hooks.py`, a function for the `portal_menu_items` hook::

    from wagtail import hooks
    from members.portal_hooks import PortalMenuItem

    @hooks.register("portal_menu_items")
    def commitments_menu(request, account):
        return [PortalMenuItem(_("Commitments"), "commitments_portal:list", order=30)]

A plain ``(label, url_name, order)`` tuple works too. Items are sorted by `order`; the
members app uses 10-40 (Dashboard, Profile, Contacts, Colleagues). The hook must not query
the database (it runs on every portal page).

This module also registers the members app's dashboard panel and the audit-log actions of
the portal (invitations).
"""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from members.dashboard import HOOK_NAME as DASHBOARD_HOOK
from members.dashboard import DashboardPanel, DueItem

MENU_HOOK = "portal_menu_items"


@dataclass
class PortalMenuItem:
    """One entry of the portal's navigation."""

    label: str
    url_name: str
    order: int = 100
    url_kwargs: dict = field(default_factory=dict)
    #: Whether the item is "current" only on its exact URL (otherwise: on every URL below it).
    exact: bool = False
    url: str = ""
    is_current: bool = False


def _as_menu_item(item):
    if isinstance(item, PortalMenuItem):
        return item
    label, url_name, *rest = item
    return PortalMenuItem(label=label, url_name=url_name, order=rest[0] if rest else 100)


def collect_menu_items(request, account):
    """Every app's menu items, in order, with their URL and whether they are the current page."""
    items = []
    for hook in hooks.get_hooks(MENU_HOOK):
        for raw in hook(request, account) or []:
            item = _as_menu_item(raw)
            try:
                item.url = reverse(item.url_name, kwargs=item.url_kwargs or None)
            except NoReverseMatch:
                continue  # an app whose URLs are not there (yet) does not break the portal
            items.append(item)
    items.sort(key=lambda item: item.order)
    path = request.path
    # The longest matching URL wins, so that /portal/ does not light up on every page.
    matches = [item for item in items if path == item.url or (not item.exact and path.startswith(item.url))]
    if matches:
        max(matches, key=lambda item: len(item.url)).is_current = True
    return items


@hooks.register(MENU_HOOK)
def members_menu_items(request, account):
    return [
        PortalMenuItem(_("Dashboard"), "members_portal:dashboard", order=10, exact=True),
        PortalMenuItem(_("Profile"), "members_portal:profile", order=20),
        PortalMenuItem(_("Contacts"), "members_portal:person_list", order=30),
        PortalMenuItem(_("Colleagues"), "members_portal:colleague_list", order=40),
    ]


@hooks.register(DASHBOARD_HOOK)
def members_dashboard_panels(request, account):
    """The organisation panel: profile completeness, contacts and colleagues (two queries)."""
    from django.db.models import Count, Q

    from members.models import Person, PortalAccount

    organization = account.organization
    people = Person.objects.for_organization(organization).aggregate(
        total=Count("pk"), focal_points=Count("pk", filter=Q(is_focal_point=True))
    )
    colleagues = PortalAccount.objects.for_organization(organization).aggregate(
        total=Count("pk"), pending=Count("pk", filter=Q(user__last_login__isnull=True))
    )
    due = []
    profile_url = reverse("members_portal:profile")
    missing = []
    if not organization.description:
        missing.append(_("public description"))
    if not organization.logo_id:
        missing.append(_("logo"))
    if missing:
        due.append(
            DueItem(
                title=_("Complete your organisation's public profile"),
                url=profile_url,
                kind=_("Profile"),
            )
        )
    if not people["focal_points"]:
        due.append(
            DueItem(
                title=_("Name a focal point among your contacts"),
                url=reverse("members_portal:person_list"),
                kind=_("Contacts"),
            )
        )
    return [
        DashboardPanel(
            title=_("Your organisation"),
            template_name="members/portal/_organization_panel.html",
            context={
                "organization": organization,
                "people": people,
                "colleagues": colleagues,
                "missing": missing,
            },
            order=10,
            due=due if account.can_submit else [],
        )
    ]


@hooks.register("register_log_actions")
def register_portal_log_actions(actions):
    actions.register_action("members.invitation_sent", _("Send invitation"), _("Invitation sent"))
    actions.register_action("members.invitation_accepted", _("Accept invitation"), _("Invitation accepted"))
    actions.register_action("members.role_change", _("Change portal role"), _("Portal role changed"))
    actions.register_action("members.access_removed", _("Remove portal access"), _("Portal access removed"))
