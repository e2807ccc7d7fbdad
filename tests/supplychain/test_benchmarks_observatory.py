import json

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from supplychain import stats
from supplychain.views import observatory_sections as supplychain_observatory_section
from tests.helpers import speak
from tests.members.factories import OrganizationFactory, PortalAccountFactory

from .factories import ReferralFactory, submitted_assessment

pytestmark = pytest.mark.django_db


def make_orgs(questionnaire, count, sector="agriculture", q3=4):
    orgs = [OrganizationFactory(sector=sector) for _ in range(count)]
    for org in orgs:
        submitted_assessment(org, questionnaire, q3=q3)
    return orgs


def test_benchmarks_suppressed_under_three_organisations(client, questionnaire):
    first, second = make_orgs(questionnaire, 2)
    assessment = first.assessments.get()
    rows, overall = stats.benchmarks(assessment)
    assert all(row["sector"]["suppressed"] and row["network"]["suppressed"] for row in rows)
    assert overall["network"]["average"] is None
    client.force_login(PortalAccountFactory(organization=first).user)
    html = speak(client, "es").get(reverse("supplychain_portal:results", args=[assessment.pk])).content.decode()
    assert "no hay datos suficientes" in html
    make_orgs(questionnaire, 1, q3=2)
    rows, overall = stats.benchmarks(assessment)
    assert not overall["network"]["suppressed"] and overall["network"]["organizations"] == 3
    assert overall["sector"]["average"] is not None


def test_observatory_and_downloads_suppress_small_groups(client, questionnaire):
    make_orgs(questionnaire, 3, sector="agriculture")
    make_orgs(questionnaire, 2, sector="finance")
    template, context = supplychain_observatory_section(None, {})[0]
    rows = {row["code"]: row for row in context["maturity"]["rows"]}
    assert not rows["agriculture"]["suppressed"] and rows["agriculture"]["overall"] is not None
    assert rows["finance"]["suppressed"] and rows["finance"]["overall"] is None
    assert all(cell["average"] is None for cell in rows["finance"]["sections"])
    assert all(value is None for value in rows["finance"]["maturity"].values())
    from django.template.loader import render_to_string

    html = render_to_string(template, context)
    assert "<svg" in html and "<table" in html
    data = json.loads(client.get(reverse("supplychain:maturity_data", args=["json"])).content)
    finance = [row for row in data["rows"] if row["group"] == "finance"]
    assert finance and all(row["suppressed"] and row["average_score"] is None for row in finance)
    assert all(row["organizations"] is None for row in finance)
    agriculture = [row for row in data["rows"] if row["group"] == "agriculture" and row["section"] == "overall"]
    assert agriculture[0]["average_score"] is not None and agriculture[0]["organizations"] == 3
    csv = client.get(reverse("supplychain:maturity_data", args=["csv"])).content.decode("utf-8-sig")
    finance_lines = [line for line in csv.splitlines() if ",finance," in line]
    assert finance_lines and all(",True," in line for line in finance_lines)
    assert all(line.split(",")[3:5] == ["", ""] for line in finance_lines)


def test_referral_counts_suppressed_under_three_organisations(client):
    ReferralFactory()
    ReferralFactory()
    data = stats.referral_counts()
    assert data["rows"][0]["suppressed"] and data["rows"][0]["total"] is None
    body = json.loads(client.get(reverse("supplychain:referral_data", args=["json"])).content)
    assert body["rows"][0]["referrals"] is None
    ReferralFactory()
    data = stats.referral_counts()
    row = data["rows"][0]
    assert not row["suppressed"] and row["referrals"] == 3 and row["total"] == 6 and row["hazardous_cases"] == 3
    assert row["year"] == (timezone.localdate() - timezone.timedelta(days=20)).year
    csv = client.get(reverse("supplychain:referral_data", args=["csv"])).content.decode("utf-8-sig")
    assert csv.splitlines()[1].split(",")[2] == "3"


def test_aggregates_use_a_fixed_number_of_queries(questionnaire):
    make_orgs(questionnaire, 3)
    ReferralFactory()
    with CaptureQueriesContext(connection) as small:
        supplychain_observatory_section(None, {})
    make_orgs(questionnaire, 5, sector="commerce")
    make_orgs(questionnaire, 3, sector="finance")
    for _ in range(4):
        ReferralFactory()
    with CaptureQueriesContext(connection) as large:
        supplychain_observatory_section(None, {})
    assert len(large) == len(small)
    assessment = questionnaire.assessments.first()
    with CaptureQueriesContext(connection) as bench:
        stats.benchmarks(assessment)
    assert len(bench) <= 6
