"""The observatory's report summary (``ReportSummary``), kept up to date on write.

Writes: a saved or deleted progress report, commitment or organisation that public pages can
show (``network_site.page_cache.changes_public_pages``: a member's draft does not) moves its
network's ``ObservatoryState.data_version`` on (one UPDATE, in the writer's transaction, so a
rolled-back change moves nothing). Code that writes in bulk without signals calls
``mark_changed(network_ids)`` itself (the generator, the spreadsheet import).

Reads: ``fresh(network_ids)`` first rebuilds the summary of each network whose rows are older
than its data (one grouped query over that network's approved reports, a bulk insert), then the
observatory aggregates the summary: a few thousand rows, whatever the number of reports. A
network never read before is built at its first read. Concurrent rebuilds of one network are
serialised by a row lock on its state (PostgreSQL); a change made during a rebuild moves the
version on again, so the next read rebuilds once more.
"""

from django.db import transaction
from django.db.models import Count, F, Sum
from django.db.models.signals import post_delete, post_save

from members.models import Organization
from network_site import page_cache
from network_site.networks import across

from .models import Commitment, ObservatoryState, ProgressReport, ReportSummary

GROUP = {
    "network_id": "commitment__organization__network",
    "sector": "commitment__organization__sector",
    "thematic_area": "commitment__thematic_area",
    "period": "period",
    "period_start": "period_start",
    "is_late": "is_late",
}


def _progress_expression():
    from .observatory import _progress_expression as expression

    return expression()


def report_groups(network_ids=None):
    """The summary's rows computed from the reports themselves (one grouped query)."""
    from .observatory import filtered_reports

    with across(network_ids):
        progress = _progress_expression()
        rows = (
            filtered_reports({})
            .values(*GROUP.values())
            .annotate(reports=Count("pk"), progress_sum=Sum(progress), progress_count=Count(progress))
            .order_by()
        )
        return [
            {
                **{name: row[lookup] for name, lookup in GROUP.items()},
                "sector": row[GROUP["sector"]] or "",
                "reports": row["reports"],
                "progress_sum": row["progress_sum"],
                "progress_count": row["progress_count"],
            }
            for row in rows
        ]


def rebuild(network_id):
    """Rebuild one network's summary from its reports (and record the version it is built from)."""
    with transaction.atomic():
        state, _created = ObservatoryState.objects.get_or_create(network_id=network_id)
        state = ObservatoryState.objects.select_for_update().get(pk=state.pk)
        version = state.data_version
        rows = report_groups([network_id])
        ReportSummary._base_manager.filter(network_id=network_id).delete()
        ReportSummary._base_manager.bulk_create([ReportSummary(**row) for row in rows], batch_size=2000)
        ObservatoryState.objects.filter(pk=network_id).update(built_version=version)


def fresh(network_ids):
    """Make the summary of ``network_ids`` current (one query when it is; a rebuild per stale network)."""
    states = dict(
        ObservatoryState.objects.filter(network_id__in=network_ids)
        .filter(built_version=F("data_version"))
        .values_list("network_id", "built_version")
    )
    for network_id in network_ids:
        if network_id not in states:
            rebuild(network_id)


def summary_rows(filters, network_ids, by=()):
    """The summary's rows (made fresh first) matching ``filters`` (year, sector, area), grouped by
    period, period start, lateness and ``by``, with their sums: one query."""
    fresh(network_ids)
    rows = ReportSummary.objects.all()
    if "year" in filters:
        rows = rows.filter(period_start__year=filters["year"])
    if "sector" in filters:
        rows = rows.filter(sector=filters["sector"])
    if "area" in filters:
        rows = rows.filter(thematic_area=filters["area"])
    return list(
        rows.values(*by, "period", "period_start", "is_late")
        .annotate(n=Sum("reports"), progress_sum=Sum("progress_sum"), progress_count=Sum("progress_count"))
        .order_by()
    )


def mark_changed(network_ids=None):
    """The observatory's data of ``network_ids`` (None: every network) changed: rebuild at next read."""
    states = ObservatoryState.objects.all()
    if network_ids is not None:
        states = states.filter(network_id__in=list(network_ids))
    states.update(data_version=F("data_version") + 1)


def _changed(sender, instance, created=False, update_fields=None, deleted=False, **kwargs):
    if page_cache.changes_public_pages(instance, created=created, update_fields=update_fields, deleted=deleted):
        mark_changed(page_cache.networks_of(instance))


def _saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    _changed(sender, instance, created=created, update_fields=update_fields)


def _deleted(sender, instance, **kwargs):
    _changed(sender, instance, deleted=True)


def connect():
    for model in (ProgressReport, Commitment, Organization):
        uid = f"commitments-summary-{model._meta.model_name}"
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}-deleted")
