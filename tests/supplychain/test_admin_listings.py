"""The secretariat's value-chain listings: each row opens its record, empty fields read "—",
and records the companies fill in offer no "Add" in the admin."""

import re

import pytest

from django.urls import reverse

from tests.helpers import speak

from .conftest import open_round
from .factories import ActionItemFactory, ReferralFactory, make_questionnaire, submitted_assessment

pytestmark = pytest.mark.django_db


def visible_text(content):
    """The page's words, without its tags, scripts or attributes (Wagtail writes a class "None")."""
    content = re.sub(r"<(script|style)\b.*?</\1>", " ", content, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", content).split())


def row_links(content):
    return set(re.findall(r'href="([^"]+)"', content))


@pytest.mark.parametrize(
    ("prefix", "link_view"),
    [
        ("supplychain_actions", "inspect"),
        ("supplychain_assessments", "inspect"),
        ("supplychain_rounds", "edit"),
        ("supplychain_referrals", "inspect"),
    ],
)
def test_each_row_links_to_its_record(staff_client, organization, prefix, link_view):
    questionnaire = make_questionnaire()
    objects = {
        "supplychain_actions": lambda: ActionItemFactory(organization=organization),
        "supplychain_assessments": lambda: submitted_assessment(organization, questionnaire),
        "supplychain_rounds": lambda: open_round(questionnaire=questionnaire),
        "supplychain_referrals": lambda: ReferralFactory(organization=organization),
    }
    obj = objects[prefix]()
    content = speak(staff_client, "es").get(reverse(f"{prefix}:index")).content.decode()
    links = row_links(content)
    assert reverse(f"{prefix}:{link_view}", args=[obj.pk]) in links
    if link_view == "inspect":  # filled in the portal: no edit link, no add link
        assert reverse(f"{prefix}:edit", args=[obj.pk]) not in links
        assert reverse(f"{prefix}:add") not in links


def test_the_assessment_list_has_no_add_link(staff_client, organization):
    submitted_assessment(organization, make_questionnaire())
    content = speak(staff_client, "es").get(reverse("supplychain_assessments:index")).content.decode()
    assert reverse("supplychain_assessments:add") not in content
    assert "Añadir" not in content


def test_an_unverified_action_items_inspect_page_prints_no_none(staff_client, organization):
    item = ActionItemFactory(organization=organization, action="Incluir cláusula en contratos")
    response = speak(staff_client, "es").get(reverse("supplychain_actions:inspect", args=[item.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    text = visible_text(content)
    assert "None" not in text, text
    assert "Incluir cláusula en contratos" in content  # the header names the item
    assert "—" in content
