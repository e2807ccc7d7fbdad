"""Public views: open data of the value-chain aggregates (CSV and JSON), groups under 3 suppressed."""

import csv
import io

from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from network_site.caching import cached
from network_site.charts import bar_chart
from network_site.hooks import Section

from . import stats


def _year(request):
    years = stats.scored_years()
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year is None:
        return years[0] if years else None
    return year


def _csv_response(headers, rows, filename):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def maturity_rows(year):
    """One row per (sector or network, section) plus an overall row; suppressed groups blank."""
    if year is None:
        return []
    data = stats.maturity_by_sector(year)
    rows = []
    for group in [*data["rows"], data["network"]]:
        code = group["code"]
        rows.append(
            {
                "year": year,
                "group": code,
                "section": "overall",
                "organizations": None if group["suppressed"] else group["organizations"],
                "average_score": None if group["suppressed"] else group["overall"],
                "suppressed": group["suppressed"],
                **{f"maturity_{level}": (group["maturity"][level]) for level, _label in data["levels"]},
            }
        )
        for (key, _title), cell in zip(data["sections"], group["sections"], strict=True):
            suppressed = group["suppressed"] or cell["suppressed"]
            rows.append(
                {
                    "year": year,
                    "group": code,
                    "section": key,
                    "organizations": None if suppressed else cell["organizations"],
                    "average_score": None if suppressed else cell["average"],
                    "suppressed": suppressed,
                    **{f"maturity_{level}": None for level, _label in data["levels"]},
                }
            )
    return rows


MATURITY_COLUMNS = [
    "year",
    "group",
    "section",
    "organizations",
    "average_score",
    "suppressed",
    "maturity_initial",
    "maturity_developing",
    "maturity_established",
    "maturity_advanced",
]


def maturity_data(request, fmt):
    if fmt not in ("csv", "json"):
        raise Http404
    year = _year(request)
    rows = maturity_rows(year)
    if fmt == "json":
        payload = [
            {k: (str(v) if k == "average_score" and v is not None else v) for k, v in row.items()} for row in rows
        ]
        return JsonResponse(
            {"year": year, "min_group": stats.MIN_GROUP, "rows": payload}, json_dumps_params={"ensure_ascii": False}
        )
    values = [["" if row[c] is None else row[c] for c in MATURITY_COLUMNS] for row in rows]
    return _csv_response(MATURITY_COLUMNS, values, f"autoevaluaciones-{year or 'sin-datos'}.csv")


def referral_data(request, fmt):
    if fmt not in ("csv", "json"):
        raise Http404
    data = stats.referral_counts()
    columns = ["year", "suppressed", "referrals", "hazardous_cases", *data["count_fields"], "total"]
    rows = [{c: row[c] for c in columns} for row in data["rows"]]
    if fmt == "json":
        return JsonResponse({"min_group": stats.MIN_GROUP, "rows": rows}, json_dumps_params={"ensure_ascii": False})
    values = [["" if row[c] is None else row[c] for c in columns] for row in rows]
    return _csv_response(columns, values, "referencias.csv")


def observatory_sections(request, filters):
    """Aggregated maturity by section and sector, and referral counts (fixed number of queries).

    The aggregates are cached until the page cache's generation moves on (any saved
    assessment, referral or questionnaire), per language and requested year.
    """

    requested = (filters or {}).get("year")
    try:
        requested = int(requested) if requested not in (None, "") else None
    except (TypeError, ValueError):
        requested = None

    def build():
        years = stats.scored_years()
        year = requested if requested in years else (years[0] if years else None)
        return {
            "years": years,
            "maturity": stats.maturity_by_sector(year) if year else None,
            "referrals": stats.referral_counts(),
        }

    data = cached("supplychain-observatory", requested, builder=build)
    years, maturity = data["years"], data["maturity"]
    chart = None
    if maturity:
        groups = [(row["label"], [row["overall"]]) for row in maturity["rows"] if not row["suppressed"]]
        if not maturity["network"]["suppressed"]:
            groups.append((str(_("Whole network")), [maturity["network"]["overall"]]))
        chart = bar_chart(groups, [_("Average overall score")], maximum=100)
    return [
        Section(
            "supplychain/observatory/_section.html",
            {"maturity": maturity, "chart": chart, "referrals": data["referrals"], "years": years},
        )
    ]
