"""Which network a request, a command or a task works for, and the one rule that scopes data to it.

Every model that belongs to a network declares its manager with ``scoped_manager`` (django-scopes,
pretix's approach): a query on it outside ``activate(network)`` or ``across(networks)`` raises
``ScopeError`` instead of returning every network's rows. ``NetworkMiddleware`` opens the scope of
every request:

- the public site and the portal: the network whose Wagtail Site answers the host (a Site that
  no network owns is the regional site, which reads every network's public data);
- the admin: the networks of the staff member (``admin_networks``), narrowed to the one chosen
  in the admin's network switcher (``ADMIN_NETWORK_SESSION_KEY``); regional staff and superusers
  read every network.

Commands and tasks open it themselves: ``for network in each_network(): …`` runs a block once per
network, in its time zone. Tests run their own set-up unscoped (``tests/conftest.py``) while every
request they make goes through the middleware.
"""

import contextlib
import contextvars
from typing import NamedTuple

from django_scopes import scope, scopes_disabled
from django_scopes.exceptions import ScopeError
from django_scopes.state import get_scope

from django.db import models
from django.utils import timezone

__all__ = [
    "ScopeError",
    "activate",
    "across",
    "admin_networks",
    "current_network",
    "each_network",
    "working_for",
    "scoped_manager",
    "scopes_disabled",
]

#: Name of the group whose members read every network in the admin (the regional initiative's staff).
REGIONAL_GROUP = "Equipo regional"
#: The admin's network switcher keeps the chosen network's id here ("all" for every network).
ADMIN_NETWORK_SESSION_KEY = "admin_network"

_current = contextvars.ContextVar("current_network", default=None)
#: The Site a public request is served from when no network is active (the regional site's id).
_current_site = contextvars.ContextVar("current_site", default=None)


class NetworkRequired(ValueError):
    """A network-owned record was saved with no network to belong to (no ``activate``)."""


class NetworkScopedQuerySet(models.QuerySet):
    """A queryset that adds its network condition when it runs, from the scope active then.

    It may be built anywhere (a form field's or a filter's queryset at import time); reading,
    counting, changing through it or using it as a subquery applies the scope of that moment:
    ``activate(network)`` keeps that network's rows, ``across(networks)`` those networks' (every
    network's with None), ``scopes_disabled()`` everything; with no scope it raises ``ScopeError``
    (default deny), so a query that forgets its network fails loudly.
    """

    #: Lookup from the model to its Network (set by ``scoped_manager``).
    network_lookup = "network"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._network_scoped = False

    def _clone(self):
        clone = super()._clone()
        clone._network_scoped = self._network_scoped
        return clone

    def _apply_network_scope(self):
        if self._network_scoped:
            return
        current = get_scope()
        if current.get("_enabled", True):
            if "network" not in current:
                raise ScopeError(
                    f"{self.model.__name__} belongs to a network: query it inside network_site.networks."
                    "activate() or across() (a request opens the scope itself)."
                )
            value = current["network"]
            if isinstance(value, (list, tuple)):
                if self._through_many():
                    # A record of several networks (an agreement's parties) would come once per
                    # network in scope through the join: match its id instead.
                    ids = self.model._base_manager.filter(**{f"{self.network_lookup}__in": value}).values("pk")
                    self.query.add_q(models.Q(pk__in=ids))
                else:
                    self.query.add_q(models.Q(**{f"{self.network_lookup}__in": value}))
            elif value is not None:
                self.query.add_q(models.Q(**{self.network_lookup: value}))
        self._network_scoped = True

    def _through_many(self):
        """Whether the path to the network crosses a many-valued relation (a many-to-many)."""
        model = self.model
        for name in self.network_lookup.split("__"):
            field = model._meta.get_field(name)
            if field.many_to_many or field.one_to_many:
                return True
            model = field.related_model
        return False

    def _fetch_all(self):
        if self._result_cache is None:
            self._apply_network_scope()
        super()._fetch_all()

    def _iterator(self, *args, **kwargs):
        self._apply_network_scope()
        return super()._iterator(*args, **kwargs)

    def resolve_expression(self, *args, **kwargs):
        self._apply_network_scope()
        return super().resolve_expression(*args, **kwargs)


def _scope_first(name):
    def method(self, *args, **kwargs):
        self._apply_network_scope()
        return getattr(super(NetworkScopedQuerySet, self), name)(*args, **kwargs)

    method.__name__ = name
    return method


for _name in ("count", "exists", "aggregate", "update", "delete", "_raw_delete", "contains", "explain", "_update"):
    setattr(NetworkScopedQuerySet, _name, _scope_first(_name))


def scoped_manager(queryset_class=models.QuerySet, path="network"):
    """A manager for a network-owned model: ``path`` leads from the model to its Network.

    Its querysets are ``NetworkScopedQuerySet``s of the model's own queryset class.
    """
    scoped_class = type(
        f"NetworkScoped{queryset_class.__name__}", (NetworkScopedQuerySet, queryset_class), {"network_lookup": path}
    )
    return models.Manager.from_queryset(scoped_class)()


def current_site_id():
    """The id of the Site being served when it belongs to no network (the regional site), else None."""
    return _current_site.get()


def current_network():
    """The network being worked for (None: several or every network, e.g. the regional site)."""
    return _current.get()


@contextlib.contextmanager
def activate(network):
    """Work for one network: its data only, its time zone, ``current_network()``."""
    token = _current.set(network)
    try:
        with scope(network=network), timezone.override(network.zone):
            yield network
    finally:
        _current.reset(token)


