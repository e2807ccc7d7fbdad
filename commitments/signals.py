"""Keep the observatory's cache honest: any change under its aggregates invalidates it."""

from django.db.models.signals import post_delete, post_save

from members.models import Organization

from .models import Commitment, PledgeVersion, ProgressReport
from .observatory import invalidate


def _invalidate(sender, **kwargs):
    invalidate()


def _pledge_published(sender, instance, **kwargs):
    if instance.is_published and instance.resign_requested_at is None:
        instance.request_resigning()


def connect():
    for model in (Commitment, ProgressReport, Organization):
        post_save.connect(_invalidate, sender=model, dispatch_uid=f"commitments-observatory-save-{model.__name__}")
        post_delete.connect(_invalidate, sender=model, dispatch_uid=f"commitments-observatory-del-{model.__name__}")
    post_save.connect(_pledge_published, sender=PledgeVersion, dispatch_uid="commitments-pledge-published")
