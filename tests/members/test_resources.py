"""Organisations and people as spreadsheets through the commands: round trips and bad files."""

import io

import pytest
from openpyxl import load_workbook

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from wagtail.models import ModelLogEntry

from members.models import MembershipStatus, Organization, Person, Sector
from tests.helpers import xlsx, xlsx_with_entity_attack
from tests.members.factories import OrganizationFactory, PersonFactory
from tests.members.spreadsheet_support import (
    ORG_HEADER,
    PDF_BYTES,
    PNG_BYTES,
    org_csv,
    org_row,
)

pytestmark = pytest.mark.django_db


def run_import(tmp_path, resource, data, filename="datos.csv", dry_run=False):
    path = tmp_path / filename
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    args = ["import_data", resource, str(path)]
    if dry_run:
        args.append("--dry-run")
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def failing_import(tmp_path, resource, data, filename="datos.csv"):
    """Run an import that must fail; return what it said (stdout + stderr + the exception)."""
    path = tmp_path / filename
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_data", resource, str(path), stdout=out, stderr=err)
    return out.getvalue() + err.getvalue() + str(excinfo.value)


def export(tmp_path, resource, fmt):
    path = tmp_path / f"export.{fmt}"
    call_command("export_data", resource, "--format", fmt, "--output", str(path), stdout=io.StringIO())
    return path.read_bytes()


def snapshot():
    organizations = list(Organization.objects.order_by("slug").values())
    people = list(Person.objects.order_by("email").values())
    for row in organizations:
        row.pop("updated_at")
    return organizations, people, ModelLogEntry.objects.filter(action="lifecycle.transition").count()


def test_export_columns_are_the_import_columns(tmp_path):
    OrganizationFactory(slug="nestle")
    text = export(tmp_path, "organizations", "csv").decode("utf-8-sig")
    # each choice column is followed by its code column; the import reads both
    assert text.splitlines()[0] == (
        "slug,name,short_name,kind,kind_code,sector,sector_code,size,size_code,scope,scope_code,region,"
        "website,description,tax_id,is_partner,membership_status,membership_status_code,date_joined"
    )
    PersonFactory(email="ana@example.org")
    text = export(tmp_path, "people", "csv").decode("utf-8-sig")
    assert text.splitlines()[0] == "email,name,organization,position,phone,is_focal_point,languages"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exported_files_import_back_unchanged(tmp_path, fmt):
    nestle = OrganizationFactory(
        slug="nestle",
        name="Nestlé Costa Rica",
        short_name="Nestlé",
        sector=Sector.AGROINDUSTRY,
        size="large",
        scope="transnational",
        website="https://nestle.example.org",
        description="Línea 1\nLínea 2, con coma",
        tax_id="3-101-000001",
    )
    OrganizationFactory(slug="formula", name="=SUM(A1:A2)", region="+506 2222 2222", date_joined=None)
    OrganizationFactory(slug="oit", name="OIT", is_partner=True, membership_status=MembershipStatus.APPLICANT)
    PersonFactory(
        organization=nestle, email="ana@nestle.example.org", phone="-123", is_focal_point=True, languages="es, en"
    )
    before = snapshot()
    for resource in ("organizations", "people"):
        data = export(tmp_path, resource, fmt)
        out, _err = run_import(tmp_path, resource, data, filename=f"{resource}.{fmt}")
        assert "new: 0" in out and "update: 0" in out, out
    assert snapshot() == before


def test_import_creates_and_updates_and_records_status_changes(tmp_path, staff_user):
    OrganizationFactory(slug="bncr", name="BNCR", membership_status=MembershipStatus.ACTIVE)
    data = org_csv(
        org_row("cafe-valle", "Café del Valle"),
        org_row("bncr", "Banco Nacional de Costa Rica", sector="finance", membership_status="suspended"),
    )
    out, _err = run_import(tmp_path, "organizations", data)
    assert "new: 1" in out and "update: 1" in out
    cafe = Organization.objects.get(slug="cafe-valle")
    assert (cafe.name, cafe.sector, cafe.membership_status, str(cafe.date_joined)) == (
        "Café del Valle",
        "agroindustry",
        "active",
        "2017-06-12",
    )
    bncr = Organization.objects.get(slug="bncr")
    assert bncr.name == "Banco Nacional de Costa Rica"
    assert bncr.membership_status == MembershipStatus.SUSPENDED
    change = bncr.history().get()
    assert (change.data["from"], change.data["to"], change.data["comment"]) == (
        "active",
        "suspended",
        "Importación de hoja de cálculo",
    )


def test_dry_run_writes_nothing(tmp_path):
    out, _err = run_import(tmp_path, "organizations", org_csv(org_row()), dry_run=True)
    assert "nothing written" in out
    assert not Organization.objects.exists()


def test_people_import_by_organisation_slug_and_email_key(tmp_path):
    organization = OrganizationFactory(slug="aed")
    PersonFactory(organization=organization, email="erika@aed.example.org", name="Erika")
    data = (
        b"email,name,organization,position,phone,is_focal_point,languages\n"
        b"ERIKA@aed.example.org,Erika Solano,aed,Directora,2222,1,es\n"
        b"nuevo@aed.example.org,Nuevo Contacto,aed,,,0,\n"
    )
    out, _err = run_import(tmp_path, "people", data)
    assert "new: 1" in out and "update: 1" in out
    erika = Person.objects.get(email="erika@aed.example.org")
    assert (erika.name, erika.position, erika.is_focal_point) == ("Erika Solano", "Directora", True)
    assert Person.objects.get(email="nuevo@aed.example.org").organization == organization


