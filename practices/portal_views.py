"""Member-portal views of good practices: every one goes through members.access (PortalMixin, for_user).

A member proposes its organisation's practices, corrects a returned one (saving proposes it
again) and may withdraw one; the regional staff review them in the admin.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, UpdateView, View

from members.access import PortalMixin, PortalObjectMixin
from members.models import PortalRole

from .forms import PracticeForm
from .models import GoodPractice, PracticeStatus

EDITORS = (PortalRole.REPRESENTATIVE, PortalRole.CONTRIBUTOR)


class PracticeListView(PortalMixin, ListView):
    template_name = "practices/portal/practice_list.html"
    context_object_name = "practices"
    paginate_by = 25

    def get_queryset(self):
        return GoodPractice.objects.for_user(self.request.user).order_by("-created_at", "-pk")


class PracticeCreateView(PortalMixin, FormView):
    template_name = "practices/portal/practice_form.html"
    form_class = PracticeForm
    requires_edit = True

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organization": self.organization}

    def form_valid(self, form):
        practice = form.save(commit=False)
        practice.organization = self.organization
        practice.network = self.organization.network
        practice.proposed_by = self.request.user
        practice.status = PracticeStatus.PROPOSED
        practice.save()
        transaction.on_commit(practice.notify_reviewers)
        messages.success(self.request, _("Thank you: the good practice was sent to the regional team for review."))
        return redirect("practices_portal:detail", pk=practice.pk)


class PracticeDetailView(PortalObjectMixin, DetailView):
    model = GoodPractice
    template_name = "practices/portal/practice_detail.html"
    context_object_name = "practice"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = self.object.history()[:20]
        context["can_withdraw"] = self.account.can_submit and self.object.can_transition_to(
            PracticeStatus.WITHDRAWN, self.request.user
        )
        return context


class PracticeUpdateView(PortalObjectMixin, UpdateView):
    """A proposed or returned practice's text; saving a returned one proposes it again."""

    model = GoodPractice
    form_class = PracticeForm
    template_name = "practices/portal/practice_form.html"
    requires_edit = True

    def get_object(self, queryset=None):
        practice = super().get_object(queryset)
        if not practice.is_editable_by_proposer:
            raise PermissionDenied(_("Only a proposed or returned practice can be changed."))
        return practice

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organization": self.organization}

    def form_valid(self, form):
        with transaction.atomic():
            practice = form.save()
            if practice.status == PracticeStatus.RETURNED:
                try:
                    practice.transition_to(PracticeStatus.PROPOSED, user=self.request.user, name="propose")
                except ValidationError as exc:
                    transaction.set_rollback(True)
                    form.add_error(None, exc)
                    return self.form_invalid(form)
                messages.success(self.request, _("The practice was corrected and proposed again."))
            else:
                messages.success(self.request, _("The practice was saved."))
        return redirect("practices_portal:detail", pk=practice.pk)


class PracticeWithdrawView(PortalObjectMixin, View):
    model = GoodPractice
    required_roles = (PortalRole.REPRESENTATIVE,)
    http_method_names = ["post"]

    def post(self, request, pk):
        practice = self.get_scoped_object_or_404(pk=pk)
        try:
            practice.transition_to(PracticeStatus.WITHDRAWN, user=request.user, name="withdraw")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The practice was withdrawn."))
        return redirect("practices_portal:detail", pk=practice.pk)
