"""Public views that are not Wagtail pages: certificate verification and open data."""

import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import OuterRef, Subquery
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from network_site.hooks import KeyFigure, Section
from network_site.spreadsheets import FORMULA_PREFIXES

from .models import Commitment, CommitmentsSettings, PledgeSignature, ProgressReport, ReportStatus, compliance_for
from .observatory import aggregates, filters_from_request, public_commitments_rows


@require_GET
def verify_form(request):
    """Where anyone types the code printed on a certificate (lower case, spaces and dashes are fine)."""
    code = "".join(request.GET.get("code", "").split())[:64]
    if code:
        signature = PledgeSignature.objects.verified_by(code)
        return redirect("commitments:verify", code=signature.verification_code if signature else code)
    return render(request, "commitments/verify.html", {"show_form_only": True})


def verify_certificate(request, code):
    signature = PledgeSignature.objects.select_related("organization", "version").verified_by(code)
    context = {"signature": signature, "code": signature.display_code if signature else code}
    if signature is not None:
        organization = signature.organization
        context["is_active"] = organization.is_active_member
        context["is_latest"] = not organization.pledge_signatures.filter(
            version_number__gt=signature.version_number
        ).exists()
    return render(request, "commitments/verify.html", context, status=200 if signature else 404)


def _safe(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Echo:
    def write(self, value):
        return value


def _csv_response(header, rows, filename):
    writer = csv.writer(_Echo())

    def generate():
        yield "\ufeff" + writer.writerow(header)
        for row in rows:
            yield writer.writerow([_safe(v) for v in row])

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


COMMITMENT_COLUMNS = [
    ("reference", "reference", gettext_lazy("Commitment reference, stable over time."), "—"),
    ("organization", "organization__name", gettext_lazy("Name of the member organisation."), "—"),
    ("sector", "organization__sector", gettext_lazy("Economic sector of the organisation (code)."), "—"),
    ("title", "title", gettext_lazy("Title of the commitment."), "—"),
    ("thematic_area", "thematic_area", gettext_lazy("Thematic area (code)."), "—"),
    (
        "acceleration_factor",
        "acceleration_factor",
        gettext_lazy("Acceleration factor of the regional initiative (code)."),
        "—",
    ),
    ("sdg_target", "sdg_target", gettext_lazy("Sustainable Development Goal target."), "—"),
    ("indicator", "indicator_name", gettext_lazy("Name of the indicator the commitment is measured by."), "—"),
    ("unit", "indicator_unit", gettext_lazy("Unit of the indicator."), "—"),
    ("indicator_kind", "indicator_kind", gettext_lazy("number, percentage or yes_no (1 = yes, 0 = no)."), "—"),
    (
        "baseline",
        "baseline",
        gettext_lazy("Value of the indicator when the commitment started."),
        gettext_lazy("indicator's unit"),
    ),
    ("target", "target", gettext_lazy("Value the organisation committed to reach."), gettext_lazy("indicator's unit")),
    ("start_date", "start_date", gettext_lazy("Start of the commitment."), gettext_lazy("date (YYYY-MM-DD)")),
    ("end_date", "end_date", gettext_lazy("End of the commitment."), gettext_lazy("date (YYYY-MM-DD)")),
    ("reporting_frequency", "reporting_frequency", gettext_lazy("How often progress is reported."), "—"),
    ("status", "status", gettext_lazy("approved, achieved, not_achieved or withdrawn."), "—"),
    (
        "latest_period",
        "latest_period",
        gettext_lazy("Period of the latest approved progress report."),
        gettext_lazy("period (2024-Q1)"),
    ),
    (
        "latest_value",
        "latest_value",
        gettext_lazy("Indicator value in the latest approved progress report."),
        gettext_lazy("indicator's unit"),
    ),
]

AGGREGATE_COLUMNS = [
    (
        "table",
        gettext_lazy(
            "Which breakdown the row belongs to: totals, by_area, by_factor, by_sector, by_status, by_quarter."
        ),
        "—",
    ),
    ("key", gettext_lazy("Code of the category (or of the total, or the period)."), "—"),
    ("label", gettext_lazy("Name of the category in the language of the download."), "—"),
    (
        "value",
        gettext_lazy("Number of public approved commitments (or the total's value)."),
        gettext_lazy("count or %"),
    ),
    ("reports", gettext_lazy("by_quarter only: approved progress reports of the period."), gettext_lazy("count")),
    ("on_time", gettext_lazy("by_quarter only: of those, submitted before the deadline."), gettext_lazy("count")),
    ("progress", gettext_lazy("by_quarter only: average progress from baseline to target."), "%"),
]


def commitments_csv(request):
    header = [name for name, _field, _desc, _unit in COMMITMENT_COLUMNS]
    fields = [field for _name, field, _desc, _unit in COMMITMENT_COLUMNS]
    rows = ([row[f] for f in fields] for row in public_commitments_rows().iterator(chunk_size=2000))
    return _csv_response(header, rows, "compromisos-publicos.csv")


def commitments_json(request):
    fields = [(name, field) for name, field, _desc, _unit in COMMITMENT_COLUMNS]
    data = [
        {name: row[field] for name, field in fields} for row in public_commitments_rows().iterator(chunk_size=2000)
    ]
    return JsonResponse({"commitments": data}, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False})


