"""Every portal URL with an object id answers 404 for another organisation's object."""

import pytest

from django.urls import reverse

from supplychain.models import Answer, Assessment
from tests.helpers import assert_not_found

from .factories import ActionItemFactory, ReferralFactory, SupplierFactory, answer, submitted_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign(other_organization, questionnaire):
    assessment = submitted_assessment(other_organization, questionnaire)
    evidence = answer(assessment, "q6", file="supplychain/evidence/otro.pdf")
    draft = Assessment.objects.create(organization=other_organization, year=2020, questionnaire=questionnaire)
    return {
        "assessment": assessment,
        "draft": draft,
        "evidence": evidence,
        "section": questionnaire.sections.first(),
        "supplier": SupplierFactory(organization=other_organization),
        "action": ActionItemFactory(organization=other_organization),
        "referral": ReferralFactory(organization=other_organization),
    }


def foreign_urls(f):
    a, d = f["assessment"], f["draft"]
    return [
        ("get", reverse("supplychain_portal:assessment_detail", args=[a.pk])),
        ("get", reverse("supplychain_portal:section", args=[d.pk, f["section"].pk])),
        ("post", reverse("supplychain_portal:section", args=[d.pk, f["section"].pk])),
        ("get", reverse("supplychain_portal:preview", args=[d.pk])),
        ("post", reverse("supplychain_portal:submit", args=[d.pk])),
        ("get", reverse("supplychain_portal:results", args=[a.pk])),
        ("get", reverse("supplychain_portal:report_pdf", args=[a.pk])),
        ("get", reverse("supplychain_portal:evidence", args=[a.pk, f["evidence"].pk])),
        ("get", reverse("supplychain_portal:supplier_edit", args=[f["supplier"].pk])),
        ("post", reverse("supplychain_portal:supplier_edit", args=[f["supplier"].pk])),
        ("get", reverse("supplychain_portal:supplier_delete", args=[f["supplier"].pk])),
        ("post", reverse("supplychain_portal:supplier_delete", args=[f["supplier"].pk])),
        ("get", reverse("supplychain_portal:action_edit", args=[f["action"].pk])),
        ("post", reverse("supplychain_portal:action_edit", args=[f["action"].pk])),
        ("get", reverse("supplychain_portal:referral_detail", args=[f["referral"].pk])),
        ("get", reverse("supplychain_portal:referral_edit", args=[f["referral"].pk])),
        ("post", reverse("supplychain_portal:referral_edit", args=[f["referral"].pk])),
        ("post", reverse("supplychain_portal:referral_advance", args=[f["referral"].pk])),
    ]


def test_another_organisations_objects_answer_404(representative_client, foreign):
    for method, url in foreign_urls(foreign):
        response = getattr(representative_client, method)(url)
        assert_not_found(response, url)
    # Nothing was changed on the way.
    foreign["draft"].refresh_from_db()
    assert foreign["draft"].status == "draft"
    foreign["referral"].refresh_from_db()
    assert foreign["referral"].status == "identified"
    assert Answer.objects.filter(assessment=foreign["draft"]).count() == 0


def test_an_evidence_id_of_another_assessment_answers_404(representative_client, organization, foreign, questionnaire):
    own = submitted_assessment(organization, questionnaire)
    url = reverse("supplychain_portal:evidence", args=[own.pk, foreign["evidence"].pk])
    assert_not_found(representative_client.get(url), url)


def test_lists_show_only_own_records(representative_client, organization, foreign):
    SupplierFactory(organization=organization, name="Proveedor Propio")
    pages = {
        "supplier_list": foreign["supplier"].name,
        "action_list": foreign["action"].action,
        "overview": str(foreign["assessment"].year) + "</a>",
    }
    for name, foreign_text in pages.items():
        html = representative_client.get(reverse(f"supplychain_portal:{name}")).content.decode()
        assert foreign_text not in html, name
    html = representative_client.get(reverse("supplychain_portal:supplier_list")).content.decode()
    assert "Proveedor Propio" in html
    csv = representative_client.get(reverse("supplychain_portal:supplier_export", args=["csv"])).content.decode()
    assert "Proveedor Propio" in csv and foreign["supplier"].name not in csv


def test_anonymous_and_accountless_users_are_kept_out(client, staff_user, foreign):
    url = reverse("supplychain_portal:overview")
    assert client.get(url).status_code == 302
    client.force_login(staff_user)  # secretariat staff without a portal account
    assert client.get(url).status_code == 403
