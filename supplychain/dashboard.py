"""The supplychain app's dashboard panels: the portal's (this year's self-assessment, its window and
deadline, the action plan) and the secretariat's admin panel (what waits, what is late)."""

from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component

from network_site.caching import cached
from network_site.hooks import DashboardPanel, DueItem

from .models import ActionItem, Assessment, AssessmentRound, AssessmentStatus, Referral, RoundState
from .models.referrals import ReferralStatus, late_referral_counts

#: Overdue action items listed one by one in "what is due" (the panel counts them all).
DUE_ITEMS_SHOWN = 5


def portal_panels(request, account):
    """This year's assessment and round, open action items and the overdue ones (2 queries: the
    network's round is kept per generation)."""
    today = timezone.localdate()
    year = today.year
    organization_id = account.organization_id
    current = Assessment.objects.filter(organization_id=organization_id, year=year).first()
    assessment_round = cached(
        "assessment-round", year, builder=lambda: {"round": AssessmentRound.objects.filter(year=year).first()}
    )["round"]
    # The open items, overdue ones first, each row carrying both totals (window counts).
    is_overdue = Case(When(due_date__lt=today, then=Value(1)), default=Value(0), output_field=IntegerField())
    first = list(
        ActionItem.objects.filter(organization_id=organization_id)
        .pending()
        .annotate(open_total=Window(Count("pk")), overdue_total=Window(Sum(is_overdue)))
        .order_by(F("due_date").asc(nulls_last=True), "pk")[: DUE_ITEMS_SHOWN + 1]
    )
    overdue = [item for item in first if item.due_date is not None and item.due_date < today]
    totals = {
        "open": first[0].open_total if first else 0,
        "overdue": (first[0].overdue_total or 0) if first else 0,
    }
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
    state = assessment_round.state(today) if assessment_round else None
    filed = current is not None and current.is_scored
    assessment_overdue = state == RoundState.CLOSED and not filed
    if account.can_edit and state in (RoundState.OPEN, RoundState.CLOSED) and not filed:
        due.append(
            DueItem(
                title=str(_("Value-chain self-assessment %(year)s") % {"year": year}),
                url=reverse("supplychain_portal:overview")
                if current is None
                else reverse("supplychain_portal:assessment_detail", args=[current.pk]),
                due_date=assessment_round.closes_on,
                overdue=assessment_overdue,
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
                "round": assessment_round,
                "round_state": state,
                "assessment_overdue": assessment_overdue,
                "open_actions": totals["open"],
                "overdue_total": totals["overdue"],
                "overdue": overdue,
            },
            order=50,
            due=due,
        )
    ]


class SecretariatPanel(Component):
    """The secretariat's value chain: assessments waiting for review, organisations overdue with the
    last round, referrals late in a step, action items overdue or waiting for verification.
    Counts only (never a child's identity); a fixed number of queries."""

    name = "supplychain_follow_up"
    template_name = "supplychain/admin/dashboard_panel.html"
    order = 70

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        latest = AssessmentRound.objects.latest_closed(today)
        current = AssessmentRound.objects.filter(year=today.year).first()
        actions = ActionItem.objects.aggregate(
            overdue=Count("pk", filter=Q(due_date__lt=today) & ~Q(status__in=["done", "verified"])),
            to_verify=Count("pk", filter=Q(status="done")),
        )
        late = late_referral_counts(Referral.objects.all(), today)
        assessments_url = reverse("supplychain_assessments:index")
        actions_url = reverse("supplychain_actions:index")
        referrals_url = reverse("supplychain_referrals:index")
        return {
            "waiting": Assessment.objects.filter(status=AssessmentStatus.SUBMITTED).count(),
            "waiting_url": f"{assessments_url}?status=submitted",
            "latest_round": latest,
            "overdue_count": latest.overdue_organizations(today).count() if latest else 0,
            "overdue_url": reverse("supplychain_rounds:inspect", args=[latest.pk]) if latest else "",
            "current_round": current,
            "current_state": current.state(today) if current else None,
            "rounds_url": reverse("supplychain_rounds:index"),
            "late_refer": late[ReferralStatus.REFERRED],
            "late_verify": late[ReferralStatus.REMOVAL_VERIFIED],
            "late_url": f"{referrals_url}?late=1",
            "actions_overdue": actions["overdue"],
            "actions_overdue_url": f"{actions_url}?overdue=1",
            "actions_to_verify": actions["to_verify"],
            "actions_to_verify_url": f"{actions_url}?status=done",
        }


def admin_panels(request, panels):
    """The value chain's panel of the secretariat's admin dashboard (``construct_homepage_panels``)."""
    if request.user.has_perm("supplychain.view_assessment"):
        panels.append(SecretariatPanel())
