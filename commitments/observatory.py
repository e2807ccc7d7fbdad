"""The observatory's aggregates: computed in the database, cached, invalidated by signals.

Only approved, public commitments of active members count (`Commitment.objects.public()`),
and only approved reports of those. The commitments' figures are two aggregate queries; the
reports' come from their summary (``commitments.summary``: a few thousand rows kept up to date
on write, instead of a million reports); the whole result is kept per cache generation
(``network_site.caching``), which any saved commitment, report or organisation of the network
moves on.
"""

from django.db.models import Count, DecimalField, ExpressionWrapper, F, FloatField, OuterRef, Subquery
from django.db.models.functions import Cast, NullIf
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail import hooks

from members.models import Organization, Sector
from network_site.caching import cached
from network_site.charts import bar_chart
from network_site.hooks import OBSERVATORY_SECTIONS

# The model modules themselves (not the package, whose observatory page imports this module).
from .models.choices import AccelerationFactor, CommitmentStatus, ReportStatus, ThematicArea
from .models.commitments import Commitment, ProgressReport

CACHE_SECONDS = 60 * 60


def filters_from_request(request):
    """The valid filters in the query string: year, sector, area (anything else is ignored)."""
    filters = {}
    year = (request.GET.get("year") or "").strip()
    if year.isdigit() and 2000 <= int(year) <= 2100:
        filters["year"] = int(year)
    sector = request.GET.get("sector") or ""
    if sector in Sector.values:
        filters["sector"] = sector
    area = request.GET.get("area") or ""
    if area in ThematicArea.values:
        filters["area"] = area
    return filters


def filtered_commitments(filters):
    queryset = Commitment.objects.public()
    if "year" in filters:
        queryset = queryset.filter(start_date__year__lte=filters["year"], end_date__year__gte=filters["year"])
    if "sector" in filters:
        queryset = queryset.filter(organization__sector=filters["sector"])
    if "area" in filters:
        queryset = queryset.filter(thematic_area=filters["area"])
    return queryset


def filtered_reports(filters):
    queryset = ProgressReport.objects.filter(
        status=ReportStatus.APPROVED,
        commitment__in=filtered_commitments({k: v for k, v in filters.items() if k != "year"}),
    )
    if "year" in filters:
        queryset = queryset.filter(period_start__year=filters["year"])
    return queryset


def _progress_expression():
    """Percentage of the way from baseline to target, per report (NULL when target = baseline)."""
    span = NullIf(F("commitment__target") - F("commitment__baseline"), 0)
    return ExpressionWrapper(
        Cast(F("value") - F("commitment__baseline"), FloatField()) * 100.0 / Cast(span, FloatField()),
        output_field=FloatField(),
    )


def _labelled(rows, field, choices):
    labels = dict(choices)
    return [
        {"key": row[field], "label": str(labels.get(row[field], row[field] or "—")), "value": row["n"]} for row in rows
    ]


def _by_value(rows):
    return sorted(rows, key=lambda row: (-row["value"], row["label"]))


def _network_ids():
    """The networks being read: the current one, or every one (the regional scope)."""
    from network_site.models import Network
    from network_site.networks import current_network

    network = current_network()
    return [network.pk] if network is not None else list(Network.objects.values_list("pk", flat=True))


def report_figures(filters, network_ids):
    """Totals and quarters of the approved reports, from the summary (``commitments.summary``)."""
    from .summary import summary_rows

    totals = {"reports": 0, "on_time": 0}
    per_start = {}
    for row in summary_rows(filters, network_ids):
        totals["reports"] += row["n"]
        totals["on_time"] += 0 if row["is_late"] else row["n"]
        entry = per_start.setdefault(
            (row["period_start"], row["period"]), {"reports": 0, "on_time": 0, "sum": 0.0, "count": 0}
        )
        entry["reports"] += row["n"]
        entry["on_time"] += 0 if row["is_late"] else row["n"]
        entry["sum"] += row["progress_sum"] or 0.0
        entry["count"] += row["progress_count"] or 0
    merged = {}
    for (_start, period), entry in sorted(per_start.items()):  # a few dozen periods, not rows of data
        item = merged.setdefault(period, {"period": period, "reports": 0, "on_time": 0, "progress": None})
        item["reports"] += entry["reports"]
        item["on_time"] += entry["on_time"]
        if entry["count"]:
            item["progress"] = round(entry["sum"] / entry["count"], 1)
    return totals, list(merged.values())


def commitment_groups(commitments, *extra):
    """Public commitments counted by status, area, factor and sector (and ``extra``): one query."""
    fields = ("status", "thematic_area", "acceleration_factor", "organization__sector", *extra)
    return list(commitments.values(*fields).annotate(n=Count("pk")).order_by())


def _sum_by(rows, field):
    counts = {}
    for row in rows:
        counts[row[field]] = counts.get(row[field], 0) + row["n"]
    return [{field: key, "n": n} for key, n in sorted(counts.items(), key=lambda item: str(item[0]))]


