"""The secretariat's review in the admin: the queues, bulk approve/return, one item, compliance."""

import csv
import io

from openpyxl import load_workbook

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from wagtail.models import ModelLogEntry

from commitments.models import Commitment, CommitmentStatus, ReportStatus
from tests.helpers import speak
from tests.network_site.factories import NetworkStaffUserFactory

from .factories import ApprovedCommitmentFactory, CommitmentFactory


def bulk_url(model_name, action, *items):
    return f"/admin/bulk/commitments/{model_name}/{action}/?" + "&".join(f"id={item.pk}" for item in items)


def submitted_report(organization, representative, period="2024-Q1"):
    commitment = ApprovedCommitmentFactory(organization=organization)
    report = commitment.reports.get(period=period)
    report.value = 2
    report.save()
    report.transition_to("submitted", user=representative)
    return report


def test_review_queue_filters_and_bulk_approve_with_confirmation(
    staff_client, organization, other_organization, representative, other_representative
):
    mine = CommitmentFactory(organization=organization, title="Becas para hijos de recolectores")
    theirs = CommitmentFactory(organization=other_organization, title="Campaña en medios", thematic_area="awareness")
    mine.transition_to("submitted", user=representative)
    theirs.transition_to("submitted", user=other_representative)
    queue = staff_client.get(reverse("commitments_review:queue")).content.decode()
    assert "Becas para hijos de recolectores" in queue and "Campaña en medios" in queue
    assert "/admin/bulk/commitments/commitment/approve/" in queue  # the bulk actions are offered
    assert "/admin/bulk/commitments/commitment/return/" in queue
    filtered = staff_client.get(reverse("commitments_review:queue") + "?area=awareness").content.decode()
    assert "Becas para hijos de recolectores" not in filtered and "Campaña en medios" in filtered
    by_organization = staff_client.get(reverse("commitments_review:queue"), {"organization": organization.pk})
    assert "Becas para hijos de recolectores" in by_organization.content.decode()
    assert "Campaña en medios" not in by_organization.content.decode()

    url = bulk_url("commitment", "approve", mine, theirs)
    confirm = staff_client.get(url)
    assert confirm.status_code == 200
    assert "Becas para hijos de recolectores" in confirm.content.decode()
    assert Commitment.objects.filter(status=CommitmentStatus.SUBMITTED).count() == 2  # not yet
    response = staff_client.post(url, {"comment": ""})
    assert response.status_code == 302
    assert Commitment.objects.filter(status=CommitmentStatus.APPROVED).count() == 2
    entries = ModelLogEntry.objects.filter(action="lifecycle.transition", data__to="approved")
    assert sorted(int(entry.object_id) for entry in entries) == sorted([mine.pk, theirs.pk])


def test_the_queue_shows_submitted_items_unless_asked_for_others(staff_client, organization, representative):
    waiting = CommitmentFactory(organization=organization, title="Compromiso en revisión")
    waiting.transition_to("submitted", user=representative)
    CommitmentFactory(organization=organization, title="Compromiso en borrador")
    queue = staff_client.get(reverse("commitments_review:queue")).content.decode()
    assert "Compromiso en revisión" in queue and "Compromiso en borrador" not in queue
    every = staff_client.get(reverse("commitments_review:queue"), {"status": "all"}).content.decode()
    assert "Compromiso en revisión" in every and "Compromiso en borrador" in every
    drafts = staff_client.get(reverse("commitments_review:queue"), {"status": "draft"}).content.decode()
    assert "Compromiso en revisión" not in drafts and "Compromiso en borrador" in drafts


def test_report_queue_filters_by_period(staff_client, organization, representative):
    first = submitted_report(organization, representative, "2024-Q1")
    queue = staff_client.get(reverse("commitments_review:reports")).content.decode()
    assert f"{first.commitment.reference} 2024-Q1" in queue
    assert "/admin/bulk/commitments/progressreport/approve/" in queue
    other_period = staff_client.get(reverse("commitments_review:reports"), {"period": "2024-q2"}).content.decode()
    assert f"{first.commitment.reference} 2024-Q1" not in other_period
    same_period = staff_client.get(reverse("commitments_review:reports"), {"period": " 2024-q1 "}).content.decode()
    assert f"{first.commitment.reference} 2024-Q1" in same_period


def test_bulk_return_requires_a_comment(
    staff_client, organization, representative, django_capture_on_commit_callbacks
):
    report = submitted_report(organization, representative)
    url = bulk_url("progressreport", "return", report)
    response = speak(staff_client, "en").post(url, {"comment": ""})
    assert response.status_code == 200
    assert "the comment is required" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves once the change is committed
        staff_client.post(url, {"comment": "Falta evidencia fotográfica"})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.review_comment == "Falta evidencia fotográfica"
    assert mail.outbox[0].to == [representative.email] and "Falta evidencia fotográfica" in mail.outbox[0].body


