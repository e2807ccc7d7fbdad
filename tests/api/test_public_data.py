"""What the open-data API returns: public records only, public fields only, and 404 for the rest."""

import pytest

from tests.api.conftest import ECUADOR, REGIONAL, get, ids
from tests.helpers import assert_not_found

pytestmark = pytest.mark.django_db

PRIVATE_WORDS = (
    "3-101-999999",  # tax id
    "gerente@cafetalera.example.org",  # a person's e-mail
    "+506 8888 0000",  # a person's phone
    "Narrativa interna",  # a report's narrative
    "Conclusiones internas",  # the minutes
    "Ana Pérez",  # a presenter
)


def assert_no_private_data(response):
    text = response.content.decode()
    for word in PRIVATE_WORDS:
        assert word not in text, word


def test_organizations_are_the_active_members_with_their_public_fields(client, world):
    response = get(client, "/api/v1/organizations/")
    assert ids(response) == [world["cr_member"].pk]
    item = response.json()["items"][0]
    assert set(item) == {
        "id",
        "network",
        "name",
        "short_name",
        "slug",
        "kind",
        "sector",
        "scope",
        "region",
        "website",
        "description",
        "member_since",
    }
    assert (item["network"], item["name"], item["description"]) == ("red", "Cafetalera Tica S.A.", "Café de altura.")
    assert_no_private_data(response)
    detail = get(client, f"/api/v1/organizations/{world['cr_member'].pk}/")
    assert detail.status_code == 200
    assert detail.json() == item
    assert_no_private_data(detail)


@pytest.mark.parametrize("name", ["cr_applicant", "cr_suspended", "cr_partner"])
def test_a_non_public_organization_answers_404_json(client, world, name):
    response = get(client, f"/api/v1/organizations/{world[name].pk}/")
    assert_not_found(response)
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_commitments_are_the_approved_public_ones_of_active_members(client, world):
    response = get(client, "/api/v1/commitments/")
    assert ids(response) == [world["cr_public"].pk]
    item = response.json()["items"][0]
    assert item["organization"] == {"id": world["cr_member"].pk, "name": "Cafetalera Tica S.A."}
    assert (item["status"], item["latest_period"], item["latest_value"]) == ("approved", "2024-Q1", 10.0)
    assert "review_comment" not in item and "description" not in item
    assert_no_private_data(response)
    for name in ("cr_private", "cr_draft", "cr_submitted", "cr_of_suspended"):
        assert_not_found(get(client, f"/api/v1/commitments/{world[name].pk}/"), name)
        assert_not_found(get(client, f"/api/v1/commitments/{world[name].pk}/progress/"), name)


def test_progress_is_the_approved_reports_only(client, world):
    commitment = world["cr_public"]
    response = get(client, f"/api/v1/commitments/{commitment.pk}/progress/")
    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "items": [
            {
                "commitment": commitment.pk,
                "period": "2024-Q1",
                "period_start": "2024-01-01",
                "period_end": "2024-03-31",
                "value": 10.0,
            }
        ],
    }
    flat = get(client, "/api/v1/progress/")
    assert flat.json()["items"] == response.json()["items"]
    assert_no_private_data(flat)


def test_meetings_are_the_public_ones_without_invitees_or_minutes(client, world):
    response = get(client, "/api/v1/meetings/")
    assert ids(response) == [world["cr_meeting"].pk, world["cr_published"].pk]
    published = response.json()["items"][1]
    assert published["summary"] == "<p>Resumen público</p>"
    assert response.json()["items"][0]["summary"] is None
    detail = get(client, f"/api/v1/meetings/{world['cr_meeting'].pk}/")
    assert detail.status_code == 200
    body = detail.json()
    assert [item["title"] for item in body["agenda"]] == ["Bienvenida"]
    assert not {"invitations", "attendance", "agreements", "presenters"} & (set(body) | set(body["agenda"][0]))
    assert_no_private_data(detail)
    assert "Cafetalera" not in detail.content.decode()  # the invited organisation
    for name in ("cr_internal", "cr_cancelled", "cr_minutes_draft"):
        assert_not_found(get(client, f"/api/v1/meetings/{world[name].pk}/"), name)


def test_observatory_counts_public_data_only(client, world):
    response = get(client, "/api/v1/observatory/")
    assert response.status_code == 200
    totals = response.json()["totals"]
    assert (totals["members"], totals["commitments"], totals["reports"]) == (1, 1, 1)


def test_networks_of_a_national_host_and_of_the_regional_site(client, world, regional_site):
    assert [n["slug"] for n in get(client, "/api/v1/networks/").json()["items"]] == ["red"]
    assert [n["slug"] for n in get(client, "/api/v1/networks/", ECUADOR).json()["items"]] == ["ecuador"]
    regional = get(client, "/api/v1/networks/", REGIONAL).json()
    assert sorted(n["slug"] for n in regional["items"]) == ["ecuador", "red"]
    ecuador = get(client, "/api/v1/networks/ecuador/", REGIONAL).json()
    assert (ecuador["country"], ecuador["url"]) == ("EC", "http://ecuador.localhost/")
    assert "secretariat_emails" not in ecuador
    assert_not_found(get(client, "/api/v1/networks/ecuador/"))
    assert_not_found(get(client, "/api/v1/networks/nowhere/", REGIONAL))


def test_unknown_paths_answer_404_json(client, db):
    for path in ("/api/v1/nothing/", "/api/v2/", "/api/", "/api/v1/organizations/0/"):
        response = client.get(path)
        assert response.status_code in (404, 422), path
        if path != "/api/v1/organizations/0/":
            assert_not_found(response, path)
        assert response["Content-Type"] == "application/problem+json", path
    redirect = client.get("/api/v1/organizations?limit=2")
    assert (redirect.status_code, redirect["Location"]) == (301, "/api/v1/organizations/?limit=2")
    assert_not_found(client.get("/api/v1/nothing"))
    invalid = client.get("/api/v1/organizations/abc/")
    assert (invalid.status_code, invalid["Content-Type"]) == (422, "application/problem+json")


def test_the_openapi_document_and_its_docs_page_are_served(client, db):
    document = client.get("/api/v1/openapi.json")
    assert document.status_code == 200
    schema = document.json()
    assert schema["info"]["version"] == "1.1.0"  # 1.1: good practices and the cooperation board
    assert "/api/v1/organizations/{organization_id}/" in schema["paths"]
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    assert b"swagger-ui-bundle.js" in page.content and b"cdn" not in page.content.lower()
    script = client.get("/api/v1/docs/assets/swagger-ui-bundle.js")
    assert (script.status_code, script["Content-Type"]) == (200, "text/javascript")
    assert client.head("/api/v1/docs/assets/swagger-ui.css").status_code == 200
    assert_not_found(client.get("/api/v1/docs/assets/redoc.standalone.js.map"))
    assert_not_found(client.get("/api/v1/docs/assets/..%2F__init__.py"))
