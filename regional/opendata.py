"""The regional observatory's open data: its tables as CSV or XLSX, and what each column means.

Every file goes through the one spreadsheet machinery (``network_site.spreadsheets``):
``export_bytes`` writes the aggregate tables and ``export_resource`` the list of public
commitments (an export-only ``SpreadsheetResource``), so no cell can act as a formula, numbers
and dates are typed and choices carry their label and their code. The columns and their
meaning are declared once here, for the files and for the data dictionary page alike.
"""

import tablib
from import_export import fields

from django.db.models import DecimalField, OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _

from commitments.models import Commitment, ProgressReport, ReportStatus
from commitments.views import COMMITMENT_COLUMNS
from members.models import Sector
from network_site.spreadsheets import (
    CONTENT_TYPES,
    FORMATS,
    ChoiceWidget,
    SpreadsheetResource,
    export_bytes,
    export_resource,
)
from supplychain.models import Maturity

from .observatory import aggregates

COUNT = _("count")
PERCENT = "%"
NONE = "—"
REGIONAL = "regional"  # the ``network`` of the rows that add up every network

NETWORK_COLUMNS = [
    ("network", _("Network (its code); “regional” for the row that adds up every network."), NONE),
    ("country", _("Country of the network (ISO 3166 code); empty on the regional row."), NONE),
    ("network_name", _("Name of the network."), NONE),
]


def _network_columns_of(row):
    network = row["network"]
    return [network["slug"], network["country"], network["name"]]


def _regional_columns():
    return [REGIONAL, "", str(_("Regional initiative"))]


def _indicator_columns():
    maturity = [
        (
            f"maturity_{level}",
            _("Organisations whose self-assessment reached the level “%(level)s” (empty when suppressed).")
            % {"level": label},
            COUNT,
        )
        for level, label in Maturity.choices
    ]
    return [
        *NETWORK_COLUMNS,
        ("members", _("Active member organisations (partner institutions excluded)."), COUNT),
        ("commitments", _("Public commitments approved by the secretariat (including those that ended)."), COUNT),
        ("organizations", _("Member organisations with at least one public commitment."), COUNT),
        ("share_members_committed", _("Of the active members, the percentage with a public commitment."), PERCENT),
        ("commitments_per_member", _("Public commitments per active member."), _("ratio")),
        ("achieved", _("Public commitments that reached their target."), COUNT),
        ("ended", _("Public commitments that ended (achieved or not achieved)."), COUNT),
        ("share_achieved", _("Of the commitments that ended, the percentage achieved."), PERCENT),
        ("reports", _("Approved progress reports of the public commitments."), COUNT),
        ("on_time", _("Of those, the reports submitted before their deadline."), COUNT),
        ("share_on_time", _("Percentage of the approved reports submitted on time."), PERCENT),
        ("progress", _("Average progress of the approved reports from baseline to target."), PERCENT),
        ("assessment_year", _("Year of the self-assessments compared."), _("year")),
        ("assessed_organizations", _("Organisations with a submitted or reviewed self-assessment that year."), COUNT),
        (
            "assessment_suppressed",
            _("1 when fewer than three organisations are behind the self-assessment figures, which are then empty."),
            _("1 or 0"),
        ),
        ("assessment_average", _("Average overall score of those self-assessments (0 to 100)."), _("score")),
        *maturity,
    ]


def _indicator_rows(data):
    def values(row):
        cell = row["assessments"]
        return [
            row["members"],
            row["commitments"],
            row["organizations"],
            row["share_members_committed"],
            row["commitments_per_member"],
            row["achieved"],
            row["ended"],
            row["share_achieved"],
            row["reports"],
            row["on_time"],
            row["share_on_time"],
            row["progress"],
            data["assessment_year"],
            cell["organizations"],
            cell["suppressed"],
            cell["average"],
            *cell["maturity"],
        ]

    for row in data["rows"]:
        yield [*_network_columns_of(row), *values(row)]
    yield [*_regional_columns(), *values(data["totals"])]


def _crossed_columns(field, meaning):
    return [
        *NETWORK_COLUMNS,
        (field, meaning, NONE),
        ("label", _("Name of the category in the language of the download."), NONE),
        ("commitments", _("Public commitments approved by the secretariat in that category."), COUNT),
    ]


def _crossed_rows(data, table):
    for row in data[table]:
        for network, value in zip(data["rows"], row["values"], strict=True):
            yield [*_network_columns_of(network), row["key"], row["label"], value]
        yield [*_regional_columns(), row["key"], row["label"], row["total"]]


class Table:
    """One open-data file of aggregates: its name in the URL, its title, columns and rows."""

    def __init__(self, name, title, columns, rows):
        self.name, self.title, self._columns, self._rows = name, title, columns, rows

    @property
    def columns(self):
        return self._columns() if callable(self._columns) else self._columns

    def dataset(self, filters):
        data = aggregates(filters)
        dataset = tablib.Dataset(headers=[name for name, _meaning, _unit in self.columns])
        for values in self._rows(data):
            dataset.append(values)
        dataset.title = str(self.title)[:31]
        return dataset


