import io

import pytest
from openpyxl import load_workbook

from django.utils import translation

from meetings.models import Attendance, AttendanceBody, AttendanceStatus
from meetings.resources import AgreementResource, AttendanceResource
from network_site.spreadsheets import export_resource, import_file
from tests.meetings.factories import AgreementFactory, AttendanceFactory, MeetingFactory
from tests.members.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def spanish():
    """Labels are exported in the active language: Spanish here, whatever an earlier test left."""
    with translation.override("es"):
        yield


HEADER = "meeting_id,body,organization_name,name,role,status,organization,email,notes\n"


def run(data, dry_run=False):
    return import_file(AttendanceResource(), data.encode("utf-8"), "asistencia.csv", dry_run=dry_run)


def test_import_attendance_accepts_values_and_spanish_labels():
    meeting = MeetingFactory()
    organization = OrganizationFactory(slug="uccaep", short_name="UCCAEP")
    data = HEADER + (
        f"{meeting.pk},Miembros de la Red,UCCAEP,Mariano Arias,delegate,Presente,uccaep,m@example.org,\n"
        f"{meeting.pk},international,OIT,Noor Denkers,Suplente,excused,,,\n"
    )
    report = run(data)
    assert report.ok, report.errors
    mariano = Attendance.objects.get(name="Mariano Arias")
    assert mariano.organization == organization
    assert mariano.body == AttendanceBody.NETWORK_MEMBERS
    assert mariano.status == AttendanceStatus.PRESENT
    noor = Attendance.objects.get(name="Noor Denkers")
    assert noor.role == "alternate" and noor.body == AttendanceBody.INTERNATIONAL
    # importing the same file again updates, does not duplicate
    assert run(data).ok
    assert Attendance.objects.count() == 2


@pytest.mark.parametrize(
    "bad_row",
    [
        "{pk},comité imaginario,X,Ana,delegate,present,,,",  # unknown body
        "{pk},guests,X,Ana,delegate,quizás,,,",  # unknown status
        "999999,guests,X,Ana,delegate,present,,,",  # unknown meeting
        "{pk},guests,X,Ana,delegate,present,no-existe,,",  # unknown organisation
        "{pk},guests,X,,delegate,present,,,",  # no name
    ],
)
def test_bad_attendance_import_writes_nothing(bad_row):
    meeting = MeetingFactory()
    good = f"{meeting.pk},guests,SENAME,Patricia Vera,delegate,present,,,\n"
    report = run(HEADER + good + bad_row.format(pk=meeting.pk) + "\n")
    assert not report.ok
    assert report.errors
    assert not Attendance.objects.exists()


def test_import_without_required_column_writes_nothing():
    meeting = MeetingFactory()
    report = run(f"meeting_id,name\n{meeting.pk},Ana\n")
    assert not report.ok
    assert not Attendance.objects.exists()


def test_export_is_grouped_by_body_like_the_seed():
    meeting = MeetingFactory()
    AttendanceFactory(
        meeting=meeting, name="Invitada Chile", organization=None, organization_name="SENAME", body="guests"
    )
    AttendanceFactory(
        meeting=meeting, name="Persona OIT", organization=None, organization_name="OIT", body="international"
    )
    AttendanceFactory(
        meeting=meeting, name="Persona MTSS", organization=None, organization_name="MTSS", body="steering_committee"
    )
    AttendanceFactory(
        meeting=meeting, name="Persona PIMA", organization=None, organization_name="PIMA", body="network_members"
    )
    data = export_resource(AttendanceResource(), "xlsx")
    rows = list(load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(values_only=True))
    header = rows[0]
    names = [row[header.index("name")] for row in rows[1:]]
    assert names == ["Persona MTSS", "Persona PIMA", "Invitada Chile", "Persona OIT"]
    first = dict(zip(header, rows[1], strict=True))
    assert (first["body"], first["body_code"]) == ("Comité directivo", "steering_committee")  # label, then code
    # the export imports back unchanged
    csv = export_resource(AttendanceResource(), "csv")
    report = import_file(AttendanceResource(), csv, "asistencia.csv", dry_run=True)
    assert report.ok, report.errors


def test_agreements_export_and_import_refused():
    organization = OrganizationFactory(slug="bac", short_name="BAC")
    AgreementFactory(text="Compartir el plan de trabajo", organizations=[organization])
    data = export_resource(AgreementResource(), "xlsx")
    rows = list(load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(values_only=True))
    header = rows[0]
    row = dict(zip(header, rows[1], strict=True))
    assert row["agreement"] == "Compartir el plan de trabajo"
    assert row["responsible_organizations"] == "bac"
    assert (row["status"], row["status_code"]) == ("Pendiente", "pending")
    assert row["overdue"] is False  # a yes/no cell, not text
    csv = export_resource(AgreementResource(), "csv")
    report = import_file(AgreementResource(), csv, "acuerdos.csv", dry_run=False)
    assert not report.ok
    assert report.errors[0].message == str(AgreementResource.export_only_reason)
