"""The self-assessment's report: one context for the portal and the admin; the admin views' permissions."""

import io

import pytest
from pypdf import PdfReader

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation

from supplychain import documents
from supplychain.models import ActionItem, Questionnaire
from tests.network_site.factories import NetworkStaffUserFactory

from .factories import submitted_assessment


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_report_context_holds_results_action_plan_and_organisation(organization, questionnaire):
    assessment = submitted_assessment(organization, questionnaire)
    with translation.override("en"):
        context = documents.report_context(assessment)
    assert context["organization"] == organization
    assert context["assessment"] == assessment
    assert context["action_items"] == list(ActionItem.objects.filter(assessment=assessment))
    assert [group.label for group in context["chart"]["groups"]][-1] == "Overall"
    assert [str(label) for label in context["series"]] == ["Your score", "Sector average", "Network average"]


def test_portal_and_admin_pdfs_are_the_same_report(
    representative_client, organization, questionnaire, django_user_model
):
    assessment = submitted_assessment(organization, questionnaire)
    portal = pdf_text(representative_client.get(reverse("supplychain_portal:report_pdf", args=[assessment.pk])))
    staff = django_user_model.objects.create(email="revisora@example.org", is_staff=True, is_superuser=True)
    representative_client.force_login(staff)
    admin = pdf_text(representative_client.get(reverse("supplychain_assessments:pdf", args=[assessment.pk])))
    assert portal == admin
    assert organization.name in admin


@pytest.mark.parametrize(
    "name",
    ["supplychain_questionnaires:new_version", "supplychain_questionnaires:publish"],
)
def test_questionnaire_actions_need_their_permission(client, questionnaire, name):
    reader = NetworkStaffUserFactory(email="lectora@example.org")
    group = Group.objects.create(name="Lectura")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_questionnaire")
    )
    reader.groups.add(group)
    client.force_login(reader)
    url = reverse(name, args=[questionnaire.pk])
    before = list(Questionnaire.objects.values_list("pk", "status"))
    for response in (client.get(url), client.post(url)):  # Wagtail's answer to PermissionDenied
        assert (response.status_code, response.headers.get("Location")) == (302, reverse("wagtailadmin_home"))
    assert list(Questionnaire.objects.values_list("pk", "status")) == before  # no copy, nothing published


def test_assessment_review_and_pdf_need_their_permission(client, organization, questionnaire):
    assessment = submitted_assessment(organization, questionnaire)
    reader = NetworkStaffUserFactory(email="lectora@example.org")
    group = Group.objects.create(name="Lectura")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    reader.groups.add(group)
    client.force_login(reader)
    for name in ("supplychain_assessments:review", "supplychain_assessments:pdf"):
        response = client.get(reverse(name, args=[assessment.pk]))
        assert (response.status_code, response.headers.get("Location")) == (302, reverse("wagtailadmin_home")), name
    group.permissions.add(Permission.objects.get(codename="view_assessment"))
    reader = get_user_model().objects.get(pk=reader.pk)  # permissions are cached per user object
    client.force_login(reader)
    assert client.get(reverse("supplychain_assessments:pdf", args=[assessment.pk]))["Content-Type"] == (
        "application/pdf"
    )
    response = client.get(reverse("supplychain_assessments:review", args=[assessment.pk]))
    assert (response.status_code, response.headers.get("Location")) == (302, reverse("wagtailadmin_home"))
