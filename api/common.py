"""What every resource of the open-data API shares: the one rule for which networks a request
reads, pagination, the throttle, the filters' types and the error responses.

The network rule: ``NetworkMiddleware`` has already opened the request's scope (a national
network's host reads that network only; the regional site's host every network), so every scoped
queryset below keeps to it whatever the query string says. The ``network`` (slug) and ``country``
filters can only narrow that scope further (``narrow``): on Costa Rica's host ``?network=ecuador``
answers nothing, never Ecuador's data.
"""

import contextlib
import hashlib
import threading
from typing import Annotated, Literal

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from ninja.throttling import AnonRateThrottle

from django.conf import settings
from django.http import Http404

from network_site.models import Network
from network_site.networks import across

#: Most items one page of a listing returns (``limit``), and the default.
MAX_LIMIT = 100
DEFAULT_LIMIT = 20
#: Beyond this offset a listing answers 422 (larger numbers overflow some databases' OFFSET).
MAX_OFFSET = 10_000_000
#: Requests per client address and period, shared by every process through the default cache
#: (Redis in production); ``API_THROTTLE_RATE`` in the settings overrides it ("N/s|m|h|d", or
#: None for no limit).
DEFAULT_THROTTLE_RATE = "120/m"

#: Free text in a query string: no control characters (PostgreSQL refuses NUL in a string).
TEXT_PATTERN = r"^[^\x00-\x1f\x7f]*$"
Slug = Annotated[str, Field(min_length=1, max_length=50, pattern=r"^[-a-zA-Z0-9_]+$")]
CountryCode = Annotated[str, Field(min_length=2, max_length=2, pattern=r"^[A-Za-z]{2}$")]
#: A record's id in a path: a positive 64-bit integer (larger ones overflow the databases).
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
Year = Annotated[int, Field(ge=2000, le=2100)]
SearchText = Annotated[str, Field(max_length=100, pattern=TEXT_PATTERN)]


def choice(choices):
    """A query parameter limited to the codes of a Django ``TextChoices`` (an enum in the document)."""
    return Literal[tuple(choices.values)]  # the codes, as Wagtail's own API builds its page types


class Problem(Schema):
    """An error, as RFC 7807 ``application/problem+json`` (Wagtail's API v3 handlers write it)."""

    type: str
    title: str
    status: int
    detail: str = ""
    errors: list[dict] | None = None


#: The error responses every operation may give, documented in the OpenAPI document.
ERRORS = {404: Problem, 422: Problem, 429: Problem}


def responses(ok):
    """The responses of an operation: ``ok`` for 200, and the errors."""
    return {200: ok, **ERRORS}


class PageInput(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT}).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")


class Pagination(LimitOffsetPagination):
    """``limit``/``offset`` pagination with the envelope of Wagtail's API v3 (``{"count", "items"}``).

    ``limit`` above ``MAX_LIMIT`` is refused (422) rather than silently cut, as in Wagtail's API.
    """

    Input = PageInput

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


class ApiThrottle(AnonRateThrottle):
    """Per client address, in the default cache: every process and server counts together.

    The address is ``REMOTE_ADDR`` only (as the join form's limit): behind a proxy, the proxy must
    set it (gunicorn's ``forwarded-allow-ips``); a client's own X-Forwarded-For is never trusted,
    or anyone could reset their count by sending a new one. The rate is read from the settings on
    every request, so tests and deployments can change it. One instance serves every request of
    the process, so what one request learns (how long to wait) is kept per thread.
    """

    scope = "api"

    def __init__(self):
        self.rate = None
        self._local = threading.local()

    def allow_request(self, request):
        self._local.wait = None
        num_requests, duration = self.parse_rate(getattr(settings, "API_THROTTLE_RATE", DEFAULT_THROTTLE_RATE))
        if num_requests is None:
            return True
        key = self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
        now = self.timer()
        history = [moment for moment in self.cache.get(key, []) if moment > now - duration]  # newest first
        if len(history) >= num_requests:
            self._local.wait = duration - (now - history[-1])
            return False
        self.cache.set(key, [now, *history], duration)
        return True

    def wait(self):
        return getattr(self._local, "wait", None)

    def get_ident(self, request):
        return hashlib.sha256(request.META.get("REMOTE_ADDR", "").encode()).hexdigest()[:32]


class NetworkFilters(Schema):
    """Narrow a listing to one network (its slug) or country (ISO code), within the host's scope."""

    network: Slug | None = Field(None, description="A network's slug, e.g. `costa-rica`.")
    country: CountryCode | None = Field(None, description="A network's country (ISO 3166 code), e.g. `CR`.")

    @property
    def narrows(self):
        return bool(self.network or self.country)


def network_condition(filters, path="network"):
    """The lookups of ``filters``' network and country along ``path`` (from the model to its Network)."""
    prefix = f"{path}__" if path else ""
    condition = {}
    if filters.network:
        condition[f"{prefix}slug"] = filters.network
    if filters.country:
        condition[f"{prefix}country__iexact"] = filters.country
    return condition


def narrow(queryset, filters, path="network"):
    """``queryset`` (already scoped by the request) narrowed by the network and country filters."""
    condition = network_condition(filters, path)
    return queryset.filter(**condition) if condition else queryset


def visible_networks(request):
    """The networks this host answers for: its own (a national site), or every one (the regional site)."""
    queryset = Network.objects.select_related("site").order_by("position", "short_name", "pk")
    network = getattr(request, "network", None)
    if network is not None:
        queryset = queryset.filter(pk=network.pk)
    return queryset


@contextlib.contextmanager
def narrowed_scope(request, filters):
    """Inside: the request's scope narrowed by the network filters (for aggregates that run on the
    scope, not on one queryset). Yields the ids of the networks read, or None for "the host's"."""
    if not filters.narrows:
        yield None
        return
    ids = list(narrow(visible_networks(request), filters, path="").values_list("pk", flat=True))
    with across(ids):
        yield ids


def get_or_404(queryset, **lookups):
    """The one object of ``queryset`` (already public and scoped) matching ``lookups``, or a 404."""
    found = queryset.filter(**lookups).first()
    if found is None:
        raise Http404("Not found.")
    return found
