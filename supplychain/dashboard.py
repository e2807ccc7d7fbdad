"""The supplychain app's panel of the portal's dashboard: this year's self-assessment and the action plan."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network_site.hooks import DashboardPanel, DueItem

from .models import ActionItem, Assessment

#: Overdue action items listed one by one in "what is due" (the panel counts them all).
DUE_ITEMS_SHOWN = 5


def portal_panels(request, account):
    """This year's assessment, open action items and the overdue ones (3 queries)."""
    today = timezone.localdate()
    year = today.year
    organization_id = account.organization_id
    current = Assessment.objects.filter(organization_id=organization_id, year=year).first()
    items = ActionItem.objects.filter(organization_id=organization_id).pending()
    overdue = list(items.filter(due_date__lt=today).order_by("due_date", "pk")[: DUE_ITEMS_SHOWN + 1])
    totals = items.aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
    due = [
        DueItem(
            title=str(_("Action item: %(action)s") % {"action": item.action[:80]}),
            url=reverse("supplychain_portal:action_edit", args=[item.pk])
            if account.can_edit
            else reverse("supplychain_portal:action_list"),
            due_date=item.due_date,
            overdue=True,
            kind=str(_("Action plan")),
        )
        for item in overdue[:DUE_ITEMS_SHOWN]
    ]
    if account.can_edit and (current is None or current.is_editable):
        due.append(
            DueItem(
                title=str(_("Value-chain self-assessment %(year)s") % {"year": year}),
                url=reverse("supplychain_portal:overview")
                if current is None
                else reverse("supplychain_portal:assessment_detail", args=[current.pk]),
                kind=str(_("Self-assessment")),
            )
        )
    return [
        DashboardPanel(
            title=str(_("Value chain")),
            template_name="supplychain/portal/_dashboard_panel.html",
            context={
                "current": current,
                "year": year,
                "open_actions": totals["open"],
                "overdue_total": totals["overdue"],
                "overdue": overdue,
            },
            order=50,
            due=due,
        )
    ]
