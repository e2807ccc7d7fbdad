"""The regional staff's tools on the cooperation board: match a demand with offers into an
agreement (with a confirmation page), and an activity's follow-up (notes and status)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from network_site.networks import across

from .forms import FollowUpForm, MatchForm
from .matching import match, parties
from .models import CooperationActivity, CooperationDemand, CooperationOffer
from .permissions import can_follow_up, can_match


class MatchView(WagtailAdminTemplateMixin, FormView):
    """Step 1: choose the demand and the offers; step 2: confirm (who is bound, who is told); then
    the agreement is made and the parties' secretariats are e-mailed."""

    form_class = MatchForm
    template_name = "cooperation/admin/match.html"
    page_title = gettext_lazy("Match a demand with offers")
    header_icon = "link"

    def dispatch(self, request, *args, **kwargs):
        """Regional staff match across every network, whichever network the admin's switcher shows
        (the form's choices are read while the page renders, so it renders here)."""
        if not can_match(request.user):
            raise PermissionDenied
        with across(None):
            response = self.dispatch_across(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        return response

    def dispatch_across(self, request, *args, **kwargs):
        self.preset_demand = self.preset_offer = None
        if "demand_pk" in kwargs:
            self.preset_demand = get_object_or_404(CooperationDemand, pk=kwargs["demand_pk"])
        if "offer_pk" in kwargs:
            self.preset_offer = get_object_or_404(CooperationOffer, pk=kwargs["offer_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cooperation_agreement:index"), "label": _("Agreements")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        initial = super().get_initial()
        if self.preset_demand is not None:
            initial.update(demand=self.preset_demand.pk, title=self.preset_demand.title)
        if self.preset_offer is not None:
            initial["offers"] = [self.preset_offer.pk]
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        demand, offers = data["demand"], list(data["offers"])
        if self.request.POST.get("confirmed") != "1":
            networks = parties(demand, offers)
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    confirm=True,
                    demand=demand,
                    offers=offers,
                    networks=networks,
                    recipients=[address for network in networks for address in network.notice_emails],
                )
            )
        try:
            agreement = match(
                demand,
                offers,
                user=self.request.user,
                title=data["title"],
                description=data["description"],
                is_public=data["is_public"],
                start_date=data["start_date"],
                end_date=data["end_date"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The agreement “%(title)s” was made; the parties' secretariats were told by e-mail.")
            % {"title": agreement.title},
        )
        return redirect(agreement.get_admin_url())


class FollowUpView(WagtailAdminTemplateMixin, FormView):
    """An activity's follow-up: its notes and history, and a new note (with the status it reports)."""

    form_class = FollowUpForm
    template_name = "cooperation/admin/follow_up.html"
    page_title = gettext_lazy("Follow-up of the activity")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        self.activity = get_object_or_404(
            CooperationActivity.objects.select_related("agreement", "responsible_network"), pk=kwargs["pk"]
        )
        if not (can_match(user) or user.has_perm("cooperation.view_cooperationactivity")):
            raise PermissionDenied
        self.may_follow_up = can_follow_up(user, self.activity, getattr(request, "admin_networks", None))
        if request.method == "POST" and not self.may_follow_up:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.activity.title

    def get_breadcrumbs_items(self):
        agreement = self.activity.agreement
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cooperation_agreement:index"), "label": _("Agreements")},
            {"url": agreement.get_admin_url(), "label": agreement.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "activity": self.activity}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            activity=self.activity,
            agreement=self.activity.agreement,
            overdue=self.activity.is_overdue(timezone.localdate()),
            updates=list(self.activity.updates.select_related("network", "author")),
            history=self.activity.history(),
            may_follow_up=self.may_follow_up,
        )
        return context

    def reporting_network(self):
        """The network the note is written for: the one being worked for, else the activity's."""
        network = getattr(self.request, "network", None)
        return network or self.activity.responsible_network

    def form_valid(self, form):
        try:
            self.activity.report_progress(
                form.cleaned_data["status"],
                user=self.request.user,
                comment=form.cleaned_data["comment"],
                network=self.reporting_network(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The follow-up note was added."))
        return redirect(reverse("cooperation_admin:follow_up", args=[self.activity.pk]))