@contextlib.contextmanager
def across(networks=None):
    """Read several networks at once (None: every network); ``current_network()`` is None."""
    token = _current.set(None)
    try:
        with scope(network=None if networks is None else list(networks)):
            yield
    finally:
        _current.reset(token)


@contextlib.contextmanager
def working_for(network):
    """New records default to ``network`` (``current_network()``), with the scope left as it is
    (tests' set-up runs unscoped inside ``scopes_disabled()`` and working for the default network)."""
    token = _current.set(network)
    try:
        yield network
    finally:
        _current.reset(token)


def each_network():
    """Every network in turn, each activated while the caller's loop body runs."""
    from network_site.models import Network

    for network in list(Network.objects.all()):
        with activate(network):
            yield network


def is_regional_staff(user):
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or user.groups.filter(name=REGIONAL_GROUP).exists()


def admin_networks(user):
    """The networks the staff member works for in the admin (every network for regional staff)."""
    from network_site.models import Network

    if not getattr(user, "is_authenticated", False) or not user.is_staff:
        return Network.objects.none()
    if is_regional_staff(user):
        return Network.objects.all()
    return Network.objects.filter(staff_memberships__user=user)


def network_for_site(site):
    """The network whose Site this is, remembered per cache generation (None: the regional site)."""
    from network_site.caching import cached
    from network_site.models import Network

    if site is None:
        return None
    site_id = site.pk
    network_id = cached(
        "network-for-site",
        site_id,
        builder=lambda: Network.objects.filter(site_id=site_id).values("pk").first() or {},
        shared=True,
    ).get("pk")
    if network_id is None:
        return None
    return cached(
        "network", network_id, builder=lambda: Network.objects.select_related("site").get(pk=network_id), shared=True
    )


def _admin_scope(request):
    """(network or None, networks or None) of an admin request: the chosen network, or all of theirs."""
    networks = list(admin_networks(request.user))
    chosen = request.session.get(ADMIN_NETWORK_SESSION_KEY) if hasattr(request, "session") else None
    everything = is_regional_staff(request.user)
    if chosen is None and everything and not request.user.is_superuser:
        chosen = "all"  # the initiative's staff read every network until they choose one
    if chosen == "all" and (everything or len(networks) > 1):
        return None, (None if everything else networks)
    by_id = {network.pk: network for network in networks}
    if chosen in by_id:
        return by_id[chosen], [by_id[chosen]]
    if not networks:
        return None, []
    return networks[0], [networks[0]]


def request_scope(request):
    """The scope of a request (a context manager), and sets ``request.network``."""
    from wagtail.models import Site

    if request.path_info.startswith(admin_prefix()):
        network, networks = _admin_scope(request)
        request.network = network
        request.admin_networks = networks
        if network is not None:
            _admin_time_zone(request.user, network)
            return activate(network)
        return across(networks)
    site = Site.find_for_request(request)
    network = network_for_site(site)
    request.network = network
    if network is None:
        return _regional(site.pk if site is not None else None)
    return activate(network)


@contextlib.contextmanager
def _regional(site_id):
    """The regional site: every network's data, its own page tree and origin."""
    token = _current_site.set(site_id)
    try:
        with across(None):
            yield
    finally:
        _current_site.reset(token)


def _admin_time_zone(user, network):
    """Wagtail's admin shows times in the user's chosen time zone, else TIME_ZONE: with no choice of
    their own, in the network's (its meetings are in its time zone), for this request only."""
    from wagtail.users.models import UserProfile

    if not getattr(user, "is_authenticated", False):
        return
    try:
        profile = user.wagtail_userprofile
    except UserProfile.DoesNotExist:
        profile = UserProfile(user=user)
        user.wagtail_userprofile = profile
    if not profile.current_time_zone:
        profile.current_time_zone = network.time_zone


def admin_prefix():
    from django.urls import reverse

    return reverse("wagtailadmin_home")


def _scoped_stream(context, content):
    with context:
        yield from content


class NetworkMiddleware:
    """Opens the request's network scope (``request_scope``) around the view and its response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_scope(request):
            response = self.get_response(request)
        if response.streaming:
            # A streamed export reads the database after the view returned: in the same scope.
            response.streaming_content = _scoped_stream(request_scope(request), response.streaming_content)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, NetworkRequired) and request.path_info.startswith(admin_prefix()):
            return self._choose_first(request)
        return None

    @staticmethod
    def _choose_first(request):
        """Reading every network in the admin, a new record has no network: choose one first."""
        from django.contrib import messages
        from django.http import HttpResponseRedirect
        from django.urls import reverse
        from django.utils.http import urlencode
        from django.utils.translation import gettext as _

        messages.error(request, _("Choose the network this record belongs to, then add it again."))
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse('network_site_choose_network')}?{query}")


def regional_site():
    """The regional site: the Wagtail Site that no network owns (None when there is none)."""
    from wagtail.models import Site

    return Site.objects.filter(network__isnull=True).select_related("root_page").order_by("pk").first()


class Secretariat(NamedTuple):
    """Who speaks for the network being worked for: in e-mails, calendar invitations and notices."""

    name: str
    emails: list
    reply_to: str
    network_name: str


def secretariat():
    """The current network's secretariat (the settings' SECRETARIAT_* when no network is active)."""
    from django.conf import settings

    network = current_network()
    if network is not None:
        return Secretariat(network.sender_name, network.notice_emails, network.reply_address, network.name)
    return Secretariat(
        getattr(settings, "SECRETARIAT_NAME", ""),
        list(getattr(settings, "SECRETARIAT_EMAILS", [])),
        getattr(settings, "SECRETARIAT_REPLY_TO", ""),
        settings.WAGTAIL_SITE_NAME,
    )
