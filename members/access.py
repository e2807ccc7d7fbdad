"""The portal's one access rule: every portal object belongs to the user's organisation.

- `OrganizationScopedQuerySet.for_user(user)` keeps only the rows of the user's
  organisation. A model whose organisation sits further away sets `organization_lookup`
  (e.g. ``"commitment__organization"``) on its queryset class.
- `PortalMixin` is the base of every portal view: logged in, with a portal account,
  optionally with one of `required_roles`; it exposes `self.account` and `self.organization`,
  answers only GET and POST, and writes every change of an audited model to the audit log
  with the user and the organisation (``network_site.audit.portal_changes``).
- `PortalObjectMixin` makes Django's generic views fetch objects through `for_user`, so
  another organisation's id answers 404, for pages, downloads and exports alike.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext as _

from network_site.audit import portal_changes
from network_site.links import absolute_url


def portal_account_for(user):
    """The user's PortalAccount, or None (anonymous users, staff without one)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cache = user._state.fields_cache
    if "portal_account" not in cache:
        # Fetched with its organisation, in one query, and kept on the user (as Django would: through
        # the base manager, in any network, so a member on another network's host is sent to its own).
        model = user._meta.get_field("portal_account").related_model
        cache["portal_account"] = model._base_manager.select_related("organization").filter(user=user).first()
    try:
        return user.portal_account
    except ObjectDoesNotExist:
        return None


class OrganizationScopedQuerySet(models.QuerySet):
    #: Lookup from this model to its Organization.
    organization_lookup = "organization"

    def for_organization(self, organization):
        return self.filter(**{self.organization_lookup: organization})

    def for_user(self, user):
        account = portal_account_for(user)
        if account is None:
            return self.none()
        return self.filter(**{self.organization_lookup: account.organization_id})


class PortalMixin(LoginRequiredMixin):
    """Every portal view: a logged-in user with a portal account (and, optionally, a role)."""

    #: Roles allowed into this view (None: every role, observers included).
    required_roles = None
    #: Whether the view changes data (observers may not).
    requires_edit = False
    #: Forms post; nothing in the portal answers PUT or DELETE (Django's DeleteView would delete
    #: on an HTTP DELETE without going through the view's form_valid).
    http_method_names = ["get", "post", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.account = portal_account_for(request.user)
        if self.account is None:
            raise PermissionDenied(_("Your user is not linked to any organisation of the network."))
        if self.required_roles is not None and self.account.role not in self.required_roles:
            raise PermissionDenied(_("Your role in your organisation does not allow this."))
        if self.requires_edit and not self.account.can_edit:
            raise PermissionDenied(_("Your role in your organisation does not allow changes."))
        self.organization = self.account.organization
        if self.organization.network_id != getattr(getattr(request, "network", None), "pk", None):
            # The member's portal is on its own network's site (each network's data and layout).
            network = self.organization.network
            return HttpResponseRedirect(absolute_url(request.get_full_path(), network=network))
        with portal_changes(request.user, self.organization):
            return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("account", self.account)
        context.setdefault("organization", self.organization)
        return context


class PortalObjectMixin(PortalMixin):
    """Generic views (Detail, Update, Delete, downloads) fetch through `for_user`: 404 otherwise."""

    model = None

    def get_queryset(self):
        return self.model._default_manager.for_user(self.request.user)

    def get_scoped_object_or_404(self, **lookup):
        obj = self.get_queryset().filter(**lookup).first()
        if obj is None:
            raise Http404
        return obj
