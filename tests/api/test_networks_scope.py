"""Each national host answers for its own network only; the regional site for every network; the
``network`` and ``country`` filters only narrow that."""

import pytest

from tests.api.conftest import ECUADOR, REGIONAL, get, ids
from tests.helpers import assert_not_found

pytestmark = pytest.mark.django_db

LISTS = ("/api/v1/organizations/", "/api/v1/commitments/", "/api/v1/meetings/")


def test_an_ecuador_organization_is_never_on_costa_ricas_host(client, world):
    ecuador = world["ec_member"]
    for params in ({}, {"network": "ecuador"}, {"country": "EC"}, {"q": "Bananera"}):
        response = get(client, "/api/v1/organizations/", **params)
        assert ecuador.pk not in ids(response), params
    assert_not_found(get(client, f"/api/v1/organizations/{ecuador.pk}/"))
    assert_not_found(get(client, f"/api/v1/commitments/{world['ec_public'].pk}/"))
    assert_not_found(get(client, f"/api/v1/commitments/{world['ec_public'].pk}/progress/"))
    assert_not_found(get(client, f"/api/v1/meetings/{world['ec_meeting'].pk}/"))
    assert get(client, "/api/v1/progress/", commitment=world["ec_public"].pk).json()["count"] == 0


def test_ecuadors_host_answers_for_ecuador_only(client, world):
    assert ids(get(client, "/api/v1/organizations/", ECUADOR)) == [world["ec_member"].pk]
    assert ids(get(client, "/api/v1/commitments/", ECUADOR)) == [world["ec_public"].pk]
    assert ids(get(client, "/api/v1/meetings/", ECUADOR)) == [world["ec_meeting"].pk]
    assert_not_found(get(client, f"/api/v1/organizations/{world['cr_member'].pk}/", ECUADOR))
    assert get(client, f"/api/v1/organizations/{world['ec_member'].pk}/", ECUADOR).json()["network"] == "ecuador"


def test_the_regional_site_answers_for_every_network_and_filters_narrow(client, world, regional_site):
    both = {world["cr_member"].pk, world["ec_member"].pk}
    assert set(ids(get(client, "/api/v1/organizations/", REGIONAL))) == both
    assert ids(get(client, "/api/v1/organizations/", REGIONAL, network="ecuador")) == [world["ec_member"].pk]
    assert ids(get(client, "/api/v1/organizations/", REGIONAL, country="cr")) == [world["cr_member"].pk]
    assert ids(get(client, "/api/v1/commitments/", REGIONAL, country="EC")) == [world["ec_public"].pk]
    assert ids(get(client, "/api/v1/meetings/", REGIONAL, network="ecuador")) == [world["ec_meeting"].pk]
    assert get(client, f"/api/v1/organizations/{world['ec_member'].pk}/", REGIONAL).status_code == 200


def test_the_observatory_follows_the_host_and_the_filters(client, world, regional_site):
    def totals(host=None, **params):
        response = get(client, "/api/v1/observatory/", host, **params)
        assert response.status_code == 200, response.content
        return response.json()["totals"]["commitments"], response.json()["totals"]["members"]

    assert totals() == (1, 1)
    assert totals(ECUADOR) == (1, 1)
    assert totals(REGIONAL) == (2, 2)
    assert totals(REGIONAL, network="ecuador") == (1, 1)
    assert totals(REGIONAL, country="CR") == (1, 1)
    assert totals(network="ecuador") == (0, 0)  # Costa Rica's host never widens to Ecuador
    assert totals(REGIONAL) == (2, 2)  # the narrowed answers were cached apart
    rows = get(client, "/api/v1/observatory/", REGIONAL).json()["by_network"]
    assert [(row["key"], row["value"]) for row in rows] == [("ecuador", 1), ("red", 1)]
    assert [row["key"] for row in get(client, "/api/v1/observatory/").json()["by_network"]] == ["red"]


def test_every_listing_of_every_host_keeps_to_its_networks(client, world, regional_site):
    """Crawl each listing of the OpenAPI document on each host: every item is of the host's network."""
    paths = [
        path
        for path, operations in client.get("/api/v1/openapi.json").json()["paths"].items()
        if "{" not in path and "get" in operations
    ]
    assert len(paths) >= 6
    seen = {}
    for host, allowed in ((None, {"red"}), (ECUADOR, {"ecuador"}), (REGIONAL, {"red", "ecuador"})):
        for path in paths:
            response = (
                get(client, path, host, limit=100) if path != "/api/v1/observatory/" else get(client, path, host)
            )
            assert response.status_code == 200, (host, path)
            body = response.json()
            items = body.get("items", body.get("by_network", []))
            networks = {item.get("network", item.get("slug", item.get("key"))) for item in items}
            networks.discard(None)
            assert networks <= allowed, (host, path, networks)
            seen.setdefault(host, set()).update(networks)
    assert seen == {None: {"red"}, ECUADOR: {"ecuador"}, REGIONAL: {"red", "ecuador"}}
