"""Spreadsheets people can use: errors in their language naming the column and what it expects,
typed XLSX cells with labels in the user's language (the codes beside them), formula-like text
kept as text without a visible apostrophe, export-only lists without an upload form."""

import datetime
import io
from decimal import Decimal

import pytest
import tablib
from import_export import fields, widgets
from openpyxl import load_workbook

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from commitments.models import ProgressReport
from commitments.resources import ProgressReportResource
from members.models import MembershipStatus, Organization, Sector
from members.resources import OrganizationResource
from network_site.models import ImportJob
from network_site.spreadsheets import SpreadsheetResource, export_bytes, export_resource, import_file
from tests.commitments.factories import ApprovedCommitmentFactory
from tests.helpers import speak, xlsx
from tests.members.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

TECHNICAL = ("class", "<", "decimal", "Value could not", "ConversionSyntax", "DoesNotExist", "matching query")


def workbook_of(data):
    return load_workbook(io.BytesIO(data))


def rows_of(data):
    sheet = workbook_of(data).worksheets[0]
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    return header, [dict(zip(header, row, strict=True)) for row in rows[1:]]


def assert_plain_words(report):
    for error in report.errors:
        assert not any(word in error.message for word in TECHNICAL), error.message


@pytest.fixture
def commitment(organization):
    commitment = ApprovedCommitmentFactory(organization=organization)
    commitment.refresh_from_db()
    return commitment


def progress_csv(commitment, *values):
    lines = ["commitment,period,value,narrative"]
    lines += [f"{commitment.reference},2024-Q{n},{value},Avance" for n, value in enumerate(values, start=1)]
    return "\n".join(lines).encode()


# --- Errors ------------------------------------------------------------------------------------


def test_a_word_where_a_number_goes_is_a_spanish_sentence_naming_the_column(commitment, staff_user):
    with translation.override("es"):
        report = import_file(
            ProgressReportResource(user=staff_user), progress_csv(commitment, "12", "veinte"), "a.csv", dry_run=True
        )
    assert [(e.row, e.column) for e in report.errors] == [(3, "value")]
    assert report.errors[0].message == "«veinte» no es un número; escriba solo cifras, como 12 o 12,5."
    with translation.override("es"):
        assert str(report.errors[0]).startswith("fila 3, columna «valor» (value): «veinte» no es un número")
    assert report.errors[0].label == "valor"  # what the column holds, in the user's language
    assert not ProgressReport.objects.filter(value__isnull=False).exists()


def test_the_same_error_in_english(commitment, staff_user):
    with translation.override("en"):
        report = import_file(
            ProgressReportResource(user=staff_user), progress_csv(commitment, "veinte"), "a.csv", dry_run=True
        )
    assert report.errors[0].message == "“veinte” is not a number; write only digits, such as 12 or 12.5."


def test_a_decimal_comma_is_a_number(commitment, staff_user):
    data = progress_csv(commitment, '"12,5"')
    report = import_file(ProgressReportResource(user=staff_user), data, "a.csv", dry_run=False)
    assert report.ok, report.errors
    assert ProgressReport.objects.get(commitment=commitment, period="2024-Q1").value == Decimal("12.5")


@pytest.mark.parametrize(
    ("column", "value", "spanish"),
    [
        ("date_joined", "ayer", "«ayer» no es una fecha; escríbala como AAAA-MM-DD, por ejemplo 2024-03-31."),
        ("is_partner", "quizás", "«quizás» no es sí ni no; use 1 o 0."),
        ("sector", "minería", "«minería» no es ninguno de estos valores: Agricultura"),
        ("membership_status_code", "dormida", "«dormida» no es ninguno de estos valores:"),
    ],
)
def test_organisation_cells_refused_in_spanish(column, value, spanish):
    header = ["slug", "name", column]
    with translation.override("es"):
        report = import_file(OrganizationResource(), xlsx([header, ["cafe", "Café", value]]), "o.xlsx", dry_run=False)
    assert [(e.row, e.column) for e in report.errors] == [(2, column)]
    assert report.errors[0].message.startswith(spanish), report.errors[0].message
    assert_plain_words(report)
    assert not Organization.objects.exists()


class StockWidgetsResource(SpreadsheetResource):
    """Declared with django-import-export's own widgets, as a new resource might be."""

    name = "stock_widgets"
    slug = fields.Field(attribute="slug", column_name="slug")
    org_name = fields.Field(attribute="name", column_name="name")
    date_joined = fields.Field(attribute="date_joined", column_name="date_joined", widget=widgets.DateWidget())

    class Meta(SpreadsheetResource.Meta):
        model = Organization
        import_id_fields = ("slug",)
        fields = ("slug", "org_name", "date_joined")


