"""Private files sent by the web server (nginx's ``X-Accel-Redirect``) after a view's access check.

With ``X_ACCEL_REDIRECT=true`` in the environment (settings: ``PRIVATE_FILES_ACCEL_PREFIX``,
``/_private/`` by default), a view that allowed the user to see a private file answers with an
empty response naming the file in ``X-Accel-Redirect: /_private/<path under PRIVATE_MEDIA_ROOT>``;
nginx's ``internal`` location of that prefix (deploy/nginx/red-locations.conf) sends the file,
so no gunicorn worker is busy streaming it. Without the setting (runserver, tests, a server
without nginx) Django streams the file itself, as before.

Two users of it:

* :func:`network_site.uploads.private_file_response` (evidence, attachments, minutes…);
* Wagtail's document view (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``), through
  ``SENDFILE_BACKEND = "network_site.accel"``: Wagtail calls :func:`sendfile` after its own
  checks (the collection's view restrictions, the ``before_serve_document`` hooks).

nginx must never be able to reach a path outside ``PRIVATE_MEDIA_ROOT`` this way: a file
elsewhere (or on S3) is streamed by Django instead.
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse


def accel_uri(path):
    """The ``X-Accel-Redirect`` URI for a file at ``path``, or ``None`` when nginx does not send it
    (the setting is off, or the file is not under ``PRIVATE_MEDIA_ROOT``)."""
    prefix = getattr(settings, "PRIVATE_FILES_ACCEL_PREFIX", "")
    if not prefix or not path:
        return None
    root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    target = Path(path).resolve()
    if root not in target.parents:
        return None
    return "/" + prefix.strip("/") + "/" + quote(target.relative_to(root).as_posix())


def accel_response(uri, *, content_type):
    """An empty response asking nginx to send ``uri`` (its internal location) instead."""
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = uri
    return response


def sendfile(request, filename, mimetype=None, **kwargs):
    """Wagtail's ``SENDFILE_BACKEND`` (its ``wagtail.utils.sendfile`` sets the file name, type and
    length on the response afterwards)."""
    uri = accel_uri(filename)
    if uri is None:
        from wagtail.utils import sendfile_streaming_backend

        return sendfile_streaming_backend.sendfile(request, filename, **kwargs)
    return accel_response(uri, content_type=mimetype or "application/octet-stream")