# --- Bad files: a clear error, and nothing written --------------------------------------------


# (file, column named in the error, what the error says: English or Spanish, whichever is active)
BAD_ORGANIZATION_FILES = {
    "missing required column": (
        org_csv("cafe,Café", header="slug,short_name"),
        "name",
        ("required column is missing", "falta esta columna obligatoria"),
    ),
    "wrong choice": (org_csv(org_row(sector="mining")), "sector", ("mining",)),
    "wrong date": (org_csv(org_row(date_joined="31/02/2020")), "date_joined", ("row 2", "fila 2")),
    "wrong boolean": (org_csv(org_row(is_partner="tal vez")), "is_partner", ("tal vez",)),
    "duplicate key": (org_csv(org_row("dup", "Uno"), org_row("dup", "Dos")), "slug", ("row 3", "fila 3")),
    "formula cell": (org_csv(org_row(name="=HYPERLINK(1)")), "name", ("formula", "fórmula")),
    "empty file": (b"", "", ("empty", "vacío")),
    "only a header": (org_csv(), "", ("no rows", "ninguna fila")),
    "pdf named csv": (PDF_BYTES, "", ("not a spreadsheet", "no es una hoja de cálculo")),
}


def mentions(said, alternatives):
    return any(text.lower() in said.lower() for text in alternatives)


@pytest.mark.parametrize("case", sorted(BAD_ORGANIZATION_FILES))
def test_bad_organization_files_are_refused_and_write_nothing(tmp_path, case):
    OrganizationFactory(slug="existente", name="Existente")
    before = snapshot()
    data, column, message = BAD_ORGANIZATION_FILES[case]
    said = failing_import(tmp_path, "organizations", data)
    assert mentions(said, message), said
    if column:
        assert column in said
    assert snapshot() == before


def test_a_valid_row_is_not_written_when_another_is_invalid(tmp_path):
    data = org_csv(org_row("buena", "Buena"), org_row("mala", "Mala", kind="planet"))
    said = failing_import(tmp_path, "organizations", data)
    assert mentions(said, ("row 3", "fila 3")) and "kind" in said
    assert not Organization.objects.exists()


def test_unknown_organisation_in_people_is_a_row_error(tmp_path):
    OrganizationFactory(slug="aed")
    data = b"email,name,organization\nbien@example.org,Bien,aed\nmal@example.org,Mal,no-existe\n"
    said = failing_import(tmp_path, "people", data)
    assert mentions(said, ("row 3", "fila 3")) and "organization" in said and "no-existe" in said
    assert not Person.objects.exists()


def test_windows_1252_and_utf8_bom_are_read(tmp_path):
    data = org_csv(org_row("nandu", "Ñandú Café S.A.", region="San José")).decode()
    run_import(tmp_path, "organizations", data.encode("cp1252"), filename="win.csv")
    assert Organization.objects.get(slug="nandu").name == "Ñandú Café S.A."
    data = org_csv(org_row("bom", "Cámara Ñ", region="Limón")).decode()
    run_import(tmp_path, "organizations", b"\xef\xbb\xbf" + data.encode("utf-8"), filename="bom.csv")
    organization = Organization.objects.get(slug="bom")
    assert (organization.name, organization.region) == ("Cámara Ñ", "Limón")


def test_semicolon_separated_csv_is_read(tmp_path):
    data = org_csv(org_row("punto-coma", "Punto y Coma")).decode().replace(",", ";")
    run_import(tmp_path, "organizations", data.encode())
    assert Organization.objects.filter(slug="punto-coma").exists()


def test_xlsx_import_and_xml_attack(tmp_path):
    rows = [ORG_HEADER.split(","), org_row("hoja", "Desde Excel").split(",")]
    run_import(tmp_path, "organizations", xlsx(rows), filename="datos.xlsx")
    assert Organization.objects.filter(slug="hoja").exists()
    before = snapshot()
    rows[1][0] = "ataque"
    with translation.override("es"):
        said = failing_import(tmp_path, "organizations", xlsx_with_entity_attack(rows), filename="ataque.xlsx")
    assert "El archivo XLSX contiene XML prohibido (entidades o DTD)." in said
    assert snapshot() == before


def test_a_png_named_xlsx_is_refused(tmp_path):
    said = failing_import(tmp_path, "organizations", PNG_BYTES, filename="logo.xlsx")
    assert "xlsx" in said.lower()
    assert not Organization.objects.exists()


def test_size_and_row_limits(tmp_path, settings):
    settings.SPREADSHEET_MAX_ROWS = 2
    data = org_csv(org_row("a", "A"), org_row("b", "B"), org_row("c", "C"))
    said = failing_import(tmp_path, "organizations", data)
    assert mentions(said, ("more than 2 rows", "más de 2 filas"))
    settings.SPREADSHEET_MAX_ROWS = 50000
    settings.SPREADSHEET_MAX_UPLOAD_BYTES = 100
    said = failing_import(tmp_path, "organizations", data)
    assert "MB" in said
    assert not Organization.objects.exists()


def test_exports_neutralise_formulas(tmp_path):
    OrganizationFactory(slug="evil", name="=cmd|' /C calc'!A0", region="@SUM(1)", short_name="-2+3")
    text = export(tmp_path, "organizations", "csv").decode("utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in text
    assert "'@SUM(1)" in text
    assert "'-2+3" in text
    workbook = load_workbook(io.BytesIO(export(tmp_path, "organizations", "xlsx")))
    cells = {cell.value: cell.data_type for row in workbook.active.iter_rows() for cell in row}
    assert cells["=cmd|' /C calc'!A0"] == "s"
    assert cells["@SUM(1)"] == "s"
