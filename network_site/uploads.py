"""One check for every file a user uploads (evidence, attachments, photos).

``check_upload(upload, extensions=..., max_bytes=...)`` refuses, with a translated message
that names the file:

* a file whose extension is not in the app's list;
* an empty file;
* a file larger than ``max_bytes``;
* a file whose first bytes do not match its extension (a ``.png`` that is really a PDF, an
  ``.exe`` renamed ``.pdf``);
* an image Pillow cannot read, whose format differs from its extension, or that has more
  pixels than ``max_pixels`` (by default ``settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS``, read
  when the check runs) — including decompression bombs, which Pillow refuses to open. Every
  frame of an animated image (GIF, WebP, PNG) counts: width × height × frames, as Wagtail's
  own image upload counts them, so a small GIF of thousands of frames is refused too.

It returns a :class:`FileType` ``(kind, content_type)`` — ``kind`` is ``"document"`` or
``"image"`` — so a caller can store what it detected.

``UploadValidator(extensions=..., max_bytes=...)`` wraps the same check as a validator for
form fields and model ``FileField``s; it is deconstructible, so a model field using it gets a
stable migration. Each app keeps its own lists of accepted extensions and its size limits::

    EVIDENCE_EXTENSIONS = ("pdf", "docx", "jpg", "jpeg", "png")
    file = models.FileField(validators=[UploadValidator(extensions=EVIDENCE_EXTENSIONS, max_bytes=10 * 1024 * 1024)])

``private_file_response(field_file)`` serves an uploaded file back to someone the view has
already allowed to see it: 404 when the file is missing, a download by default, never sniffed,
sandboxed and never stored by shared caches.
"""

import os
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

MB = 1024 * 1024


class FileType(NamedTuple):
    kind: str  # "document" or "image"
    content_type: str


def _starts_with(prefix):
    return lambda head: head.startswith(prefix)


def _is_webp(head):
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


_PDF = _starts_with(b"%PDF-")
# Office Open XML (docx, xlsx, pptx) and OpenDocument (odt, ods, odp) files are zip archives.
_ZIP = _starts_with(b"PK\x03\x04")
# Legacy Office files (ppt) are OLE2 compound documents.
_OLE2 = _starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
_JPEG = _starts_with(b"\xff\xd8\xff")
_PNG = _starts_with(b"\x89PNG\r\n\x1a\n")
_GIF = lambda head: head[:6] in (b"GIF87a", b"GIF89a")  # noqa: E731

