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

from urllib.parse import urlsplit

from django.conf import settings


def base_url(network=None):
    """The public origin of ``network`` (default: the current one), without a trailing slash.

    A network's origin is its Site's host name and port with ``BASE_URL``'s scheme; the default
    Site's network, the regional site and work for no network use ``BASE_URL`` itself.
    """
    from network_site.networks import current_network, current_site_id

    network = network or current_network()
    if network is not None:
        site = network.site if network.site_id else None
        return _origin(site.hostname, site.port, site.is_default_site) if site else _origin(None, None, True)
    return site_origin(current_site_id())


def _origin(hostname, port, is_default):
    if hostname is None or is_default:
        return settings.BASE_URL.rstrip("/")
    parts = urlsplit(settings.BASE_URL)
    default_port = 443 if parts.scheme == "https" else 80
    return f"{parts.scheme}://{hostname}" + ("" if port in (default_port, 80, 443) else f":{port}")


def site_origin(site_id):
    """The origin of a Site by its id: its host name and port with ``BASE_URL``'s scheme; ``BASE_URL``
    itself for the default Site (or none). Remembered per cache generation."""
    from network_site.caching import cached

    if site_id is None:
        return settings.BASE_URL.rstrip("/")

    def build():
        from wagtail.models import Site

        site = Site.objects.filter(pk=site_id).values("hostname", "port", "is_default_site").first()
        return _origin(site["hostname"], site["port"], site["is_default_site"]) if site else _origin(None, None, True)

    return cached("site-origin", site_id, builder=build)


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
    from network_site.networks import current_network

    if current_network() is None and parts[0] is not None:  # the regional site: the page's own Site's origin
        return site_origin(parts[0]) + parts[2]
    return absolute_url(parts[2])


def site_address():
    """The host name and port of ``BASE_URL``, as a Wagtail Site stores them."""
    parts = urlsplit(base_url())
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)
