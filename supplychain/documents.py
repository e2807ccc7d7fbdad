"""Context builders for a self-assessment's results and its PDF report, shared by the portal and
the admin (as ``meetings/documents.py`` for the meetings). Each runs a fixed number of queries."""

from django.utils.translation import gettext as _

from network_site.charts import bar_chart
from network_site.pdf import pdf_response

from . import stats
from .models import ActionItem
from .models.assessments import WEAK_SECTION_BELOW


def results_context(assessment):
    """Scores by section against the sector's and the network's averages, with their chart."""
    rows, overall = stats.benchmarks(assessment)
    series = [_("Your score"), _("Sector average"), _("Network average")]
    chart = bar_chart(
        [(row["title"], [row["score"], row["sector"]["average"], row["network"]["average"]]) for row in rows]
        + [(_("Overall"), [overall["score"], overall["sector"]["average"], overall["network"]["average"]])],
        series,
        maximum=100,
    )
    weak = [row for row in rows if row["score"] is not None and row["score"] < WEAK_SECTION_BELOW]
    return {
        "assessment": assessment,
        "rows": rows,
        "overall": overall,
        "chart": chart,
        "series": series,
        "weak_sections": weak,
        "min_group": stats.MIN_GROUP,
        "risk_flags": assessment.risk_flags,
        "action_items": list(ActionItem.objects.filter(assessment=assessment)),
    }


def report_context(assessment):
    """The PDF report: the results, the action plan and the organisation."""
    return {**results_context(assessment), "organization": assessment.organization}


def report_pdf(assessment, request=None):
    """The PDF report of a scored assessment (the caller has checked who may read it)."""
    filename = f"autoevaluacion-{assessment.organization.slug}-{assessment.year}"
    return pdf_response(
        "supplychain/pdf/assessment_report.html", report_context(assessment), filename, request=request
    )