#: Every extension the platform knows: (kind, content type, check of the first bytes, Pillow formats).
KNOWN_TYPES = {
    "pdf": ("document", "application/pdf", _PDF, ()),
    "docx": ("document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP, ()),
    "xlsx": ("document", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP, ()),
    "pptx": ("document", "application/vnd.openxmlformats-officedocument.presentationml.presentation", _ZIP, ()),
    "odt": ("document", "application/vnd.oasis.opendocument.text", _ZIP, ()),
    "ods": ("document", "application/vnd.oasis.opendocument.spreadsheet", _ZIP, ()),
    "odp": ("document", "application/vnd.oasis.opendocument.presentation", _ZIP, ()),
    "ppt": ("document", "application/vnd.ms-powerpoint", _OLE2, ()),
    "jpg": ("image", "image/jpeg", _JPEG, ("jpeg", "mpo")),
    "jpeg": ("image", "image/jpeg", _JPEG, ("jpeg", "mpo")),
    "png": ("image", "image/png", _PNG, ("png",)),
    "webp": ("image", "image/webp", _is_webp, ("webp",)),
    "gif": ("image", "image/gif", _GIF, ("gif",)),
}


def _extension(name):
    return os.path.splitext(name)[1].lower().lstrip(".")


def check_upload(upload, *, extensions, max_bytes, max_pixels=None):
    """Check an uploaded file; return its :class:`FileType` or raise ``ValidationError``.

    ``upload`` is an ``UploadedFile`` or a ``FieldFile``; ``extensions`` the accepted
    extensions (lower case, without the dot, each one of :data:`KNOWN_TYPES`); ``max_bytes``
    the size limit; ``max_pixels`` the image limit (``None``: ``WAGTAILIMAGES_MAX_IMAGE_PIXELS``).
    The file is left at position 0.
    """
    name = os.path.basename(getattr(upload, "name", "") or "")
    extension = _extension(name)
    if extension not in extensions or extension not in KNOWN_TYPES:
        raise ValidationError(
            _("“%(name)s”: this type of file is not accepted. Use one of: %(types)s.")
            % {"name": name, "types": ", ".join(extensions)},
            code="file_type",
        )
    size = getattr(upload, "size", 0) or 0
    if size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is larger than %(limit)s MB.") % {"name": name, "limit": max_bytes // MB},
            code="too_big",
        )
    kind, content_type, matches, image_formats = KNOWN_TYPES[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not matches(head):
        raise ValidationError(
            _("“%(name)s” does not contain what its extension says (.%(ext)s).") % {"name": name, "ext": extension},
            code="content_mismatch",
        )
    if kind == "image":
        _check_image(upload, name, image_formats, max_pixels)
    return FileType(kind, content_type)


def _check_image(upload, name, image_formats, max_pixels):
    from PIL import Image

    if max_pixels is None:
        max_pixels = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)
    too_many = _("“%(name)s” has too many pixels (%(w)s×%(h)s); reduce the image.")
    too_many_frames = _(
        "“%(name)s” has too many pixels in all (%(frames)s frames of %(w)s×%(h)s); use fewer frames or a smaller one."
    )
    unreadable = ValidationError(_("“%(name)s” is not a readable image.") % {"name": name}, code="invalid_image")
    try:
        with Image.open(upload) as image:
            width, height = image.size
            if width * height > max_pixels:
                raise ValidationError(too_many % {"name": name, "w": width, "h": height}, code="too_many_pixels")
            frames = getattr(image, "n_frames", 1) or 1  # every frame of an animated GIF, WebP or PNG
            if width * height * frames > max_pixels:
                raise ValidationError(
                    too_many_frames % {"name": name, "w": width, "h": height, "frames": frames}, code="too_many_pixels"
                )
            if (image.format or "").lower() not in image_formats:
                raise unreadable
            image.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        # Pillow refuses to open it at all: far more pixels than any limit we would accept.
        raise ValidationError(
            _("“%(name)s” has too many pixels; reduce the image.") % {"name": name}, code="too_many_pixels"
        ) from None
    except Exception:  # any decoding failure means the image is unusable
        raise unreadable from None
    finally:
        upload.seek(0)


@deconstructible
class UploadValidator:
    """Validator running :func:`check_upload` (for form fields and model ``FileField``s)."""

    def __init__(self, *, extensions, max_bytes, max_pixels=None):
        self.extensions = tuple(extensions)
        self.max_bytes = max_bytes
        self.max_pixels = max_pixels

    def __call__(self, upload):
        check_upload(upload, extensions=self.extensions, max_bytes=self.max_bytes, max_pixels=self.max_pixels)

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and (self.extensions, self.max_bytes, self.max_pixels) == (
            other.extensions,
            other.max_bytes,
            other.max_pixels,
        )

    def __hash__(self):
        return hash((self.extensions, self.max_bytes, self.max_pixels))


def private_file_response(field_file, *, filename=None, content_type=None, inline=False):
    """A response for an uploaded file the caller has checked the user may see.

    ``filename`` defaults to the stored file's base name, ``content_type`` is guessed from it
    when not given; ``inline=True`` lets the browser show it (images) instead of downloading.
    With ``PRIVATE_FILES_ACCEL_PREFIX`` set (behind nginx, see :mod:`network_site.accel`) the
    response is empty and names the file in ``X-Accel-Redirect``, for nginx to send; otherwise
    it is a ``FileResponse`` streaming the file.
    """
    import mimetypes

    from django.utils.http import content_disposition_header

    from .accel import accel_response, accel_uri

    filename = filename or os.path.basename(field_file.name or "")
    try:
        local_path = field_file.path if field_file.name else None
    except NotImplementedError:  # a storage without local paths (S3)
        local_path = None
    uri = accel_uri(local_path)
    if uri is not None:
        if not os.path.isfile(local_path):
            raise Http404
        response = accel_response(
            uri, content_type=content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        )
        response["Content-Disposition"] = content_disposition_header(not inline, filename)
    else:
        try:
            handle = field_file.open("rb")
        except (OSError, ValueError):  # missing on disk, or no file at all
            raise Http404 from None
        response = FileResponse(handle, content_type=content_type, as_attachment=not inline, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
