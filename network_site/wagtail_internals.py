"""The only module that touches Wagtail's (and Django's) private attributes.

Routing from memory (``network_site.routing``) saves Wagtail's site lookup and its walk down
the page tree on every request (about 5 ms, where an uncached public page now takes 3–8 ms
in all: ``docs/performance.md``). It relies on what Wagtail 8 does but does not document:

- ``Site.find_for_request(request)`` answers ``request._wagtail_site`` when the request carries
  one, and ``Site._find_for_request(request)`` is the lookup itself, keeping nothing;
- ``Page.route_for_request(request, path)``, and so Wagtail's ``serve`` view, answers
  ``request._wagtail_route_for_request`` when the request carries one;
- Django's ``HttpRequest._get_raw_host()`` is the host as sent, before the ``ALLOWED_HOSTS``
  check (what Wagtail matches sites on);
- Wagtail's ``check_view_restrictions`` (an ``on_serve_page`` hook) asks the served page for
  its view restrictions through ``page.get_view_restrictions()`` (public, but
  ``RememberedPageMixin`` answers it from memory).

``tests/network_site/test_wagtail_internals.py`` pins each of these: a Wagtail upgrade that
changes one fails a test there rather than skipping a page's view restrictions.
"""

from wagtail.models import Site


def find_site_uncached(request):
    """Wagtail's own site lookup for this request's host and port, keeping nothing on the request."""
    return Site._find_for_request(request)


def raw_host(request):
    """The Host header as sent (Wagtail's site lookup reads it before ``ALLOWED_HOSTS``)."""
    return request._get_raw_host()


def give_site(request, site):
    """Make ``site`` the answer of ``Site.find_for_request`` for this request."""
    request._wagtail_site = site


def has_route(request):
    """Whether the request already carries its page route (Wagtail's or ours)."""
    return hasattr(request, "_wagtail_route_for_request")


def give_route(request, route):
    """Make ``route`` (``(page, args, kwargs)`` or None) the answer of ``Page.route_for_request``."""
    request._wagtail_route_for_request = route
