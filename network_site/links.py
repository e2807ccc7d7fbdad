"""Absolute URLs, built in one place.

Every link that leaves the request it was made in (e-mails, PDFs, certificates, calendar files,
feed ids, the sitemap, canonical links) is built here from ``settings.BASE_URL``, which
``make run PORT=…`` and the production environment set. A request's own host is never trusted
for it, so a link in an e-mail cannot point at whatever host name a client sent.

    absolute_url("/portal/")          -> "https://red.example.org/portal/"
    absolute_url(reverse("x"), "…")   -> paths only; full URLs pass through unchanged
    page_url(page)                    -> a Wagtail page's absolute URL (never its Site's root_url)
    site_address()                    -> ("red.example.org", 443): the host and port of BASE_URL
"""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings


def base_url(network=None):
    """The public origin of ``network`` (default: the current one), without a trailing slash.

    A network's origin is its Site's host name and port with ``BASE_URL``'s scheme; the default
    Site's network, the regional site and work for no network use ``BASE_URL`` itself.
    """
    from network_site.networks import current_network

    network = network or current_network()
    site = network.site if network is not None and network.site_id else None
    if site is None or site.is_default_site:
        return settings.BASE_URL.rstrip("/")
    parts = urlsplit(settings.BASE_URL)
    default_port = 443 if parts.scheme == "https" else 80
    port = "" if site.port in (default_port, 80, 443) else f":{site.port}"
    return f"{parts.scheme}://{site.hostname}{port}"


def absolute_url(path, network=None):
    """`path` (``/es/…``) on the network's origin; an already absolute URL is returned as is."""
    if urlsplit(path).scheme:
        return path
    if not path.startswith("/"):
        path = "/" + path
    return base_url(network) + path


def page_url(page, request=None):
    """A Wagtail page's absolute URL on the installation's origin ("" when it is not routable).

    Built from the page's path (``get_url_parts``), never from its Site's ``root_url``, so that
    canonical links, the sitemap and feeds agree with e-mails whatever the Site record says.
    """
    parts = page.get_url_parts(request=request)
    if parts is None:
        return ""
    from network_site.networks import current_network, network_for_site

    network = current_network()
    if network is None:  # reading every network (the regional site): the page's own network's origin
        site_id = parts[0]
        network = network_for_site(SimpleNamespace(pk=site_id)) if site_id is not None else None
    return absolute_url(parts[2], network=network)


def site_address():
    """The host name and port of ``BASE_URL``, as a Wagtail Site stores them."""
    parts = urlsplit(base_url())
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)
