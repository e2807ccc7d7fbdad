"""Signals of the commitments app: publishing a new pledge version asks members to sign again.

The observatory's cached aggregates are kept per cache generation (``network_site.page_cache``),
which any saved commitment, report or organisation moves on; its report summary is marked
stale by ``commitments.summary``'s own signals (connected here).
"""

from django.db.models.signals import post_save

from .models import PledgeVersion


def _pledge_published(sender, instance, **kwargs):
    if instance.is_published and instance.resign_requested_at is None:
        instance.request_resigning()


def connect():
    from . import summary

    summary.connect()
    post_save.connect(_pledge_published, sender=PledgeVersion, dispatch_uid="commitments-pledge-published")
