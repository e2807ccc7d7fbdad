"""Registers the supplychain app's admin viewsets and its hooks (portal menu and dashboard,
observatory section, audit-log actions)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from members.dashboard import HOOK_NAME as DASHBOARD_HOOK
from members.dashboard import DashboardPanel, DueItem
from network_site.charts import bar_chart
from network_site.hooks import OBSERVATORY_SECTIONS

from . import stats
from .models import ActionItem, Assessment
from .viewsets import ValueChainViewSetGroup

#: Overdue action items listed one by one in "what is due" (the panel counts them all).
DUE_ITEMS_SHOWN = 5


@hooks.register("register_admin_viewset")
def register_value_chain_viewsets():
    return ValueChainViewSetGroup()


@hooks.register("register_log_actions")
def register_supplychain_log_actions(actions):
    actions.register_action(
        "supplychain.questionnaire_published", _("Publish questionnaire"), _("Questionnaire version published")
    )
    actions.register_action(
        "supplychain.questionnaire_new_version", _("New questionnaire version"), _("New questionnaire version created")
    )
    actions.register_action(
        "supplychain.assessment_submitted", _("Submit self-assessment"), _("Self-assessment submitted")
    )
    actions.register_action(
        "supplychain.assessment_reviewed", _("Review self-assessment"), _("Self-assessment reviewed")
    )
    actions.register_action(
        "supplychain.assessment_returned", _("Return self-assessment"), _("Self-assessment returned")
    )
    actions.register_action("supplychain.referral_step", _("Referral step"), _("Referral step recorded"))


@hooks.register("portal_menu_items")
def supplychain_menu(request, account):
    from members.portal_hooks import PortalMenuItem

    return [PortalMenuItem(_("Value chain"), "supplychain_portal:overview", order=50)]


@hooks.register(DASHBOARD_HOOK)
def supplychain_dashboard_panel(request, account):
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


@hooks.register(OBSERVATORY_SECTIONS)
def supplychain_observatory_section(request, filters):
    """Aggregated maturity by section and sector, and referral counts (fixed number of queries).

    The aggregates are cached until the page cache's generation moves on (any saved
    assessment, referral or questionnaire), per language and requested year.
    """

    from network_site.caching import cached

    requested = (filters or {}).get("year")
    try:
        requested = int(requested) if requested not in (None, "") else None
    except (TypeError, ValueError):
        requested = None

    def build():
        years = stats.scored_years()
        year = requested if requested in years else (years[0] if years else None)
        return {
            "years": years,
            "maturity": stats.maturity_by_sector(year) if year else None,
            "referrals": stats.referral_counts(),
        }

    data = cached("supplychain-observatory", requested, builder=build)
    years, maturity = data["years"], data["maturity"]
    chart = None
    if maturity:
        groups = [(row["label"], [row["overall"]]) for row in maturity["rows"] if not row["suppressed"]]
        if not maturity["network"]["suppressed"]:
            groups.append((str(_("Whole network")), [maturity["network"]["overall"]]))
        chart = bar_chart(groups, [_("Average overall score")], maximum=100)
    return [
        (
            "supplychain/observatory/_section.html",
            {"maturity": maturity, "chart": chart, "referrals": data["referrals"], "years": years},
        )
    ]
