"""The one private storage: every file that is not public (evidence, attachments, minutes,
imported spreadsheets, Wagtail documents) is stored here, outside ``MEDIA_ROOT``.

A file of this storage has no URL: ``url()`` raises ``NotImplementedError``, so a template
that would link to it fails in tests instead of leaking it. It is served only by a view that applied the access
rule, with :func:`network_site.uploads.private_file_response` (Wagtail documents by
Wagtail's ``serve_view``, which checks the collection's privacy).

Locally it is ``PRIVATE_MEDIA_ROOT`` (read when used, so tests can point it elsewhere); with
``AWS_PRIVATE_BUCKET_NAME`` it is a private S3 bucket (``STORAGES["private"]``). Model fields
are :class:`PrivateFileField`, which names it through the callable :func:`private_storage` (so
migrations stay the same whatever the deployment uses).
"""

import os
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.db import models
from django.forms import ClearableFileInput

PRIVATE = "private"


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under ``PRIVATE_MEDIA_ROOT``; no URL (served only by views that check who asks)."""

    def __init__(self, **kwargs):
        kwargs.pop("location", None)
        super().__init__(base_url=None, **kwargs)

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        # NotImplementedError is how a storage says "no URL" (Django's own base class; Wagtail's
        # document view then serves the file itself).
        raise NotImplementedError(
            f"“{name}” is a private file: it has no URL and is served only by a view that checks access."
        )


def check_private_root(app_configs=None, **kwargs):
    """System check: the private folder must not be inside the public media folder (a web server
    serving ``MEDIA_ROOT`` would serve it too)."""
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    public = Path(settings.MEDIA_ROOT).resolve()
    if private == public or public in private.parents:
        return [
            checks.Error(
                f"PRIVATE_MEDIA_ROOT ({private}) is inside MEDIA_ROOT ({public}): private files would be public.",
                hint="Point PRIVATE_MEDIA_ROOT to a folder outside MEDIA_ROOT, which no web server serves.",
                id="network_site.E002",
            )
        ]
    return []


def private_storage():
    """The private storage (``STORAGES["private"]``)."""
    return storages[PRIVATE]


def is_private(storage):
    """Whether ``storage`` is the private storage (or the same storage made again: changing
    ``STORAGES``, as a test's settings override does, makes Django build new instances)."""
    private = storages[PRIVATE]
    if storage is private:
        return True
    same = ("location", "bucket_name")
    return type(storage) is type(private) and all(getattr(storage, a, None) == getattr(private, a, None) for a in same)


def move_to_private(apps, app_label, model_name, field_name):
    """Data migration step: move the files of one field from the public storage to the private one.

    Each file found in the default (public) storage is copied under the same name into the
    private storage and then deleted from the public one; when a private copy exists already
    (an interrupted run), the public one is deleted all the same; a missing file is skipped
    (its row keeps its name). Idempotent. Its reverse is :func:`move_to_public`.
    """
    _move_files(apps.get_model(app_label, model_name), field_name, default_storage, private_storage())


def move_to_public(apps, app_label, model_name, field_name):
    """The reverse of :func:`move_to_private` (a migration rolled back): the files go back."""
    _move_files(apps.get_model(app_label, model_name), field_name, private_storage(), default_storage)


def _move_files(model, field_name, source, target):
    for name in model.objects.exclude(**{field_name: ""}).values_list(field_name, flat=True).iterator():
        if not name or not source.exists(name):
            continue
        if not target.exists(name):  # (already there: an interrupted run copied it; the source remains)
            with source.open(name, "rb") as handle:
                saved = target.save(name, handle)
            if saved != name:  # never rename: the row keeps pointing at `name`
                target.delete(saved)
                raise RuntimeError(f"Could not move {name}: the target storage renamed it.")
        source.delete(name)


class PrivateFileInput(ClearableFileInput):
    """The file input for a private file in a form: it names the current file but never links
    to it (a private file has no URL; its download is a view that checks who asks)."""

    template_name = "widgets/private_file_input.html"

    def is_initial(self, value):
        # Django's asks for the file's URL; a private file has a name but no URL.
        return bool(value and getattr(value, "name", ""))

    def format_value(self, value):
        return value if self.is_initial(value) else None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["file_name"] = os.path.basename(getattr(value, "name", "") or "")
        return context


class PrivateFileField(models.FileField):
    """A file that is not public: always on the private storage, and its form input never
    links to it. Every non-public file field of every app is one of these."""

    def __init__(self, *args, **kwargs):
        kwargs["storage"] = private_storage
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("storage", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        kwargs.setdefault("widget", PrivateFileInput)
        return super().formfield(**kwargs)