def test_bulk_actions_leave_items_that_are_not_waiting(staff_client, organization, representative):
    draft = CommitmentFactory(organization=organization, title="Todavía en borrador")
    waiting = CommitmentFactory(organization=organization)
    waiting.transition_to("submitted", user=representative)
    url = bulk_url("commitment", "approve", draft, waiting)
    confirm = speak(staff_client, "en").get(url).content.decode()
    assert "These items are not waiting for review" in confirm and "Todavía en borrador" in confirm
    staff_client.post(url, {"comment": ""})
    draft.refresh_from_db()
    waiting.refresh_from_db()
    assert (draft.status, waiting.status) == (CommitmentStatus.DRAFT, CommitmentStatus.APPROVED)


def test_review_needs_the_models_permission(client, organization, representative):
    commitment = CommitmentFactory(organization=organization)
    commitment.transition_to("submitted", user=representative)
    reader = NetworkStaffUserFactory(email="lectora@example.org")
    group = Group.objects.create(name="Lectura de compromisos")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_commitment")
    )
    reader.groups.add(group)
    speak(client, "en").force_login(reader)
    for url in (
        reverse("commitments_review:queue"),
        reverse("commitments_review:reports"),
        reverse("commitments_review:item", args=["commitment", commitment.pk]),
    ):
        response = client.get(url)  # Wagtail's answer to PermissionDenied: back to the dashboard
        assert (response.status_code, response.headers.get("Location")) == (302, reverse("wagtailadmin_home")), url
    assert client.get(reverse("commitments_review:compliance")).status_code == 200  # viewing is enough there
    # The bulk action lists the commitment as one the reader may not review, and changes nothing.
    url = bulk_url("commitment", "approve", commitment)
    assert "These items are not waiting for review" in client.get(url).content.decode()
    client.post(url, {"comment": ""})
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.SUBMITTED


def test_exports_neutralise_formulas(staff_client, organization, representative):
    commitment = CommitmentFactory(organization=organization, title='=HYPERLINK("http://example.org")')
    commitment.transition_to("submitted", user=representative)
    response = staff_client.get(reverse("commitments_review:queue"), {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][1] == '\'=HYPERLINK("http://example.org")'
    response = staff_client.get(reverse("commitments_review:queue"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = sheet.cell(row=2, column=2)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://example.org")'


def test_review_item_shows_history_and_returns_one(staff_client, organization, representative):
    commitment = CommitmentFactory(organization=organization)
    commitment.transition_to("submitted", user=representative)
    url = reverse("commitments_review:item", args=["commitment", commitment.pk])
    page = staff_client.get(url).content.decode()
    assert commitment.title in page
    response = staff_client.post(url, {"action": "return", "comment": ""})
    assert response.status_code == 200  # the comment is required to return
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.SUBMITTED
    staff_client.post(url, {"action": "return", "comment": "Precise la meta"})
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.DRAFT and commitment.review_comment == "Precise la meta"
    assert "Precise la meta" in staff_client.get(url).content.decode()


def test_admin_dashboard_panel_and_compliance_page(staff_client, organization, other_organization, representative):
    ApprovedCommitmentFactory(organization=organization)  # its past reports are overdue
    submitted = CommitmentFactory(organization=organization)
    submitted.transition_to("submitted", user=representative)
    home = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "commitments-review-heading" in home and organization.name in home
    assert reverse("commitments_review:reports") in home
    page = staff_client.get(reverse("commitments_review:compliance") + "?compliance=overdue").content.decode()
    assert organization.name in page and other_organization.name not in page
    up_to_date = staff_client.get(reverse("commitments_review:compliance"), {"compliance": "up_to_date"})
    assert organization.name not in up_to_date.content.decode()
    assert other_organization.name in up_to_date.content.decode()
    export = speak(staff_client, "en").get(reverse("commitments_review:compliance"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["Name", "Reporting status"]
    assert [organization.name, "Overdue"] in rows and [other_organization.name, "Up to date"] in rows


def test_admin_viewsets_render(staff_client, organization, representative):
    commitment = ApprovedCommitmentFactory(organization=organization)
    for name in (
        "commitments_commitments",
        "commitments_reports",
        "commitments_pledge_versions",
        "commitments_signatures",
    ):
        assert staff_client.get(reverse(f"{name}:index")).status_code == 200
    assert staff_client.get(reverse("commitments_commitments:history", args=[commitment.pk])).status_code == 200


def test_portal_users_cannot_reach_the_review(representative_client, organization):
    url = reverse("commitments_review:queue")
    response = representative_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


def test_evidence_in_admin_needs_permission(client, representative, other_organization):
    client.force_login(representative)
    url = reverse("commitments_review:evidence", args=[1])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"
