"""The one way to make a PDF: Django template → HTML → WeasyPrint, with a locked-down URL fetcher.

Every PDF in the project (certificates, minutes, sign-in sheets, reports) goes through
`render_pdf` / `pdf_response`. The fetcher resolves only our own static files and media
files; any other URL (``file://``, ``http://``, ``ftp://``, another host, a path outside
static/media, ``@import`` of anything else) is refused without touching the disk or the
network, so text typed by users can never make the renderer read a file or open a connection.
"""

import logging
import mimetypes
import posixpath
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

logger = logging.getLogger(__name__)

#: The base URL documents are rendered against; relative links like /static/x.css resolve to it.
PDF_BASE_URL = "https://pdf.invalid/"
_PDF_HOST = urlsplit(PDF_BASE_URL).netloc


class BlockedURL(ValueError):
    """Raised (and caught by WeasyPrint, which then skips the resource) for a refused URL."""


class ProjectOnlyURLFetcher(URLFetcher):
    """Serves /static/… and /media/… from our own files; refuses every other URL."""

    def __init__(self):
        super().__init__(allowed_protocols={"https", "data"}, allow_redirects=False)
        self.blocked = []

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme == "data" and url.lower().startswith(("data:image/", "data:font/")):
            return super().fetch(url, headers)
        if parts.scheme == "https" and parts.netloc == _PDF_HOST:
            path = posixpath.normpath(unquote(parts.path))
            body = self._read_static(path) if path.startswith(settings.STATIC_URL) else None
            if body is None and path.startswith(settings.MEDIA_URL):
                body = self._read_media(path)
            if body is not None:
                content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body, {"Content-Type": content_type})
        self.blocked.append(url)
        logger.warning("PDF renderer refused to fetch %s", url[:200])
        raise BlockedURL(f"Refused URL in PDF: {url[:200]}")

    @staticmethod
    def _read_static(path):
        relative = path[len(settings.STATIC_URL) :]
        if not relative or relative.startswith("/") or ".." in relative.split("/"):
            return None
        found = finders.find(relative)
        if not found:
            root = settings.STATIC_ROOT
            candidate = root / relative if root else None
            found = str(candidate) if candidate and candidate.is_file() else None
        if not found:
            return None
        with open(found, "rb") as handle:
            return handle.read()

    @staticmethod
    def _read_media(path):
        relative = path[len(settings.MEDIA_URL) :]
        if not relative or relative.startswith("/") or ".." in relative.split("/"):
            return None
        try:
            with default_storage.open(relative, "rb") as handle:
                return handle.read()
        except (OSError, ValueError):
            return None


def render_pdf(template_name, context=None, *, request=None, fetcher=None):
    """Render a Django template to PDF bytes. Templates link assets as /static/… or /media/…."""
    html = render_to_string(template_name, context or {}, request=request)
    fetcher = fetcher or ProjectOnlyURLFetcher()
    return HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=fetcher).write_pdf()


def pdf_response(template_name, context, filename, *, request=None, inline=False):
    """An HttpResponse carrying the rendered PDF, offered for download under `filename`."""
    pdf = render_pdf(template_name, context, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    stem = slugify(filename.removesuffix(".pdf")) or "documento"
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{stem}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
