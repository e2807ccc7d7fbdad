"""Views of the member portal's own pages: dashboard, profile, contacts, colleagues, invitations.

Every view goes through members.access (PortalMixin / PortalObjectMixin): objects are fetched
through `for_user`, so another organisation's id answers 404; changes need the roles below.
"""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DeleteView, FormView, ListView, TemplateView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from members.access import OrganizationScopedQuerySet, PortalMixin, PortalObjectMixin, portal_account_for
from members.dashboard import collect_panels
from members.invitations import EXPIRED, VALID, invitation_token_generator, send_invitation
from members.models import Organization, Person, PortalAccount, PortalRole
from members.portal_forms import ColleagueInviteForm, ColleagueRoleForm, OrganizationProfileForm, PersonForm

REPRESENTATIVE_ONLY = (PortalRole.REPRESENTATIVE,)
RECENT_ACTIVITY_LIMIT = 10


def no_account_response(request):
    """The page a logged-in user without a portal account gets (status 403)."""
    return render(request, "members/portal/no_account.html", status=403)


class MemberPortalMixin(PortalMixin):
    """PortalMixin with helpful 403 pages: for users without a portal account, and for roles that may not."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and portal_account_for(request.user) is None:
            return no_account_response(request)
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as error:
            # A page in the portal's layout that says why, rather than a bare "403 Forbidden".
            return render(request, "members/portal/forbidden.html", {"reason": str(error)}, status=403)


class MemberPortalObjectMixin(MemberPortalMixin, PortalObjectMixin):
    pass


# --- Dashboard -------------------------------------------------------------------------------


def organization_scoped_models():
    """Every model whose queryset follows the access rule (its rows belong to one organisation)."""
    return [
        model for model in apps.get_models() if isinstance(model._default_manager.all(), OrganizationScopedQuerySet)
    ]


def recent_activity(organization, limit=RECENT_ACTIVITY_LIMIT):
    """The latest audit-log entries about the organisation or any of its objects (one query).

    Entries count when they are about the organisation itself, about a row of any model whose
    queryset is an OrganizationScopedQuerySet and that belongs to the organisation, or when their
    data carry ``"organization_id"`` (so that deletions stay visible).
    """
    condition = Q(content_type=ContentType.objects.get_for_model(Organization), object_id=str(organization.pk)) | Q(
        data__organization_id=organization.pk
    )
    for model in organization_scoped_models():
        ids = (
            model._default_manager.for_organization(organization)
            .annotate(portal_pk=Cast("pk", output_field=CharField()))
            .values("portal_pk")
        )
        condition |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    return list(
        ModelLogEntry.objects.filter(condition)
        .select_related("user", "content_type")
        .order_by("-timestamp", "-id")[:limit]
    )


class DashboardView(MemberPortalMixin, TemplateView):
    template_name = "members/portal/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        panels, due = collect_panels(self.request, self.account)
        context.update(
            panels=panels,
            due_items=due,
            overdue_count=sum(1 for item in due if item.overdue),
            activity=recent_activity(self.organization),
        )
        return context


def _log_portal_edit(instance, user, fields):
    """The audit-log entry of a change saved in the portal, with the names of the fields it changed."""
    log(
        instance=instance,
        action="wagtail.edit",
        user=user,
        data={"fields": fields, "source": "portal"},
        content_changed=True,
    )


# --- Organisation profile --------------------------------------------------------------------


class ProfileView(MemberPortalMixin, TemplateView):
    template_name = "members/portal/profile.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organization"] = (
            Organization.objects.for_user(self.request.user).select_related("logo").get(pk=self.organization.pk)
        )
        return context


class ProfileEditView(MemberPortalMixin, UpdateView):
    template_name = "members/portal/profile_form.html"
    form_class = OrganizationProfileForm
    required_roles = REPRESENTATIVE_ONLY
    success_url = reverse_lazy("members_portal:profile")

    def get_object(self, queryset=None):
        return Organization.objects.for_user(self.request.user).select_related("logo").get()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        changed = list(form.changed_data)
        with transaction.atomic():
            organization = form.save()
            new_logo = getattr(form, "new_logo", None)
            if new_logo is not None:
                log(instance=new_logo, action="wagtail.create", user=self.request.user)
            _log_portal_edit(organization, self.request.user, changed)
        messages.success(self.request, _("Your organisation's profile has been saved."))
        return HttpResponseRedirect(self.get_success_url())


# --- Contacts (people) -----------------------------------------------------------------------


class PersonListView(MemberPortalMixin, ListView):
    template_name = "members/portal/person_list.html"
    context_object_name = "people"

    def get_queryset(self):
        return Person.objects.for_user(self.request.user).order_by("-is_focal_point", "name")


class PersonCreateView(MemberPortalMixin, FormView):
    template_name = "members/portal/person_form.html"
    form_class = PersonForm
    required_roles = REPRESENTATIVE_ONLY
    success_url = reverse_lazy("members_portal:person_list")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.instance.organization = self.organization
        return form

    def form_valid(self, form):
        if form.address_in_use:  # another organisation's contact: answered as if free, its owner told
            form.notify_address_in_use(self.organization, added_by=self.request.user)
            person = form.instance
        else:
            with transaction.atomic():
                person = form.save(commit=False)
                person.organization = self.organization
                person.save()
                log(instance=person, action="wagtail.create", user=self.request.user, data={"source": "portal"})
        messages.success(self.request, _("“%(name)s” has been added to your contacts.") % {"name": person.name})
        return super().form_valid(form)


class PersonUpdateView(MemberPortalObjectMixin, UpdateView):
    model = Person
    form_class = PersonForm
    template_name = "members/portal/person_form.html"
    required_roles = REPRESENTATIVE_ONLY
    success_url = reverse_lazy("members_portal:person_list")

    def form_valid(self, form):
        changed = list(form.changed_data)
        if form.address_in_use:  # the address stays as it was; its owner is told, not the representative
            changed = [name for name in changed if name != "email"]
            form.notify_address_in_use(self.organization, added_by=self.request.user)
        with transaction.atomic():
            person = form.save()
            _log_portal_edit(person, self.request.user, changed)
        messages.success(self.request, _("“%(name)s” has been saved.") % {"name": person.name})
        return HttpResponseRedirect(self.get_success_url())


class PersonDeleteView(MemberPortalObjectMixin, DeleteView):
    model = Person
    template_name = "members/portal/person_confirm_delete.html"
    required_roles = REPRESENTATIVE_ONLY
    success_url = reverse_lazy("members_portal:person_list")

    def form_valid(self, form):
        person = self.object
        with transaction.atomic():
            log(
                instance=person,
                action="wagtail.delete",
                user=self.request.user,
                data={"organization_id": person.organization_id, "source": "portal"},
                deleted=True,
            )
            person.delete()
        messages.success(self.request, _("“%(name)s” has been removed from your contacts.") % {"name": person.name})
        return HttpResponseRedirect(self.get_success_url())


# --- Colleagues (portal accounts) ------------------------------------------------------------


class ColleagueListView(MemberPortalMixin, ListView):
    template_name = "members/portal/colleague_list.html"
    context_object_name = "colleagues"

    def get_queryset(self):
        return (
            PortalAccount.objects.for_user(self.request.user)
            .select_related("user", "person")
            .order_by("role", "user__last_name", "user__first_name", "user__email")
        )


class ColleagueInviteView(MemberPortalMixin, FormView):
    template_name = "members/portal/colleague_invite.html"
    form_class = ColleagueInviteForm
    required_roles = REPRESENTATIVE_ONLY
    success_url = reverse_lazy("members_portal:colleague_list")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organization": self.organization}

    def form_valid(self, form):
        # An address with an account elsewhere gets the same answer as a free one (no probing):
        # the form writes to its owner instead of creating an account.
        with transaction.atomic():
            account = form.save(invited_by=self.request.user)
            if account is not None:
                log(instance=account, action="wagtail.create", user=self.request.user, data={"role": account.role})
                send_invitation(account.user, invited_by=self.request.user)
        messages.success(
            self.request,
            _("An invitation has been sent to %(email)s. The link works once and expires in a few days.")
            % {"email": form.cleaned_data["email"]},
        )
        return super().form_valid(form)


class ColleagueObjectMixin(MemberPortalObjectMixin):
    """A colleague of one's own organisation, other than oneself (one cannot demote or remove oneself)."""

    model = PortalAccount
    required_roles = REPRESENTATIVE_ONLY
    success_url = reverse_lazy("members_portal:colleague_list")

    def get_queryset(self):
        return super().get_queryset().select_related("user")

    def get_object(self, queryset=None):
        account = super().get_object(queryset)
        if account.pk == self.account.pk:
            raise PermissionDenied(_("You cannot change your own access; ask another representative."))
        return account