def _aggregate_rows(data):
    for key, value in data["totals"].items():
        yield ["totals", key, key, value, "", "", ""]
    for table in ("by_area", "by_factor", "by_sector", "by_status"):
        for row in data[table]:
            yield [table, row["key"], row["label"], row["value"], "", "", ""]
    for row in data["by_quarter"]:
        yield ["by_quarter", row["period"], row["period"], "", row["reports"], row["on_time"], row["progress"]]


def aggregates_csv(request):
    data = aggregates(filters_from_request(request))
    header = [name for name, _desc, _unit in AGGREGATE_COLUMNS]
    return _csv_response(header, list(_aggregate_rows(data)), "observatorio-agregados.csv")


def aggregates_json(request):
    data = aggregates(filters_from_request(request))
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, default=str)
    return HttpResponse(body, content_type="application/json")


def data_dictionary(request):
    context = {
        "commitment_columns": [(n, d, u) for n, _f, d, u in COMMITMENT_COLUMNS],
        "aggregate_columns": AGGREGATE_COLUMNS,
        "source": _(
            "Commitments and progress reports filed by member organisations in the portal and approved "
            "by the secretariat (labour ministry). Only public, approved data of active members."
        ),
        "frequency": _("Updated continuously: every approval changes the figures within minutes."),
    }
    return render(request, "commitments/data_dictionary.html", context)


def profile_sections(request, organization):
    """A member's public commitments with their latest approved progress (one or two queries)."""
    latest = ProgressReport.objects.filter(commitment=OuterRef("pk"), status=ReportStatus.APPROVED).order_by(
        "-period_start"
    )
    commitments = list(
        Commitment.objects.public()
        .filter(organization=organization)
        .annotate(
            latest_period=Subquery(latest.values("period")[:1]),
            latest_value=Subquery(latest.values("value")[:1]),
        )
        .order_by("-approved_at", "pk")[:50]
    )
    context = {"organization": organization, "commitments": commitments}
    if CommitmentsSettings.for_request(request).show_compliance_publicly:
        context["compliance"] = compliance_for(organization)
    return [Section("commitments/includes/profile_section.html", context)]


def key_figures(request):
    """The home page's figures about commitments (``home_key_figures`` hook)."""
    totals = aggregates({})["totals"]
    figures = [KeyFigure(label=gettext_lazy("Public commitments"), value=totals["commitments"], order=30)]
    if totals["share_achieved"] is not None:
        figures.append(
            KeyFigure(
                label=gettext_lazy("Commitments achieved"),
                value=f"{totals['share_achieved']} %",
                order=40,
                help_text=gettext_lazy("Share of the commitments that ended which reached their target."),
            )
        )
    return figures


def site_layout(request):
    """The footer's link to the certificate verification page (``site_layout`` hook; no query)."""
    return {
        "footer_links": [{"label": gettext_lazy("Verify a certificate"), "url": reverse("commitments:verify_form")}]
    }