def compute(filters):
    """Every aggregate of the observatory, as plain data (dicts and lists): five queries, the
    reports' figures from their summary, whatever the number of rows."""
    commitments = filtered_commitments(filters)
    members = Organization.objects.active()
    if "sector" in filters:
        members = members.filter(sector=filters["sector"])

    groups = commitment_groups(commitments)
    ended_statuses = {CommitmentStatus.ACHIEVED, CommitmentStatus.NOT_ACHIEVED}
    totals = {
        "commitments": sum(row["n"] for row in groups),
        "achieved": sum(row["n"] for row in groups if row["status"] == CommitmentStatus.ACHIEVED),
        "ended": sum(row["n"] for row in groups if row["status"] in ended_statuses),
        "organizations": commitments.aggregate(n=Count("organization", distinct=True))["n"],
    }
    report_totals, by_quarter = report_figures(filters, _network_ids())
    totals["members"] = members.count()
    totals.update(report_totals)
    totals["share_achieved"] = round(100 * totals["achieved"] / totals["ended"]) if totals["ended"] else None
    totals["share_on_time"] = (
        round(100 * report_totals["on_time"] / report_totals["reports"]) if report_totals["reports"] else None
    )

    status_order = [s.value for s in CommitmentStatus]
    by_status = sorted(
        _labelled(_sum_by(groups, "status"), "status", CommitmentStatus.choices),
        key=lambda r: status_order.index(r["key"]),
    )
    return {
        "filters": filters,
        "totals": totals,
        "by_area": _by_value(_labelled(_sum_by(groups, "thematic_area"), "thematic_area", ThematicArea.choices)),
        "by_factor": _by_value(
            _labelled(_sum_by(groups, "acceleration_factor"), "acceleration_factor", AccelerationFactor.choices)
        ),
        "by_sector": _by_value(
            _labelled(_sum_by(groups, "organization__sector"), "organization__sector", Sector.choices)
        ),
        "by_status": by_status,
        "by_quarter": by_quarter,
        "computed_at": timezone.now().isoformat(timespec="seconds"),
    }


def aggregates(filters):
    """`compute(filters)`, from the cache when nothing changed since."""
    # Per language too, as everything `cached` keeps: the rows carry translated labels.
    return cached(
        "observatory-aggregates", sorted(filters.items()), builder=lambda: compute(filters), timeout=CACHE_SECONDS
    )


# --- Charts (server-rendered SVG) ------------------------------------------------------------

CHART_WIDTH = 760


def bars(rows):
    """A bar chart of counts (rows: label, value), labels beside the bars."""
    return bar_chart(
        [(row["label"], [row["value"]]) for row in rows],
        [_("Commitments")],
        width=CHART_WIDTH,
        label_width=370,
        bar_height=26,
        bar_gap=8,
        group_gap=0,
        font_size=14,
    )


def line_chart(rows, field):
    """Geometry of a line chart over periods with a label on every point."""
    width, height, pad_left, pad_bottom, pad_top = CHART_WIDTH, 240, 40, 40, 24
    values = [r[field] or 0 for r in rows]
    top = max(values, default=0) or 1
    count = len(rows)
    step = (width - pad_left - 20) / max(1, count - 1) if count > 1 else 0
    points = []
    for index, row in enumerate(rows):
        x = pad_left + index * step if count > 1 else width / 2
        value = row[field] or 0
        y = pad_top + (height - pad_top - pad_bottom) * (1 - value / top)
        points.append(
            {
                "x": round(x, 1),
                "y": round(y, 1),
                "label": row["period"],
                "value": row[field],
                "label_y": height - pad_bottom + 18,
                "value_y": round(y - 8, 1),
            }
        )
    return {
        "points": points,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "width": width,
        "height": height,
        "baseline_y": height - pad_bottom,
        "pad_left": pad_left,
    }


def observatory_context(request, filters):
    data = aggregates(filters)

    def render_sections():
        sections = []
        for fn in hooks.get_hooks(OBSERVATORY_SECTIONS):
            for template_name, section_context in fn(request, filters) or []:
                sections.append(
                    render_to_string(template_name, {**section_context, "filters": filters}, request=request)
                )
        return sections

    # The charts and the other apps' sections show public aggregates only: rendered once per
    # language and filters for the cache generation.
    filter_key = sorted(filters.items())
    sections = cached("observatory-sections", request.get_host(), filter_key, builder=render_sections)

    def render_charts():
        charts = {
            "area": bars(data["by_area"]),
            "factor": bars(data["by_factor"]),
            "sector": bars(data["by_sector"]),
            "status": bars(data["by_status"]),
            "quarter_reports": line_chart(data["by_quarter"], "reports"),
        }
        context = {"data": data, "charts": charts}
        return render_to_string("commitments/includes/observatory_charts.html", context, request=request)

    current_year = timezone.localdate().year
    return {
        "data": data,
        "filters": filters,
        "charts_html": cached("observatory-charts", filter_key, builder=render_charts),
        "hook_sections": sections,
        "year_choices": list(range(current_year, current_year - 6, -1)),
        "sector_choices": Sector.choices,
        "area_choices": ThematicArea.choices,
    }


def public_commitments_rows():
    """Rows of the open-data list of public commitments (one query, streamed)."""
    latest = ProgressReport.objects.filter(commitment=OuterRef("pk"), status=ReportStatus.APPROVED).order_by(
        "-period_start"
    )
    return (
        Commitment.objects.public()
        .annotate(
            latest_period=Subquery(latest.values("period")[:1]),
            latest_value=Subquery(latest.values("value")[:1], output_field=DecimalField()),
        )
        .order_by("reference")
        .values(
            "reference",
            "organization__name",
            "organization__sector",
            "title",
            "thematic_area",
            "acceleration_factor",
            "sdg_target",
            "indicator_name",
            "indicator_unit",
            "indicator_kind",
            "baseline",
            "target",
            "start_date",
            "end_date",
            "reporting_frequency",
            "status",
            "latest_period",
            "latest_value",
        )
    )
