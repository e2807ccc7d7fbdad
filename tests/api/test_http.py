"""Pagination, filters, CORS, throttling and flat query counts of the open-data API."""

import datetime

import pytest

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import ThematicArea
from tests.api.conftest import approved, get, ids
from tests.commitments.factories import ApprovedCommitmentFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from tests.members.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_limit_and_offset_page_through_a_listing(client, db):
    members = sorted(OrganizationFactory.create_batch(5), key=lambda o: (o.name, o.pk))
    first = get(client, "/api/v1/organizations/", limit=2).json()
    assert (first["count"], [i["id"] for i in first["items"]]) == (5, [members[0].pk, members[1].pk])
    last = get(client, "/api/v1/organizations/", limit=2, offset=4).json()
    assert [i["id"] for i in last["items"]] == [members[4].pk]


@pytest.mark.parametrize("params", [{"limit": 101}, {"limit": 0}, {"offset": -1}, {"sector": "mining"}, {"year": 1}])
def test_invalid_parameters_answer_422_problems(client, db, params):
    response = get(client, "/api/v1/organizations/" if "year" not in params else "/api/v1/commitments/", **params)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/organizations/99999999999999999999/",
        "/api/v1/organizations/?offset=99999999999999999999",
        "/api/v1/organizations/?q=a%00b",
        "/api/v1/commitments/?organization=-1",
    ],
)
def test_out_of_range_values_answer_422_not_a_server_error(client, db, path):
    response = client.get(path)
    assert (response.status_code, response["Content-Type"]) == (422, "application/problem+json")


def test_filters_by_sector_thematic_area_and_year(client, db):
    farm = OrganizationFactory(sector="agriculture")
    bank = OrganizationFactory(sector="finance")
    education = ApprovedCommitmentFactory(organization=farm)
    health = ApprovedCommitmentFactory(
        organization=bank,
        thematic_area=ThematicArea.HEALTH,
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    assert ids(get(client, "/api/v1/organizations/", sector="finance")) == [bank.pk]
    assert ids(get(client, "/api/v1/commitments/", sector="agriculture")) == [education.pk]
    assert ids(get(client, "/api/v1/commitments/", thematic_area="health")) == [health.pk]
    assert ids(get(client, "/api/v1/commitments/", year=2025)) == [education.pk]
    assert ids(get(client, "/api/v1/commitments/", organization=bank.pk)) == [health.pk]
    approved(education, "2024-Q4", 30)
    approved(education, "2025-Q1", 35)
    progress = get(client, "/api/v1/progress/", year=2025).json()["items"]
    assert [row["period"] for row in progress] == ["2025-Q1"]
    observatory = get(client, "/api/v1/observatory/", thematic_area="health").json()
    assert (observatory["totals"]["commitments"], observatory["filters"]["thematic_area"]) == (1, "health")
    assert get(client, "/api/v1/observatory/", sector="finance", year=2024).json()["totals"]["commitments"] == 0


def test_cors_lets_any_origin_read_without_credentials(client, db):
    response = client.get("/api/v1/organizations/", HTTP_ORIGIN="https://datos.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    head = client.head("/api/v1/organizations/", HTTP_ORIGIN="https://datos.example.org")
    assert (head.status_code, head["Access-Control-Allow-Origin"], head.content) == (200, "*", b"")
    preflight = client.options(
        "/api/v1/organizations/",
        HTTP_ORIGIN="https://datos.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "Access-Control-Allow-Credentials" not in preflight
    post = client.post("/api/v1/organizations/", {}, HTTP_ORIGIN="https://datos.example.org")
    assert post.status_code == 405
    assert "Access-Control-Allow-Origin" not in post


def test_a_session_cookie_changes_nothing(client, world, staff_user):
    anonymous = get(client, "/api/v1/commitments/").json()
    client.force_login(staff_user)
    assert get(client, "/api/v1/commitments/").json() == anonymous


def test_throttling_counts_per_address_in_the_shared_cache(client, db, settings):
    settings.API_THROTTLE_RATE = "3/m"
    for _ in range(3):
        assert get(client, "/api/v1/networks/").status_code == 200
    refused = get(client, "/api/v1/organizations/")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert int(refused["Retry-After"]) > 0
    assert refused["Access-Control-Allow-Origin"] == "*"
    # The count lives in the default cache (Redis in production), shared by every process.
    caches["local"].clear()
    assert get(client, "/api/v1/networks/").status_code == 429
    caches["default"].clear()
    assert get(client, "/api/v1/networks/").status_code == 200
    # Another address has its own count; a forged X-Forwarded-For is not another address.
    assert client.get("/api/v1/networks/", REMOTE_ADDR="10.9.8.7").status_code == 200
    for _ in range(3):
        client.get("/api/v1/networks/", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client.get("/api/v1/networks/", HTTP_X_FORWARDED_FOR="5.6.7.8").status_code == 429


def _data(count):
    for n in range(count):
        organization = OrganizationFactory()
        commitment = ApprovedCommitmentFactory(organization=organization)
        approved(commitment, "2024-Q1", n)
        approved(commitment, "2024-Q2", n + 1)
        meeting = MeetingFactory(is_public=True)
        AgendaItemFactory(meeting=meeting)
        AgendaItemFactory(meeting=meeting)


ENDPOINTS = [
    "/api/v1/networks/",
    "/api/v1/organizations/",
    "/api/v1/commitments/",
    "/api/v1/progress/",
    "/api/v1/observatory/",
    "/api/v1/meetings/",
]


def _queries(client, path):
    caches["local"].clear()  # the observatory's aggregates are cached: count their queries too
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, {"limit": 100})
    assert response.status_code == 200, response.content
    return len(captured)


def test_query_counts_stay_flat_with_the_data(client, db):
    # A first read builds the observatory's summary for the first time (its state row is
    # created then); both measured reads below rebuild it after new data, as a running site does.
    _data(1)
    for path in ENDPOINTS:
        _queries(client, path)
    _data(2)
    small = {path: _queries(client, path) for path in ENDPOINTS}
    _data(8)
    large = {path: _queries(client, path) for path in ENDPOINTS}
    assert large == small
    # Read again (the summary now fresh, the cached aggregates dropped): what most reads cost.
    steady = {path: _queries(client, path) for path in ENDPOINTS}
    assert max(steady.values()) <= 12, steady


def test_detail_query_counts_stay_flat(client, db):
    _data(1)
    meeting = MeetingFactory(is_public=True)
    AgendaItemFactory(meeting=meeting)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/api/v1/meetings/{meeting.pk}/").status_code == 200
        return len(captured)

    before = count()
    AgendaItemFactory.create_batch(9, meeting=meeting)
    assert count() == before


def test_an_unexpected_error_is_a_logged_problem_document(client, db, monkeypatch, caplog):
    def broken(request):
        raise RuntimeError("boom")

    monkeypatch.setattr("api.v1.networks.visible_networks", broken)
    client.raise_request_exception = False
    response = client.get("/api/v1/networks/")
    assert (response.status_code, response["Content-Type"]) == (500, "application/problem+json")
    assert "boom" not in response.content.decode()
    assert any(record.exc_info and "boom" in str(record.exc_info[1]) for record in caplog.records)


def test_the_throttle_says_how_long_to_wait(client, db, settings):
    settings.API_THROTTLE_RATE = "2/h"
    get(client, "/api/v1/networks/")
    get(client, "/api/v1/networks/")
    refused = get(client, "/api/v1/networks/")
    assert refused.status_code == 429
    assert 3500 <= int(refused["Retry-After"]) <= 3600
