"""The cooperation board's panel of the admin dashboard: open demands and offers, and the
agreements with overdue activities (fixed queries, within the staff's networks)."""

from django.urls import reverse
from django.utils import timezone

from wagtail.admin.ui.components import Component

from .models import CooperationAgreement, CooperationDemand, CooperationOffer
from .permissions import is_regional


class CooperationHomePanel(Component):
    name = "cooperation"
    order = 160
    template_name = "cooperation/admin/home_panel.html"

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        overdue = CooperationAgreement.objects.overdue(today)
        return {
            "open_demands": list(CooperationDemand.objects.open().select_related("network")[:5]),
            "open_demands_count": CooperationDemand.objects.open().count(),
            "open_offers": list(CooperationOffer.objects.open().select_related("network")[:5]),
            "open_offers_count": CooperationOffer.objects.open().count(),
            "overdue": list(overdue.prefetch_related("networks").order_by("-created_at", "-pk")[:10]),
            "overdue_count": overdue.count(),
            "demands_url": reverse("cooperation_demand:index") + "?state=open",
            "offers_url": reverse("cooperation_offer:index") + "?state=open",
            "overdue_url": reverse("cooperation_agreement:index") + "?overdue=true",
            "match_url": reverse("cooperation_admin:match") if is_regional(parent_context["request"].user) else "",
        }


def admin_panels(request, panels):
    """The cooperation panel (``construct_homepage_panels``), for whoever reads the board."""
    user = request.user
    if is_regional(user) or any(
        user.has_perm(f"cooperation.view_{name}") for name in ("cooperationdemand", "cooperationagreement")
    ):
        panels.append(CooperationHomePanel())
