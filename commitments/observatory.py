"""The observatory's aggregates: computed in the database, cached, invalidated by signals.

Only approved, public commitments of active members count (`Commitment.objects.public()`),
and only approved reports of those. Every figure is one aggregate query, whatever the
number of rows; the whole result is kept per cache generation (``network_site.caching``),
which any saved commitment, report or organisation moves on.
"""

from django.db.models import Avg, Count, DecimalField, ExpressionWrapper, F, FloatField, OuterRef, Q, Subquery
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


def compute(filters):
    """Every aggregate of the observatory, as plain data (dicts and lists)."""
    commitments = filtered_commitments(filters)
    reports = filtered_reports(filters)
    members = Organization.objects.active()
    if "sector" in filters:
        members = members.filter(sector=filters["sector"])

    totals = commitments.aggregate(
        commitments=Count("pk"),
        achieved=Count("pk", filter=Q(status=CommitmentStatus.ACHIEVED)),
        ended=Count("pk", filter=Q(status__in=[CommitmentStatus.ACHIEVED, CommitmentStatus.NOT_ACHIEVED])),
        organizations=Count("organization", distinct=True),
    )
    report_totals = reports.aggregate(reports=Count("pk"), on_time=Count("pk", filter=Q(is_late=False)))
    totals["members"] = members.count()
    totals.update(report_totals)
    totals["share_achieved"] = round(100 * totals["achieved"] / totals["ended"]) if totals["ended"] else None
    totals["share_on_time"] = (
        round(100 * report_totals["on_time"] / report_totals["reports"]) if report_totals["reports"] else None
    )

    def by(field):
        return list(commitments.values(field).annotate(n=Count("pk")).order_by(field))

    status_order = [s.value for s in CommitmentStatus]
    by_status = sorted(
        _labelled(by("status"), "status", CommitmentStatus.choices), key=lambda r: status_order.index(r["key"])
    )
    quarters = list(
        reports.values("period", "period_start")
        .annotate(
            reports=Count("pk"),
            on_time=Count("pk", filter=Q(is_late=False)),
            progress=Avg(_progress_expression()),
        )
        .order_by("period_start", "period")
    )
    merged = {}
    for row in quarters:  # a few dozen periods at most, not rows of data
        key = row["period"]
        entry = merged.setdefault(key, {"period": key, "reports": 0, "on_time": 0, "progress": None})
        entry["reports"] += row["reports"]
        entry["on_time"] += row["on_time"]
        if row["progress"] is not None:
            entry["progress"] = round(row["progress"], 1)
    return {
        "filters": filters,
        "totals": totals,
        "by_area": _by_value(_labelled(by("thematic_area"), "thematic_area", ThematicArea.choices)),
        "by_factor": _by_value(
            _labelled(by("acceleration_factor"), "acceleration_factor", AccelerationFactor.choices)
        ),
        "by_sector": _by_value(_labelled(by("organization__sector"), "organization__sector", Sector.choices)),
        "by_status": by_status,
        "by_quarter": list(merged.values()),
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
