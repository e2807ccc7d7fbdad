"""What the members app gives the portal's frame (``portal_layout`` and ``portal_menu_items`` hooks)."""

from django.utils.translation import gettext_lazy as _

from members.access import portal_account_for
from network_site.hooks import MenuItem


def portal_layout(request):
    """The user's portal account (the other apps' menu hooks receive it) and its organisation's name."""
    account = portal_account_for(request.user)
    if account is None:
        return {}
    return {"account": account, "heading": account.organization.display_name}


def menu_items(request, account):
    return [
        MenuItem(_("Dashboard"), "members_portal:dashboard", order=10, exact=True),
        MenuItem(_("Profile"), "members_portal:profile", order=20),
        MenuItem(_("Contacts"), "members_portal:person_list", order=30),
        MenuItem(_("Colleagues"), "members_portal:colleague_list", order=40),
    ]
