"""The admin's list downloads (Wagtail's ``list_export``) never hold a live formula."""

import csv
import io

import pytest
from openpyxl import load_workbook

from django.urls import reverse

from supplychain.models import Assessment
from tests.members.factories import OrganizationFactory
from tests.supplychain.factories import make_questionnaire

FORMULA = '=HYPERLINK("http://example.org","clic")'


def download(client, url_name, fmt):
    response = client.get(reverse(url_name), {"export": fmt})
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@"])
def test_csv_cells_that_look_like_formulas_get_an_apostrophe(staff_client, prefix):
    OrganizationFactory(name=prefix + "SUMA(A1:A3)", short_name="")
    text = download(staff_client, "members_organizations:index", "csv").decode("utf-8-sig")
    names = [row[1] for row in csv.reader(io.StringIO(text))][1:]
    assert "'" + prefix + "SUMA(A1:A3)" in names


def test_xlsx_cells_are_text_never_formulas(staff_client):
    OrganizationFactory(name=FORMULA)
    sheet = load_workbook(io.BytesIO(download(staff_client, "members_organizations:index", "xlsx"))).active
    cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert [(cell.value, cell.data_type) for cell in cells if cell.value == FORMULA] == [(FORMULA, "s")]


def test_people_and_self_assessments_lists_too(staff_client, organization):
    organization.people.create(name="=1+1", email="persona@example.org")
    text = download(staff_client, "members_people:index", "csv").decode("utf-8-sig")
    assert "'=1+1" in text
    organization.name = "@SUM(1)"
    organization.save()
    Assessment.objects.create(organization=organization, year=2025, questionnaire=make_questionnaire())
    text = download(staff_client, "supplychain_assessments:index", "csv").decode("utf-8-sig")
    assert "'@SUM(1)" in text