class ColleagueUpdateView(ColleagueObjectMixin, UpdateView):
    form_class = ColleagueRoleForm
    template_name = "members/portal/colleague_form.html"
    context_object_name = "colleague"

    def form_valid(self, form):
        old_role = PortalAccount.objects.get(pk=self.object.pk).role
        with transaction.atomic():
            colleague = form.save()
            if old_role != colleague.role:
                log(
                    instance=colleague,
                    action="members.role_change",
                    user=self.request.user,
                    data={"from": old_role, "to": colleague.role},
                )
        messages.success(
            self.request,
            _("%(name)s is now %(role)s.") % {"name": colleague.user, "role": colleague.get_role_display()},
        )
        return HttpResponseRedirect(self.get_success_url())


class ColleagueRemoveView(ColleagueObjectMixin, DeleteView):
    template_name = "members/portal/colleague_confirm_remove.html"
    context_object_name = "colleague"

    def form_valid(self, form):
        colleague = self.object
        user = colleague.user
        with transaction.atomic():
            log(
                instance=colleague,
                action="members.access_removed",
                user=self.request.user,
                data={"email": user.email, "organization_id": colleague.organization_id},
                deleted=True,
            )
            colleague.delete()
            if not user.is_staff:
                user.is_active = False
                user.save(update_fields=["is_active"])
        messages.success(self.request, _("%(name)s no longer has access to the portal.") % {"name": user})
        return HttpResponseRedirect(self.get_success_url())


