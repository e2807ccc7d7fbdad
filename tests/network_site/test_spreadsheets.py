"""The shared spreadsheet machinery, with a resource defined here over organisations."""

import io

import pytest
from import_export import fields, widgets
from openpyxl import load_workbook

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from members.models import Organization, Sector
from network_site import spreadsheets
from network_site.spreadsheets import SpreadsheetResource, export_bytes, import_file, read_dataset
from tests.helpers import xlsx, xlsx_with_entity_attack
from tests.members.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English here; the Spanish catalogue has them all (see below)."""
    with translation.override("en"):
        yield


class SampleResource(SpreadsheetResource):
    name = "sample_organizations"
    verbose_name = "Sample organisations"
    required_columns = ("slug", "name")

    slug = fields.Field(attribute="slug", column_name="slug")
    org_name = fields.Field(attribute="name", column_name="name")
    sector = fields.Field(attribute="sector", column_name="sector")
    region = fields.Field(attribute="region", column_name="region")
    date_joined = fields.Field(attribute="date_joined", column_name="date_joined", widget=widgets.DateWidget())

    class Meta(SpreadsheetResource.Meta):
        model = Organization
        import_id_fields = ("slug",)
        fields = ("slug", "org_name", "sector", "region", "date_joined")


@pytest.fixture
def registered():
    spreadsheets.registry[SampleResource.name] = SampleResource
    yield SampleResource
    spreadsheets.registry.pop(SampleResource.name, None)


def csv_bytes(text, encoding="utf-8"):
    return text.encode(encoding)


def test_valid_csv_imports_all_rows():
    data = csv_bytes("slug,name,sector,region\nnestle,Nestlé Costa Rica,agroindustry,Heredia\nbncr,BNCR,finance,\n")
    report = import_file(SampleResource(), data, "orgs.csv", dry_run=False)
    assert report.ok, report.errors
    assert report.applied
    assert report.totals["new"] == 2
    assert Organization.objects.get(slug="nestle").region == "Heredia"


def test_dry_run_writes_nothing():
    data = csv_bytes("slug,name,sector\nnestle,Nestlé,agroindustry\n")
    report = import_file(SampleResource(), data, "orgs.csv", dry_run=True)
    assert report.ok
    assert not report.applied
    assert report.totals["new"] == 1
    assert not Organization.objects.exists()


def test_one_invalid_row_means_nothing_is_written():
    data = csv_bytes("slug,name,sector,date_joined\na,Empresa A,finance,2020-01-01\nb,Empresa B,finance,no-es-fecha\n")
    report = import_file(SampleResource(), data, "orgs.csv", dry_run=False)
    assert not report.ok
    assert not report.applied
    assert any(e.row == 3 and e.column == "date_joined" for e in report.errors), report.errors
    assert not Organization.objects.exists()


def test_missing_required_column_is_an_error():
    report = import_file(SampleResource(), csv_bytes("slug,sector\na,finance\n"), "x.csv", dry_run=False)
    assert [(e.row, e.column) for e in report.errors] == [(None, "name")]
    assert not Organization.objects.exists()


def test_unknown_columns_are_reported_and_ignored():
    data = csv_bytes("slug,name,favourite_colour\na,Empresa A,azul\n")
    report = import_file(SampleResource(), data, "x.csv", dry_run=False)
    assert report.ok
    assert "favourite_colour" in str(report.warnings[0])
    assert Organization.objects.filter(slug="a").exists()


def test_duplicate_key_in_the_file_is_an_error():
    data = csv_bytes("slug,name\na,Empresa A\nb,Empresa B\nA,Otra A\n")
    report = import_file(SampleResource(), data, "x.csv", dry_run=False)
    assert [(e.row, e.column) for e in report.errors] == [(4, "slug")]
    assert "row 2" in report.errors[0].message
    assert not Organization.objects.exists()


def test_formula_cell_in_csv_is_refused():
    data = csv_bytes('slug,name\na,"=HYPERLINK(""http://evil.example"",""x"")"\n')
    report = import_file(SampleResource(), data, "x.csv", dry_run=False)
    assert [(e.row, e.column) for e in report.errors] == [(2, "name")]
    assert not Organization.objects.exists()


def test_formula_cell_in_xlsx_is_refused():
    data = xlsx([["slug", "name"], ["a", "=1+1"]])
    report = import_file(SampleResource(), data, "x.xlsx", dry_run=False)
    assert [(e.row, e.column) for e in report.errors] == [(2, "name")]
    assert not Organization.objects.exists()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings_are_read(encoding):
    data = csv_bytes("slug,name,region\nccm,Compañía Cañera,Guanacaste y Limón\n", encoding)
    report = import_file(SampleResource(), data, "x.csv", dry_run=False)
    assert report.ok, report.errors
    organization = Organization.objects.get(slug="ccm")
    assert organization.name == "Compañía Cañera"
    assert organization.region == "Guanacaste y Limón"


def test_semicolon_separated_csv_is_read():
    report = import_file(SampleResource(), csv_bytes("slug;name\na;Empresa A\n"), "x.csv", dry_run=False)
    assert report.ok, report.errors
    assert Organization.objects.get(slug="a").name == "Empresa A"


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "x.csv", "empty"),
        (b"   \n", "x.csv", "empty"),
        (b"slug,name\n", "x.csv", "no rows"),
        (b"%PDF-1.7 binary", "x.pdf", "not a spreadsheet"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "x.csv", "not a spreadsheet"),
        (b"PK\x03\x04garbage", "x.xlsx", "not a valid XLSX"),
        (b"hello", "x.xlsx", "not a valid XLSX"),
    ],
)
def test_files_that_are_not_spreadsheets_are_refused(data, filename, message):
    report = import_file(SampleResource(), data, filename, dry_run=False)
    assert not report.ok
    assert message in report.errors[0].message
    assert not Organization.objects.exists()


def test_file_over_the_size_limit_is_refused(settings):
    settings.SPREADSHEET_MAX_UPLOAD_BYTES = 100
    report = import_file(SampleResource(), b"slug,name\n" + b"a,b\n" * 50, "x.csv", dry_run=False)
    assert "larger than" in report.errors[0].message


def test_file_over_the_row_limit_is_refused(settings):
    settings.SPREADSHEET_MAX_ROWS = 3
    rows = "".join(f"s{i},Empresa {i}\n" for i in range(5))
    report = import_file(SampleResource(), csv_bytes("slug,name\n" + rows), "x.csv", dry_run=False)
    assert "more than 3 rows" in report.errors[0].message
    assert not Organization.objects.exists()


def test_xlsx_with_an_xml_entity_attack_is_refused():
    attack = xlsx_with_entity_attack([["slug", "name"], ["a", "Empresa A"]])
    report = import_file(SampleResource(), attack, "x.xlsx", dry_run=False)
    assert not report.ok
    assert "forbidden XML" in report.errors[0].message
    assert not Organization.objects.exists()


def test_export_neutralises_formulas_in_csv_and_xlsx():
    OrganizationFactory(slug="evil", name="=cmd|' /C calc'!A0", region="+506 2222-2222")
    dataset = SampleResource().export()
    csv_text = export_bytes(dataset, "csv").decode("utf-8-sig")
    assert "'=cmd" in csv_text
    assert "'+506 2222-2222" in csv_text
    workbook = load_workbook(io.BytesIO(export_bytes(dataset, "xlsx")))
    cells = {cell.value: cell.data_type for row in workbook.active.iter_rows() for cell in row}
    assert cells["=cmd|' /C calc'!A0"] == "s"
    assert cells["+506 2222-2222"] == "s"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exported_file_imports_back_unchanged(fmt):
    OrganizationFactory(slug="a", name="=Empresa A", sector=Sector.FINANCE, region="-Norte")
    OrganizationFactory(slug="b", name="Empresa B", sector=Sector.COMMERCE, region="")
    before = list(Organization.objects.order_by("slug").values("slug", "name", "sector", "region", "date_joined"))
    data = export_bytes(SampleResource().export(), fmt)
    report = import_file(SampleResource(), data, f"export.{fmt}", dry_run=False)
    assert report.ok, report.errors
    assert report.totals["skip"] == 2
    after = list(Organization.objects.order_by("slug").values("slug", "name", "sector", "region", "date_joined"))
    assert after == before


def test_read_dataset_strips_text_and_skips_blank_rows():
    dataset, errors = read_dataset(csv_bytes("slug, name \n a , Empresa A \n,\n"), "x.csv")
    assert errors == []
    assert dataset.headers == ["slug", "name"]
    assert list(dataset) == [("a", "Empresa A")]


def test_import_command_reports_errors_and_exits_non_zero(registered, tmp_path, capsys):
    path = tmp_path / "orgs.csv"
    path.write_text("slug,name,date_joined\na,Empresa A,ayer\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_data", "sample_organizations", str(path))
    err = capsys.readouterr().err
    assert "2" in err
    assert "date_joined" in err
    assert not Organization.objects.exists()


def test_import_and_export_commands_round_trip(registered, tmp_path):
    path = tmp_path / "orgs.xlsx"
    path.write_bytes(xlsx([["slug", "name", "sector"], ["a", "Empresa A", "finance"]]))
    call_command("import_data", "sample_organizations", str(path), "--dry-run")
    assert not Organization.objects.exists()
    call_command("import_data", "sample_organizations", str(path))
    assert Organization.objects.get(slug="a").sector == "finance"
    output = tmp_path / "out.csv"
    call_command("export_data", "sample_organizations", "--format", "csv", "--output", str(output))
    assert "a,Empresa A,Finance,finance" in output.read_text(encoding="utf-8-sig")  # label, code


def test_unknown_resource_is_a_clear_command_error(tmp_path):
    with pytest.raises(CommandError, match="Unknown resource"):
        call_command("export_data", "nope", "--output", str(tmp_path / "x.csv"))


def test_messages_are_in_spanish_by_default():
    with translation.override("es"):
        report = import_file(SampleResource(), b"", "x.csv", dry_run=False)
    assert report.errors[0].message == "El archivo está vacío."


def test_an_import_job_is_applied_once(staff_user):
    from network_site.models import ImportJob

    data = csv_bytes("slug,name\na,Empresa A\n")
    job = ImportJob.objects.create(
        resource=SampleResource.name,
        filename="x.csv",
        file=ContentFile(data, name="x.csv"),
        created_by=staff_user,
        report={},
    )
    report = job.apply(SampleResource())
    assert report.applied
    assert job.status == ImportJob.Status.APPLIED
    assert job.applied_at is not None
    assert job.apply(SampleResource()) is None  # a second click imports nothing more
    assert Organization.objects.filter(slug="a").count() == 1


def test_a_failing_import_job_is_marked_failed_and_writes_nothing(staff_user):
    from network_site.models import ImportJob

    data = csv_bytes("slug,name,date_joined\na,Empresa A,ayer\n")
    job = ImportJob.objects.create(
        resource=SampleResource.name,
        filename="x.csv",
        file=ContentFile(data, name="x.csv"),
        created_by=staff_user,
        report={},
    )
    report = job.apply(SampleResource())
    assert not report.ok
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.applied_at is None
    assert job.report["errors"]
    assert not Organization.objects.exists()


def test_a_preview_writes_nothing_and_stores_a_valid_file_for_its_user(staff_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from network_site.models import ImportJob

    upload = SimpleUploadedFile("../../Empresas nuevas.csv", csv_bytes("slug,name\na,Empresa A\n"))
    report, job = ImportJob.preview(SampleResource(user=staff_user), upload)
    assert report.ok and not report.applied
    assert not Organization.objects.exists()
    assert (job.status, job.created_by, job.resource) == (ImportJob.Status.PREVIEWED, staff_user, SampleResource.name)
    assert job.filename == "Empresas_nuevas.csv"  # no path, no spaces
    assert job.apply(SampleResource(user=staff_user)).applied
    assert Organization.objects.filter(slug="a").exists()


def test_a_preview_with_errors_is_stored_only_when_asked(staff_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from network_site.models import ImportJob

    def upload():
        return SimpleUploadedFile("x.csv", csv_bytes("slug,name,date_joined\na,Empresa A,ayer\n"))

    report, job = ImportJob.preview(SampleResource(user=staff_user), upload())
    assert not report.ok and job is None
    assert not ImportJob.objects.exists()
    report, job = ImportJob.preview(SampleResource(user=staff_user), upload(), keep_failed=True)
    assert job.status == ImportJob.Status.FAILED and job.report["errors"]
    assert job.apply(SampleResource(user=staff_user)) is None  # a failed preview is never applied
    assert not Organization.objects.exists()
