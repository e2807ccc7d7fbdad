"""The admin dashboard's panel of good practices: how many wait for the regional team's review
(and for a network's secretariat, how many of its own were returned). Two counts, whatever the data."""

from django.urls import reverse
from django.utils.http import urlencode

from wagtail.admin.ui.components import Component

from .models import GoodPractice, PracticeStatus
from .permissions import is_regional


class PracticesPanel(Component):
    name = "practices_review"
    template_name = "practices/admin/dashboard_panel.html"
    order = 70

    def __init__(self, regional):
        self.regional = regional

    def get_context_data(self, parent_context):
        index = reverse("practices:index")
        return {
            "regional": self.regional,
            "waiting": GoodPractice.objects.waiting_for_review().count(),
            "returned": GoodPractice.objects.filter(status=PracticeStatus.RETURNED).count(),
            "waiting_url": f"{index}?{urlencode({'status': PracticeStatus.PROPOSED})}",
            "returned_url": f"{index}?{urlencode({'status': PracticeStatus.RETURNED})}",
        }


def admin_panels(request, panels):
    """For regional staff (what waits for review) and a network's staff with the change permission."""
    regional = is_regional(request.user)
    if regional or request.user.has_perm("practices.change_goodpractice"):
        panels.append(PracticesPanel(regional))