class RegionalCommitmentResource(SpreadsheetResource):
    """The public commitments of every network, with their network and latest approved progress.

    Export-only, and not in the admin's list (each network's staff export their own commitments
    there): it backs the regional open-data download.
    """

    name = "regional-commitments"
    verbose_name = _("Public commitments of every network")
    permission = "commitments.view_commitment"
    export_only = True
    export_only_reason = _("The regional list of public commitments is open data; it cannot be imported.")

    network = fields.Field(attribute="organization__network__slug", column_name="network")
    country = fields.Field(attribute="organization__network__country", column_name="country")
    reference = fields.Field(attribute="reference", column_name="reference")
    organization = fields.Field(attribute="organization__name", column_name="organization")
    sector = fields.Field(attribute="organization__sector", column_name="sector", widget=ChoiceWidget(Sector))
    title = fields.Field(attribute="title", column_name="title")
    thematic_area = fields.Field(attribute="thematic_area", column_name="thematic_area")
    acceleration_factor = fields.Field(attribute="acceleration_factor", column_name="acceleration_factor")
    sdg_target = fields.Field(attribute="sdg_target", column_name="sdg_target")
    indicator = fields.Field(attribute="indicator_name", column_name="indicator")
    unit = fields.Field(attribute="indicator_unit", column_name="unit")
    indicator_kind = fields.Field(attribute="indicator_kind", column_name="indicator_kind")
    baseline = fields.Field(attribute="baseline", column_name="baseline")
    target = fields.Field(attribute="target", column_name="target")
    start_date = fields.Field(attribute="start_date", column_name="start_date")
    end_date = fields.Field(attribute="end_date", column_name="end_date")
    reporting_frequency = fields.Field(attribute="reporting_frequency", column_name="reporting_frequency")
    status = fields.Field(attribute="status", column_name="status")
    latest_period = fields.Field(attribute="latest_period", column_name="latest_period")
    latest_value = fields.Field(attribute="latest_value", column_name="latest_value")

    class Meta(SpreadsheetResource.Meta):
        model = Commitment
        fields = COLUMNS = (
            "network",
            "country",
            "reference",
            "organization",
            "sector",
            "title",
            "thematic_area",
            "acceleration_factor",
            "sdg_target",
            "indicator",
            "unit",
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
        export_order = COLUMNS

    def get_queryset(self):
        latest = ProgressReport.objects.filter(commitment=OuterRef("pk"), status=ReportStatus.APPROVED).order_by(
            "-period_start"
        )
        return (
            Commitment.objects.public()
            .select_related("organization__network")
            .annotate(
                latest_period=Subquery(latest.values("period")[:1]),
                latest_value=Subquery(latest.values("value")[:1], output_field=DecimalField()),
            )
            .order_by("organization__network__position", "organization__network__slug", "reference")
        )


def commitment_columns():
    """The list's columns (as the resource writes them) with their meaning and unit."""
    known = {name: (meaning, unit) for name, _field, meaning, unit in COMMITMENT_COLUMNS}
    labelled = {
        "sector": _("Economic sector of the organisation, in the language of the download."),
        "thematic_area": _("Thematic area, in the language of the download."),
        "acceleration_factor": _("Acceleration factor of the regional initiative, in the language of the download."),
        "indicator_kind": _("Kind of indicator: number, percentage or yes / no (1 = yes, 0 = no)."),
        "reporting_frequency": _("How often progress is reported, in the language of the download."),
        "status": _("Status of the commitment, in the language of the download."),
    }
    own = {name: (meaning, unit) for name, meaning, unit in NETWORK_COLUMNS}
    columns = []
    for header in RegionalCommitmentResource().get_export_headers():
        if header in own:
            meaning, unit = own[header]
        elif header in labelled:
            meaning, unit = labelled[header], NONE
        elif header.endswith("_code") and header[:-5] in labelled:
            meaning = _("Code of “%(column)s”, the same in every language.") % {"column": header[:-5]}
            unit = NONE
        else:
            meaning, unit = known.get(header, ("", NONE))
        columns.append((header, meaning, unit))
    return columns


TABLES = {
    table.name: table
    for table in (
        Table("networks", _("Comparable indicators by network"), _indicator_columns, _indicator_rows),
        Table(
            "areas",
            _("Commitments by thematic area and network"),
            _crossed_columns("thematic_area", _("Thematic area (code).")),
            lambda data: _crossed_rows(data, "by_area"),
        ),
        Table(
            "factors",
            _("Commitments by acceleration factor and network"),
            _crossed_columns("acceleration_factor", _("Acceleration factor of the regional initiative (code).")),
            lambda data: _crossed_rows(data, "by_factor"),
        ),
    )
}
COMMITMENTS = "commitments"
FILE_PREFIX = "iniciativa-regional"


def _file_response(content, fmt, filename):
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def download(name, fmt, filters):
    """The response of one open-data file (404 for a name or a format that does not exist)."""
    if fmt not in FORMATS:
        raise Http404
    if name == COMMITMENTS:
        resource = RegionalCommitmentResource()
        content = export_resource(resource, fmt, resource.get_queryset())
    elif name in TABLES:
        content = export_bytes(TABLES[name].dataset(filters), fmt)
    else:
        raise Http404
    return _file_response(content, fmt, f"{FILE_PREFIX}-{name}")


def dictionary():
    """Every file of the open data with its columns (name, meaning, unit), for the dictionary page."""
    files = [
        {"name": table.name, "title": table.title, "columns": table.columns, "filters": True}
        for table in TABLES.values()
    ]
    files.append(
        {
            "name": COMMITMENTS,
            "title": _("Public commitments of every network"),
            "columns": commitment_columns(),
            "filters": False,
        }
    )
    return files
