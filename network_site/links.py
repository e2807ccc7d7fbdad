"""Absolute URLs, built in one place.

Every link that leaves the request it was made in (e-mails, PDFs, certificates, calendar files,
feed ids, the sitemap, canonical links) is built here from ``settings.BASE_URL``, which
``make run PORT=…`` and the production environment set. A request's own host is never trusted
for it, so a link in an e-mail cannot point at whatever host name a client sent.

    absolute_url("/portal/")          -> "https://red.example.org/portal/"
    absolute_url(reverse("x"), "…")   -> paths only; full URLs pass through unchanged
"""

from urllib.parse import urlsplit

from django.conf import settings


def base_url():
    """The installation's public origin, without a trailing slash."""
    return settings.BASE_URL.rstrip("/")


def absolute_url(path):
    """`path` (``/es/…``) on the installation's origin; an already absolute URL is returned as is."""
    if urlsplit(path).scheme:
        return path
    if not path.startswith("/"):
        path = "/" + path
    return base_url() + path
