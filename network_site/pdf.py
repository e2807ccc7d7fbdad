"""The one way to make a PDF: Django template → HTML → WeasyPrint, with a locked-down URL fetcher.

Every PDF in the project (certificates, minutes, sign-in sheets, reports) goes through
`render_pdf` / `pdf_response`, or `render_pdf_within` (a time limit: WeasyPrint in a child
process, for the documents rendered in the background, ``network_site/background.py``).
The fetcher resolves only our own static files and media files; any other URL (``file://``,
``http://``, ``ftp://``, another host, a path outside static/media, ``@import`` of anything
else) is refused without touching the disk or the network, so text typed by users can never
make the renderer read a file or open a connection.
"""

import logging
import mimetypes
import multiprocessing
import os
import posixpath
import tempfile
import time
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


class RenderTimeout(Exception):
    """The renderer did not finish within its time limit (its process was stopped)."""


class RenderFailed(Exception):
    """The renderer stopped with an error (its message says which)."""


def render_pdf_within(template_name, context=None, *, time_limit, on_progress=None):
    """Render like :func:`render_pdf`, with WeasyPrint in a child process stopped after
    ``time_limit`` seconds (:class:`RenderTimeout`). Returns ``(pdf_bytes, page_count)``.

    The template is rendered here (database queries run in the caller's process and scope); the
    child receives only the HTML and reads only our static and media files (the same fetcher).
    ``on_progress(stage, pages)`` is called with ``"layout"`` when the pages are laid out.
    The child is forked, so no Django start-up is paid and nothing is pickled but the HTML.
    """
    html = render_to_string(template_name, context or {})
    return _render_html_within(html, time_limit=time_limit, on_progress=on_progress)


def _render_html_within(html, *, time_limit, on_progress=None):
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    handle, path = tempfile.mkstemp(prefix="render-", suffix=".pdf")
    os.close(handle)
    process = context.Process(target=_render_child, args=(html, path, writer), daemon=True)
    deadline = time.monotonic() + max(float(time_limit), 0.0)
    try:
        process.start()
        writer.close()
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not reader.poll(remaining):
                raise RenderTimeout(time_limit)
            try:
                stage, value = reader.recv()
            except EOFError:
                raise RenderFailed("the renderer stopped unexpectedly") from None
            if stage == "error":
                raise RenderFailed(value)
            if stage == "done":
                break
            if on_progress is not None:
                on_progress(stage, value)
        with open(path, "rb") as result:
            return result.read(), value
    finally:
        if process.is_alive():
            process.kill()
        if process.pid is not None:
            process.join()
        reader.close()
        os.unlink(path)


def _render_child(html, path, connection):  # pragma: no cover - runs in the forked child
    try:
        document = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=ProjectOnlyURLFetcher()).render()
        connection.send(("layout", len(document.pages)))
        document.write_pdf(path)
        connection.send(("done", len(document.pages)))
    except Exception as exc:  # noqa: BLE001 - every failure goes back to the parent as its message
        connection.send(("error", f"{type(exc).__name__}: {exc}"[:500]))
    finally:
        connection.close()


def pdf_response(template_name, context, filename, *, request=None, inline=False):
    """An HttpResponse carrying the rendered PDF, offered for download under `filename`."""
    pdf = render_pdf(template_name, context, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    stem = slugify(filename.removesuffix(".pdf")) or "documento"
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{stem}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
