"""The admin of the installation's networks and their staff (for its administrators: superusers).

Adding a network with its Site and page tree is ``manage.py add_network`` (docs/networks.md); here
its details are kept up to date, and staff memberships are given and taken away (each one puts the
user in their role's groups: ``network_site.staff``).
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.model import ModelViewSetGroup

from network_site.models import Network, StaffMembership
from network_site.viewsets import RecordViewSet


class NetworkViewSet(RecordViewSet):
    model = Network
    icon = "site"
    menu_label = _("Networks")
    add_to_admin_menu = False
    form_fields = [
        "name",
        "short_name",
        "country",
        "languages",
        "time_zone",
        "secretariat_name",
        "secretariat_emails",
        "reply_to",
        "site",
        "collection",
        "position",
    ]
    list_display = ["short_name", "name", "country", "time_zone", "site"]
    search_fields = ["name", "short_name", "country"]
    search_backend_name = None


class StaffMembershipViewSet(RecordViewSet):
    model = StaffMembership
    icon = "group"
    menu_label = _("Staff of the networks")
    add_to_admin_menu = False
    form_fields = ["user", "network", "role"]
    list_display = ["user", "network", "role"]
    list_filter = ["network", "role"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    search_backend_name = None


class NetworksGroup(ModelViewSetGroup):
    menu_label = _("Networks")
    menu_icon = "site"
    menu_order = 950
    items = (
        NetworkViewSet("network_site_networks", url_prefix="networks"),
        StaffMembershipViewSet("network_site_staff", url_prefix="networks/staff"),
    )
