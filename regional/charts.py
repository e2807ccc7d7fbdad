"""The regional observatory's charts (``network_site.charts``, each with its data table) and page context."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.models import ThematicArea
from commitments.observatory import bars
from members.models import Sector
from network_site.caching import cached
from network_site.charts import bar_chart

from . import opendata
from .observatory import aggregates

CHART_WIDTH = 760


def _by_network(data, series, values, maximum=None):
    groups = [(row["network"]["short_name"], values(row)) for row in data["rows"]]
    return bar_chart(
        groups,
        series,
        maximum=maximum,
        width=CHART_WIDTH,
        label_width=200,
        bar_height=18,
        bar_gap=3,
        group_gap=10,
        font_size=13,
    )


def charts(data):
    """The geometry of every chart of the page."""
    return {
        "networks": _by_network(
            data, [_("Active members"), _("Public commitments")], lambda row: [row["members"], row["commitments"]]
        ),
        "area": bars([{"label": row["label"], "value": row["total"]} for row in data["by_area"]]),
        "factor": bars([{"label": row["label"], "value": row["total"]} for row in data["by_factor"]]),
        "progress": _by_network(
            data,
            [_("Average progress towards target (%)"), _("Reports on time (%)")],
            lambda row: [row["progress"], row["share_on_time"]],
            maximum=100,
        ),
        "assessments": _by_network(
            data, [_("Average overall score")], lambda row: [row["assessments"]["average"]], maximum=100
        ),
    }


def charts_html(request, data, filters):
    """The charts and their tables, rendered once per cache generation, language and filters."""

    def render():
        return render_to_string(
            "regional/includes/observatory_charts.html", {"data": data, "charts": charts(data)}, request=request
        )

    return cached("regional-observatory-charts", sorted(filters.items()), builder=render)


def observatory_context(request, filters):
    data = aggregates(filters)
    current_year = timezone.localdate().year
    return {
        "data": data,
        "filters": filters,
        "charts_html": charts_html(request, data, filters),
        "query": request.GET.urlencode(),
        "tables": list(opendata.TABLES.values()),
        "year_choices": list(range(current_year, current_year - 6, -1)),
        "sector_choices": Sector.choices,
        "area_choices": ThematicArea.choices,
    }
