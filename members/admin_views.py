"""The secretariat's custom admin views: membership status changes, application decisions, bulk actions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from django.views.generic import FormView

from wagtail.admin import messages
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from members.forms import BulkReasonForm, DecisionForm, StatusChangeForm
from members.models import Application, MembershipStatus, Organization


class ObjectActionView(WagtailAdminTemplateMixin, FormView):
    """Base of a confirmation form about one object, for users with `permission` on the model."""

    model = None
    permission = "change"
    template_name = "members/admin/action_form.html"
    index_url_name = ""
    inspect_url_name = ""
    header_icon = ""

    def dispatch(self, request, *args, **kwargs):
        policy = policy_registry.get_by_type(self.model)
        if not policy.user_has_permission(request.user, self.permission):
            raise PermissionDenied
        self.object = get_object_or_404(self.model, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.model._meta.verbose_name_plural.capitalize()},
            {"url": self.get_success_url(), "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, cancel_url=self.get_success_url(), **kwargs)


class ChangeStatusView(ObjectActionView):
    """Move an organisation's membership (activate, suspend, withdraw, reactivate) with a reason."""

    model = Organization
    form_class = StatusChangeForm
    page_title = gettext_lazy("Change membership status")
    submit_label = gettext_lazy("Change status")
    index_url_name = "members_organizations:index"
    inspect_url_name = "members_organizations:inspect"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organization": self.object}

    def get(self, request, *args, **kwargs):
        if self.object.is_partner:
            messages.error(request, _("Partner institutions have no membership status."))
            return redirect(self.get_success_url())
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            self.object.transition_to(
                form.cleaned_data["status"], user=self.request.user, comment=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error("status", exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(organization)s is now “%(status)s”.")
            % {"organization": self.object, "status": self.object.get_membership_status_display()},
        )
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            submit_label=self.submit_label,
            intro=_("Current status: %(status)s.") % {"status": self.object.get_membership_status_display()},
            **kwargs,
        )


class ApplicationDecisionView(ObjectActionView):
    model = Application
    form_class = DecisionForm
    index_url_name = "members_applications:index"
    inspect_url_name = "members_applications:inspect"
    reason_required = False

    def get(self, request, *args, **kwargs):
        if not self.object.is_pending:
            messages.error(request, _("This application has already been decided."))
            return redirect(self.get_success_url())
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "reason_required": self.reason_required}


class ApproveApplicationView(ApplicationDecisionView):
    page_title = gettext_lazy("Approve application")

    def form_valid(self, form):
        try:
            organization = self.object.approve(user=self.request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(organization)s is now an active member; %(email)s has been invited to the portal.")
            % {"organization": organization, "email": self.object.contact_email},
        )
        return redirect(reverse("members_organizations:inspect", args=[organization.pk]))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            submit_label=_("Approve and invite"),
            intro=_(
                "Approving creates the organisation as an active member, its contact person and a portal "
                "account for %(email)s, who receives an e-mail with a one-time link to set a password."
            )
            % {"email": self.object.contact_email},
            problems=self.object.approval_problems(),
            **kwargs,
        )


class RejectApplicationView(ApplicationDecisionView):
    page_title = gettext_lazy("Reject application")
    reason_required = True

    def form_valid(self, form):
        try:
            self.object.reject(user=self.request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, _("The application of %(name)s was rejected.") % {"name": self.object})
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            submit_label=_("Reject"),
            intro=_("The applicant is told the reason by e-mail."),
            destructive=True,
            **kwargs,
        )


# --- Bulk actions on organisations ---------------------------------------------------------


class MembershipBulkAction(BulkAction):
    """Move the selected organisations to `target_status`, with one reason, each change recorded."""

    models = [Organization]
    form_class = BulkReasonForm
    template_name = "members/admin/confirm_bulk_status.html"
    target_status = None
    success_message = None  # ngettext_lazy(singular, plural, "count")

    def check_perm(self, obj):
        return obj.can_transition_to(self.target_status, self.request.user)

    def get_execution_context(self):
        return {"user": self.request.user, "reason": self.cleaned_form.cleaned_data["reason"]}

    @classmethod
    def execute_action(cls, objects, user=None, reason="", **kwargs):
        changed = 0
        for organization in objects:
            try:
                organization.transition_to(cls.target_status, user=user, comment=reason)
            except ValidationError:
                continue  # not a move this organisation can make now: left as it is
            changed += 1
        return changed, 0

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "target_label": MembershipStatus(self.target_status).label}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.success_message % {"count": num_parent_objects}


class ActivateBulkAction(MembershipBulkAction):
    display_name = gettext_lazy("Activate")
    action_type = "activate"
    aria_label = gettext_lazy("Activate the membership of the selected organisations")
    target_status = MembershipStatus.ACTIVE
    action_priority = 10
    success_message = ngettext_lazy(
        "%(count)d organisation has been activated.", "%(count)d organisations have been activated.", "count"
    )


class SuspendBulkAction(MembershipBulkAction):
    display_name = gettext_lazy("Suspend")
    action_type = "suspend"
    aria_label = gettext_lazy("Suspend the membership of the selected organisations")
    target_status = MembershipStatus.SUSPENDED
    action_priority = 20
    success_message = ngettext_lazy(
        "%(count)d organisation has been suspended.", "%(count)d organisations have been suspended.", "count"
    )