def test_no_python_class_name_reaches_a_report_whatever_the_widget():
    data = b"slug,name,date_joined\na,Empresa A,31-31-2024\n"
    with translation.override("es"):
        report = import_file(StockWidgetsResource(), data, "x.csv", dry_run=False)
    assert [(e.row, e.column) for e in report.errors] == [(2, "date_joined")]
    assert report.errors[0].message.startswith("«31-31-2024» no es una fecha")
    assert_plain_words(report)


def test_a_widget_error_that_is_not_ours_still_says_what_the_column_expects():
    resource = StockWidgetsResource()
    resource.fields["date_joined"].widget = widgets.DecimalWidget()  # raises decimal.InvalidOperation
    with translation.override("es"):
        report = import_file(resource, b"slug,name,date_joined\na,Empresa A,nunca\n", "x.csv", dry_run=False)
    assert [(e.row, e.column) for e in report.errors] == [(2, "date_joined")]
    assert report.errors[0].message == "«nunca» no es válido aquí; la columna espera un número."
    assert_plain_words(report)


# --- The admin's preview ----------------------------------------------------------------------


def test_the_preview_change_column_is_translated(staff_client):
    OrganizationFactory(slug="bncr", name="BNCR", sector=Sector.FINANCE)
    export = export_resource(OrganizationResource(), "xlsx")
    header, rows = rows_of(export)
    sheet = [header, [rows[0][h].value for h in header], ["nueva", "Nueva", *[None] * (len(header) - 2)]]
    speak(staff_client, "es")
    response = staff_client.post(
        "/admin/spreadsheets/organizations/import/", {"file": SimpleUploadedFile("o.xlsx", xlsx(sheet))}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    content = staff_client.get(response["Location"]).content.decode()
    assert "<td>Nueva</td>" in content and "<td>Sin cambios</td>" in content
    assert "<td>new</td>" not in content and "<td>skip</td>" not in content


def test_the_preview_shows_invalid_rows_with_their_reason_and_writes_nothing(staff_client, commitment):
    speak(staff_client, "es")
    data = progress_csv(commitment, "10", "veinte", "30", "")
    response = staff_client.post(
        "/admin/spreadsheets/progress_reports/import/", {"file": SimpleUploadedFile("avances.csv", data)}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "«veinte» no es un número" in content
    assert "<td>No válida</td>" in content
    assert "Confirmar" not in content
    assert not ImportJob.objects.exists()
    assert not ProgressReport.objects.filter(value__isnull=False).exists()


def test_export_only_lists_have_no_upload_form_and_no_import_url(staff_client):
    speak(staff_client, "es")
    content = staff_client.get("/admin/spreadsheets/").content.decode()
    for name in ("agreements", "referrals"):
        assert f"/admin/spreadsheets/{name}/export/xlsx/" in content
        assert f'action="/admin/spreadsheets/{name}/import/"' not in content
        data = b"id\n1\n"
        response = staff_client.post(
            f"/admin/spreadsheets/{name}/import/", {"file": SimpleUploadedFile("x.csv", data)}
        )
        assert response.status_code == 404
    assert 'action="/admin/spreadsheets/organizations/import/"' in content
    assert "solo se exportan" in content


# --- Typed XLSX cells, labels and codes --------------------------------------------------------


@pytest.fixture
def organizations():
    OrganizationFactory(
        slug="cafe-valle",
        name="Café del Valle",
        sector=Sector.AGROINDUSTRY,
        membership_status=MembershipStatus.ACTIVE,
        date_joined=datetime.date(2017, 6, 12),
        is_partner=False,
        tax_id="3-101-000001",
    )
    OrganizationFactory(
        slug="formula",
        name="=cmd|' /C calc'!A0",
        region="+506 2222 2222",
        short_name="@SUM(A1)",
        description="-2+3",
        sector=Sector.FINANCE,
        date_joined=None,
    )
    OrganizationFactory(slug="oit", name="OIT", is_partner=True, membership_status=MembershipStatus.APPLICANT)


def test_xlsx_cells_are_typed_with_spanish_labels_and_codes(organizations):
    with translation.override("es"):
        data = export_resource(OrganizationResource(), "xlsx")
    header, rows = rows_of(data)
    assert header[header.index("sector") + 1] == "sector_code"
    cafe = next(row for row in rows if row["slug"].value == "cafe-valle")
    assert (cafe["sector"].value, cafe["sector_code"].value) == ("Agroindustria", "agroindustry")
    assert (cafe["membership_status"].value, cafe["membership_status_code"].value) == ("Activo", "active")
    assert cafe["date_joined"].is_date and cafe["date_joined"].value.date() == datetime.date(2017, 6, 12)
    assert cafe["is_partner"].data_type == "b" and cafe["is_partner"].value is False
    assert cafe["tax_id"].data_type == "s" and cafe["tax_id"].value == "3-101-000001"
    oit = next(row for row in rows if row["slug"].value == "oit")
    assert oit["is_partner"].value is True


def test_formula_like_text_is_a_text_cell_without_an_apostrophe(organizations):
    data = export_resource(OrganizationResource(), "xlsx")
    sheet = workbook_of(data).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert not any(isinstance(cell.value, str) and cell.value.startswith("'") for cell in cells)
    by_value = {cell.value: cell for cell in cells}
    for text in ("=cmd|' /C calc'!A0", "+506 2222 2222", "@SUM(A1)", "-2+3"):
        assert by_value[text].data_type == "s"
        assert by_value[text].quotePrefix  # Excel keeps it text when someone edits the cell
    csv_text = export_resource(OrganizationResource(), "csv").decode("utf-8-sig")
    assert "'=cmd" in csv_text and "'+506" in csv_text and "'@SUM" in csv_text and "'-2+3" in csv_text


def test_progress_values_are_numbers_in_xlsx(commitment, staff_user):
    report = import_file(
        ProgressReportResource(user=staff_user), progress_csv(commitment, "12.5"), "a.csv", dry_run=False
    )
    assert report.ok, report.errors
    header, rows = rows_of(export_resource(ProgressReportResource(user=staff_user), "xlsx"))
    row = next(r for r in rows if r["period"].value == "2024-Q1")
    assert row["value"].data_type == "n" and row["value"].value == 12.5
    assert row["late"].data_type == "b"
    assert row["status_code"].value == "submitted"


def test_exported_progress_imports_back_and_only_a_changed_final_report_is_refused(commitment, staff_user):
    resource = ProgressReportResource(user=staff_user)
    assert import_file(resource, progress_csv(commitment, "12", "7"), "a.csv", dry_run=False).ok
    approved = ProgressReport.objects.get(commitment=commitment, period="2024-Q1")
    approved.status = "approved"
    approved.save(update_fields=["status"])
    data = export_resource(ProgressReportResource(user=staff_user), "xlsx")
    with translation.override("es"):
        report = import_file(ProgressReportResource(user=staff_user), data, "avance.xlsx", dry_run=True)
    assert report.ok, [str(e) for e in report.errors]  # unchanged submitted/approved rows are skipped
    assert ProgressReport.objects.get(pk=approved.pk).status == "approved"

    workbook = workbook_of(data)
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("period")].value == "2024-Q1":
            row[header.index("value")].value = 13
    changed = io.BytesIO()
    workbook.save(changed)
    with translation.override("es"):
        report = import_file(ProgressReportResource(user=staff_user), changed.getvalue(), "a.xlsx", dry_run=True)
    assert [(e.row, e.column) for e in report.errors] == [(2, "period")]
    assert "no puede cambiar" in report.errors[0].message


@pytest.mark.parametrize(("export_language", "import_language"), [("es", "es"), ("en", "es"), ("es", "en")])
def test_an_exported_xlsx_imports_back_unchanged(organizations, export_language, import_language):
    before = list(Organization.objects.order_by("slug").values())
    with translation.override(export_language):
        data = export_resource(OrganizationResource(), "xlsx")
    with translation.override(import_language):
        report = import_file(OrganizationResource(), data, "o.xlsx", dry_run=False)
    assert report.ok, report.errors
    assert (report.totals["new"], report.totals["update"], report.totals["skip"]) == (0, 0, 3)
    after = list(Organization.objects.order_by("slug").values())
    for row in before + after:
        row.pop("updated_at")
    assert after == before


def test_a_label_column_alone_is_read_and_the_code_column_wins_over_it():
    header = ["slug", "name", "sector", "membership_status", "membership_status_code"]
    data = xlsx(
        [header, ["a", "Empresa A", "Finanzas", "Activo", ""], ["b", "Empresa B", "Tourism", "Activo", "suspended"]]
    )
    report = import_file(OrganizationResource(), data, "o.xlsx", dry_run=False)
    assert report.ok, report.errors
    a, b = Organization.objects.order_by("slug")
    assert (a.sector, a.membership_status) == (Sector.FINANCE, MembershipStatus.ACTIVE)
    assert (b.sector, b.membership_status) == (Sector.TOURISM, MembershipStatus.SUSPENDED)


def test_csv_keeps_plain_values():
    dataset = tablib.Dataset(headers=["date", "yes", "number", "text"])
    dataset.append([datetime.date(2020, 1, 2), True, Decimal("12.50"), "=1+1"])
    assert export_bytes(dataset, "csv").decode("utf-8-sig").splitlines()[1] == "2020-01-02,1,12.50,'=1+1"
