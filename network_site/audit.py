"""The audit log of what organisations change in the portal: one rule for every app.

Every portal view runs inside ``portal_changes(user, organization)`` (``members.access.PortalMixin``
opens it). While it is open, every save and deletion of a model that an app declares through the
``portal_audited_models`` hook (``network_site.hooks.PORTAL_AUDITED_MODELS``) is written to
Wagtail's audit log with the user, the organisation and ``"source": "portal"``:

- a deletion at once (``wagtail.delete``; the object is gone afterwards), however it was asked
  for (a form's POST, an HTTP DELETE, a cascade from another deletion);
- a creation or an edit (``wagtail.create`` / ``wagtail.edit``) at its first save in the request,
  once per object and request; when the request writes an entry of its own for that object (a
  lifecycle transition, a role change…), that entry replaces the generic one, so nothing is
  logged twice;
- and every entry a portal request writes, its own or the lifecycle's, carries the organisation.

Rows created by a spreadsheet import in the portal are saved one by one, so they are logged
like rows saved from a form. Changes made outside the portal (the admin, commands, tasks) are
not this module's concern: Wagtail logs the admin's, and the lifecycle logs every state change.
"""

import contextlib
import contextvars
import functools
from dataclasses import dataclass, field

from django.db.models.signals import post_delete, post_save, pre_save

from wagtail.log_actions import log

_current = contextvars.ContextVar("portal_audit", default=None)


@dataclass
class _Changes:
    user: object
    organization_id: int | None
    organization_name: str
    #: (content type id, object id as text) -> pk of the entry this module wrote for its save.
    ours: dict = field(default_factory=dict)
    #: (content type id, object id as text) of objects the request itself wrote an entry for.
    logged: set = field(default_factory=set)
    writing: bool = False

    def data(self):
        return {"organization_id": self.organization_id, "organization": self.organization_name, "source": "portal"}

    def write(self, instance, action, **kwargs):
        self.writing = True
        try:
            return log(instance, action, user=self.user, data=self.data(), **kwargs)
        finally:
            self.writing = False


@functools.cache
def audited_labels():
    """Labels (``app.model``) of the models whose portal changes are logged, from every app's hook."""
    from wagtail import hooks

    from network_site.hooks import PORTAL_AUDITED_MODELS

    return frozenset(model._meta.label_lower for fn in hooks.get_hooks(PORTAL_AUDITED_MODELS) for model in fn())


def _is_audited(model):
    return model._meta.label_lower in audited_labels()


def _key(instance):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(instance, for_concrete_model=False).pk, str(instance.pk)


@contextlib.contextmanager
def portal_changes(user, organization):
    """Log the audited models' changes made inside the block as ``user`` of ``organization``."""
    changes = _Changes(
        user=user,
        organization_id=getattr(organization, "pk", None),
        organization_name=str(organization) if organization is not None else "",
    )
    token = _current.set(changes)
    try:
        yield changes
    finally:
        _current.reset(token)


def _entry_written(sender, instance, raw=False, **kwargs):
    """An entry a portal request writes (its own, a lifecycle's) names the organisation too, and
    replaces the generic entry this module wrote for the same object's save."""
    changes = _current.get()
    if changes is None or raw or not _is_log_entry(sender) or instance.pk:
        return
    data = instance.data if isinstance(instance.data, dict) else {}
    instance.data = {**changes.data(), **data}
    if changes.writing:
        return
    key = (instance.content_type_id, str(instance.object_id))
    changes.logged.add(key)
    ours = changes.ours.pop(key, None)
    if ours is not None:
        sender.objects.filter(pk=ours).delete()


def _saved(sender, instance, created, raw=False, **kwargs):
    changes = _current.get()
    if changes is None or raw or not _is_audited(sender):
        return
    key = _key(instance)
    if key in changes.logged or key in changes.ours:
        return
    # Written at once, in the same transaction as the change: a rolled-back change (a spreadsheet's
    # preview) takes its entry with it.
    entry = changes.write(instance, "wagtail.create" if created else "wagtail.edit")
    if entry is not None:
        changes.ours[key] = entry.pk


def _deleted(sender, instance, **kwargs):
    changes = _current.get()
    if changes is None or not _is_audited(sender):
        return
    key = _key(instance)
    changes.ours.pop(key, None)
    if key in changes.logged:
        return
    changes.write(instance, "wagtail.delete", deleted=True)


@functools.cache
def _log_entry_models():
    from django.apps import apps

    from wagtail.models import BaseLogEntry

    return frozenset(model for model in apps.get_models() if issubclass(model, BaseLogEntry))


def _is_log_entry(model):
    return model in _log_entry_models()


def connect_signals():
    pre_save.connect(_entry_written, dispatch_uid="portal_audit_entry")
    post_save.connect(_saved, dispatch_uid="portal_audit_saved")
    post_delete.connect(_deleted, dispatch_uid="portal_audit_deleted")