class ColleagueResendView(ColleagueObjectMixin, SingleObjectMixin, View):
    """POST only: send a new invitation to a colleague who has not set a password yet."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        colleague = self.get_object()
        if colleague.user.has_usable_password():
            messages.info(
                request,
                _("%(name)s has already chosen a password; they can use “Forgot your password?” on the login page.")
                % {"name": colleague.user},
            )
        else:
            send_invitation(colleague.user, invited_by=request.user)
            messages.success(
                request, _("A new invitation has been sent to %(email)s.") % {"email": colleague.user.email}
            )
        return redirect("members_portal:colleague_list")


# --- Accepting an invitation -----------------------------------------------------------------

INVITATION_SESSION_TOKEN = "_portal_invitation_token"  # noqa: S105 (a session key's name, not a secret)
SET_PASSWORD_TOKEN = "set-password"  # noqa: S105 (a URL segment, not a secret)


class InvitationAcceptView(FormView):
    """One-time link: set a password (Django's validators), log in, land on the dashboard.

    As in Django's password reset, the token is moved from the URL to the session at once, so
    that it does not leak through the Referer header of the set-password page.
    """

    template_name = "members/portal/invitation_accept.html"
    invalid_template_name = "members/portal/invitation_invalid.html"
    form_class = SetPasswordForm

    def dispatch(self, request, *args, **kwargs):
        self.user = self._get_user(kwargs["uidb64"])
        if self.user is not None and (not self.user.is_active or portal_account_for(self.user) is None):
            self.user = None  # a removed colleague's link no longer works
        token = kwargs["token"]
        if token != SET_PASSWORD_TOKEN:
            status = invitation_token_generator.token_status(self.user, token)
            if status == VALID:
                request.session[INVITATION_SESSION_TOKEN] = token
                return redirect(request.path.replace(token, SET_PASSWORD_TOKEN))
            return self.invalid(status)
        status = invitation_token_generator.token_status(self.user, request.session.get(INVITATION_SESSION_TOKEN))
        if status != VALID:
            return self.invalid(status)
        return super().dispatch(request, *args, **kwargs)

    @staticmethod
    def _get_user(uidb64):
        try:
            pk = force_str(urlsafe_base64_decode(uidb64))
            return get_user_model()._default_manager.select_related("portal_account__organization").get(pk=pk)
        except (TypeError, ValueError, OverflowError, get_user_model().DoesNotExist):
            return None

    def invalid(self, status):
        # Always 200: the page is the explanation (a 404 would be redirected by LocaleMiddleware to
        # a language-prefixed URL and lose it).
        return render(
            self.request,
            self.invalid_template_name,
            {"expired": status == EXPIRED, "has_password": bool(self.user and self.user.has_usable_password())},
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invited_user"] = self.user
        context["account"] = portal_account_for(self.user)
        return context

    def form_valid(self, form):
        with transaction.atomic():
            user = form.save()
            account = portal_account_for(user)
            if account is not None:
                log(
                    instance=account,
                    action="members.invitation_accepted",
                    user=user,
                    data={"organization_id": account.organization_id},
                )
        self.request.session.pop(INVITATION_SESSION_TOKEN, None)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, _("Welcome! Your password has been set and you are logged in."))
        return redirect("members_portal:dashboard")
