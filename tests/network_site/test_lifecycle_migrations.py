"""The data migrations into the one history: old *Event rows and per-app actions become lifecycle entries."""

import datetime

import pytest

from django.contrib.auth import get_user_model

from wagtail.models import ModelLogEntry

from members.models import Organization
from tests.helpers import migrate

BEFORE = [
    ("members", "0002_joinpage_memberdirectorypage_application"),
    ("commitments", "0001_initial"),
    ("meetings", "0002_private_files"),
    ("supplychain", "0003_private_files"),
]
APPS = ("members", "commitments", "meetings", "supplychain")
#: Migrated forward again afterwards: those four and the apps whose migrations depend on them.
FORWARD = (*APPS, "home", "regional", "practices", "cooperation")
WHEN = datetime.datetime(2024, 5, 2, 10, 0, tzinfo=datetime.UTC)


def _migrate(targets=None):
    """Migrate the four apps to ``targets`` (by default every app to its latest); the state's apps."""
    return migrate(targets, latest_of=FORWARD)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_old_history_becomes_the_one_history():
    """Outside any test transaction (schema changes need it on SQLite); the data the migrations
    created (the root collection, the default questionnaire) is restored for the next
    transactional test (serialized_rollback), and this test's own rows are removed."""
    try:
        _check_the_migrations()
    finally:
        _migrate()
        _clean_up()


def _check_the_migrations():
    apps = _migrate(BEFORE)
    try:
        ContentType = apps.get_model("contenttypes", "ContentType")
        LogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
        user = apps.get_model("network_site", "User").objects.create(email="secretaria-migraciones@example.org")
        Organization = apps.get_model("members", "Organization")
        organization = Organization.objects.create(name="Café del Valle", slug="cafe", membership_status="suspended")
        org_type = ContentType.objects.get_or_create(app_label="members", model="organization")[0]
        # Recorded twice (a row and an entry): one entry remains, in the new shape.
        apps.get_model("members", "MembershipChange").objects.create(
            organization=organization, from_status="active", to_status="suspended", reason="Sin informes"
        )
        LogEntry.objects.create(
            content_type=org_type,
            object_id=str(organization.pk),
            label="Café del Valle",
            action="members.status_change",
            timestamp=WHEN,
            user_id=user.pk,
            data={"from": "active", "to": "suspended", "reason": "Sin informes"},
        )
        # Only a row (demo data, an import): it becomes an entry.
        apps.get_model("members", "MembershipChange").objects.create(
            organization=organization, from_status="applicant", to_status="active", changed_at=WHEN
        )
        Commitment = apps.get_model("commitments", "Commitment")
        commitment = Commitment.objects.create(
            organization=organization,
            reference="C-000001",
            title="Becas",
            thematic_area="education",
            acceleration_factor="education",
            indicator_name="Becas",
            target=10,
            start_date=datetime.date(2024, 1, 1),
            end_date=datetime.date(2024, 12, 31),
            status="approved",
        )
        report = apps.get_model("commitments", "ProgressReport").objects.create(
            commitment=commitment,
            period="2024-Q1",
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2024, 3, 31),
            deadline=datetime.date(2024, 4, 30),
            status="submitted",
        )
        apps.get_model("commitments", "ReportEvent").objects.create(
            report=report,
            from_status="draft",
            to_status="submitted",
            comment="Filed by spreadsheet import.",
            user=user,
        )
        # A reply was kept on the meeting, a publication without data: both become lifecycle entries.
        LogEntry.objects.create(
            content_type=ContentType.objects.get_or_create(app_label="meetings", model="meeting")[0],
            object_id="777001",
            label="Asamblea de migraciones",
            action="meetings.reply",
            timestamp=WHEN,
            user_id=user.pk,
            data={
                "invitation": 777002,
                "invitee": "Café del Valle",
                "from": "pending",
                "to": "accepted",
                "reason": "Iré",
            },
        )
        LogEntry.objects.create(
            content_type=ContentType.objects.get_or_create(app_label="supplychain", model="questionnaire")[0],
            object_id="777003",
            label="Cuestionario de migraciones (v2)",
            action="supplychain.questionnaire_published",
            timestamp=WHEN,
            user_id=user.pk,
            data={},
        )
    finally:
        apps = _migrate()
    LogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    entries = LogEntry.objects.filter(action="lifecycle.transition")
    membership = sorted(
        (entry.data["from"], entry.data["to"], entry.data["comment"])
        for entry in entries.filter(content_type__model="organization")
    )
    assert membership == [("active", "suspended", "Sin informes"), ("applicant", "active", "")]
    assert not LogEntry.objects.filter(action="members.status_change").exists()
    imported = entries.get(content_type__model="progressreport")
    assert imported.data == {"from": "draft", "to": "submitted", "comment": "Filed by spreadsheet import."}
    assert imported.label == "2024-Q1"
    reply = entries.get(content_type__model="invitation", object_id="777002")
    assert reply.data == {"from": "pending", "to": "accepted", "comment": "Iré", "invitee": "Café del Valle"}
    assert (reply.label, reply.user_id) == ("Café del Valle → Asamblea de migraciones", user.pk)
    published = entries.get(content_type__model="questionnaire", object_id="777003")
    assert published.data == {"from": "draft", "to": "published", "comment": ""}
    assert not LogEntry.objects.filter(action__in=["meetings.reply", "supplychain.questionnaire_published"]).exists()


def _clean_up():
    """Remove what the test wrote, with today's models (the schema is migrated forward again)."""
    ModelLogEntry.objects.filter(
        label__in=[
            "Café del Valle",
            "2024-Q1",
            "Café del Valle → Asamblea de migraciones",
            "Cuestionario de migraciones (v2)",
        ]
    ).delete()
    Organization.objects.filter(slug="cafe").delete()
    get_user_model().objects.filter(email="secretaria-migraciones@example.org").delete()
