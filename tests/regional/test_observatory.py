"""The regional observatory: every network's figures side by side, suppression, open data, query counts."""

import csv
import io

import pytest
from openpyxl import load_workbook

from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import CommitmentStatus
from network_site.networks import across, activate
from network_site.page_cache import invalidate
from regional.observatory import compute
from tests.commitments.factories import ApprovedCommitmentFactory, CommitmentFactory
from tests.helpers import assert_not_found
from tests.members.factories import OrganizationFactory
from tests.network_site.factories import NetworkFactory

from .conftest import assessed, get

pytestmark = pytest.mark.django_db

OBSERVATORY = "/es/observatorio/"
SECRET = "PLATANO-SECRETO"


def make_members(count, **kwargs):
    return [OrganizationFactory(**kwargs) for _ in range(count)]


@pytest.fixture
def two_networks(default_network, other_network, staff_user):
    """Costa Rica (the default network): 4 members, 3 public commitments (one achieved), a private one
    and a draft; Ecuador: 2 members and 1 public commitment (value chain, agriculture)."""
    default_network.short_name, default_network.name = "Costa Rica", "Red de Empresas de Costa Rica"
    default_network.save()
    cr = make_members(4)
    ApprovedCommitmentFactory(organization=cr[0])
    ApprovedCommitmentFactory(organization=cr[1])
    achieved = ApprovedCommitmentFactory(organization=cr[1])
    achieved.transition_to(CommitmentStatus.ACHIEVED, user=staff_user)
    ApprovedCommitmentFactory(organization=cr[2], is_public=False, title=f"Privado {SECRET}")
    CommitmentFactory(organization=cr[3], title=f"Borrador {SECRET}")
    with activate(other_network):
        ec = make_members(2)
        ApprovedCommitmentFactory(
            organization=ec[0], thematic_area="value_chain", acceleration_factor="agriculture", title="Cadena EC"
        )
    return {"cr": cr, "ec": ec}


def regional_data(filters=None):
    with across(None):
        return compute(filters or {})


def row_of(data, network):
    return next(row for row in data["rows"] if row["network"]["pk"] == network.pk)


def test_the_aggregates_give_each_network_its_own_figures(two_networks, default_network, other_network):
    data = regional_data()
    cr, ec = row_of(data, default_network), row_of(data, other_network)
    assert (cr["members"], cr["commitments"], cr["organizations"], cr["achieved"], cr["ended"]) == (4, 3, 2, 1, 1)
    assert (ec["members"], ec["commitments"], ec["organizations"]) == (2, 1, 1)
    assert cr["share_members_committed"] == ec["share_members_committed"] == 50
    assert (cr["share_achieved"], ec["share_achieved"]) == (100, None)
    assert cr["commitments_per_member"] == 0.8 and ec["commitments_per_member"] == 0.5
    totals = data["totals"]
    assert (totals["members"], totals["commitments"], totals["organizations"], totals["networks"]) == (6, 4, 3, 2)
    columns = [network["pk"] for network in data["networks"]]
    value_chain = next(row for row in data["by_area"] if row["key"] == "value_chain")
    assert dict(zip(columns, value_chain["values"], strict=True)) == {default_network.pk: 0, other_network.pk: 1}
    education = next(row for row in data["by_area"] if row["key"] == "education")
    assert education["total"] == 3
    agriculture = next(row for row in data["by_factor"] if row["key"] == "agriculture")
    assert agriculture["total"] == 1


def test_the_filters_of_the_national_observatory_apply(two_networks, other_network):
    data = regional_data({"area": "value_chain"})
    assert data["totals"]["commitments"] == 1
    assert row_of(data, other_network)["commitments"] == 1


def test_the_page_shows_every_network_and_nothing_private(client, regional_observatory, two_networks):
    response = get(client, OBSERVATORY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Costa Rica" in html and "Ecuador" in html
    assert 'href="http://ecuador.localhost/es/"' in html  # each network's own site
    assert "Indicadores comparables por red" in html  # Spanish first
    assert "chart-networks" in html and "<table" in html  # charts come with their data tables
    assert SECRET not in html


def test_the_page_speaks_english(client, regional_observatory, two_networks):
    response = get(client, "/en/observatorio/")
    assert response.status_code == 200
    assert "Comparable indicators by network" in response.content.decode()


# --- Small groups -----------------------------------------------------------------------------


def test_self_assessment_figures_need_three_organisations(
    client, regional_observatory, default_network, other_network
):
    cr = make_members(3)
    for organization, score in zip(cr, (70, 80, 90), strict=True):
        assessed(organization, score)
    with activate(other_network):
        ec = make_members(2)
        assessed(ec[0], 11)
        assessed(ec[1], 13)

    data = regional_data()
    shown, hidden = row_of(data, default_network)["assessments"], row_of(data, other_network)["assessments"]
    assert (shown["suppressed"], str(shown["average"]), shown["organizations"]) == (False, "80.0", 3)
    assert (hidden["suppressed"], hidden["average"], hidden["organizations"]) == (True, None, 2)
    assert hidden["maturity"] == [None] * len(hidden["maturity"])
    # The regional total minus Costa Rica's would give Ecuador's two companies away: suppressed too.
    assert data["totals"]["assessments"]["suppressed"] is True
    assert data["totals"]["assessments"]["average"] is None

    html = get(client, OBSERVATORY).content.decode()
    assert "no hay suficientes datos" in html
    assert "12.0" not in html and "12,0" not in html  # Ecuador's average
    rows = list(
        csv.DictReader(io.StringIO(get(client, OBSERVATORY + "data/networks/csv/").content.decode("utf-8-sig")))
    )
    by_network = {row["network"]: row for row in rows}
    assert by_network["ecuador"]["assessment_suppressed"] == "1"
    assert by_network["ecuador"]["assessment_average"] == ""
    assert by_network["ecuador"]["maturity_developing"] == ""
    assert by_network["regional"]["assessment_average"] == ""
    assert by_network[default_network.slug]["assessment_average"] == "80.0"

    with activate(other_network):
        assessed(OrganizationFactory(), 12)
    invalidate()
    data = regional_data()
    assert row_of(data, other_network)["assessments"]["average"] is not None
    assert str(row_of(data, other_network)["assessments"]["average"]) == "12.0"
    assert data["totals"]["assessments"]["suppressed"] is False
    assert str(data["totals"]["assessments"]["average"]) == "46.0"  # (70+80+90+11+13+12) / 6


# --- Open data --------------------------------------------------------------------------------


@pytest.fixture
def hostile(other_network):
    """Names that a spreadsheet program would run as formulas."""
    with activate(other_network):
        organization = OrganizationFactory(name='=HYPERLINK("http://example.org/robo","Ver")')
        ApprovedCommitmentFactory(organization=organization, title="+SUMA(A1:A9)", indicator_name="@indicador")
    return organization


@pytest.mark.parametrize("name", ["networks", "areas", "factors", "commitments"])
def test_every_download_opens_as_csv_and_xlsx(client, regional_observatory, two_networks, hostile, name):
    response = get(client, f"{OBSERVATORY}data/{name}/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"iniciativa-regional-{name}.csv" in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) > 1
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)

    response = get(client, f"{OBSERVATORY}data/{name}/xlsx/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == rows[0]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_the_commitments_list_neutralises_formulas_and_names_the_network(
    client, regional_observatory, two_networks, hostile
):
    response = get(client, OBSERVATORY + "data/commitments/csv/")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    hostile_row = next(row for row in rows if "HYPERLINK" in row["organization"])
    assert hostile_row["organization"] == '\'=HYPERLINK("http://example.org/robo","Ver")'
    assert hostile_row["title"] == "'+SUMA(A1:A9)"
    assert hostile_row["indicator"] == "'@indicador"
    assert (hostile_row["network"], hostile_row["country"]) == ("ecuador", "EC")
    assert {row["network"] for row in rows} == {"ecuador", two_networks["cr"][0].network.slug}
    assert len(rows) == 5  # public approved commitments only
    assert all(SECRET not in value for row in rows for value in row.values())
    assert hostile_row["thematic_area_code"] == "education" and hostile_row["thematic_area"] == "Educación"

    sheet = load_workbook(io.BytesIO(get(client, OBSERVATORY + "data/commitments/xlsx/").content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    values = [
        row[header.index("organization")] for row in sheet.iter_rows(min_row=2) if "HYPERLINK" in str(row[3].value)
    ]
    assert values and values[0].data_type == "s" and values[0].value.startswith("=HYPERLINK")


def test_unknown_files_and_formats_are_not_found(client, regional_observatory):
    assert_not_found(get(client, OBSERVATORY + "data/secretos/csv/"))
    assert_not_found(get(client, OBSERVATORY + "data/networks/pdf/"))
    assert_not_found(get(client, OBSERVATORY + "data/networks/json/"))


def test_the_regional_files_are_not_served_on_a_national_site(client, regional_observatory, other_network):
    assert_not_found(get(client, OBSERVATORY, host="ecuador.localhost"))
    assert_not_found(get(client, OBSERVATORY + "data/commitments/csv/", host="ecuador.localhost"))
    assert_not_found(get(client, OBSERVATORY + "data/networks/csv/", host="testserver"))


def test_the_data_dictionary_describes_every_column_of_every_file(client, regional_observatory, two_networks):
    response = get(client, OBSERVATORY + "data/dictionary/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "diccionario de datos" in html.lower()
    for name in ("networks", "areas", "factors", "commitments"):
        header = next(
            csv.reader(io.StringIO(get(client, f"{OBSERVATORY}data/{name}/csv/").content.decode("utf-8-sig")))
        )
        for column in header:
            assert f"<code>{column}</code>" in html, (name, column)
    assert "<td></td>" not in html  # every column has its meaning


def test_the_files_follow_the_filters(client, regional_observatory, two_networks):
    response = get(client, OBSERVATORY + "data/areas/csv/?area=value_chain&year=nonsense")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    regional = {row["thematic_area"]: int(row["commitments"]) for row in rows if row["network"] == "regional"}
    assert regional["value_chain"] == 1 and regional["education"] == 0


# --- Query counts -----------------------------------------------------------------------------


def network_with_data(number):
    network = NetworkFactory(slug=f"red-prueba-{number}", short_name=f"País {number}", country="PA")
    with activate(network):
        organizations = make_members(3)
        for organization in organizations:
            ApprovedCommitmentFactory(organization=organization)
            assessed(organization, 60 + number)
    return network


def queries_of(client, path):
    get(client, path)  # Wagtail's own caches (site root paths, content types) settle after new sites
    invalidate()  # what the first visitor after a change costs: every aggregate built again
    with CaptureQueriesContext(connection) as queries:
        response = get(client, path)
    assert response.status_code == 200, path
    return len(queries)


@pytest.mark.parametrize(
    "path", [OBSERVATORY, OBSERVATORY + "data/networks/csv/", OBSERVATORY + "data/areas/csv/", "/es/"]
)
def test_query_counts_stay_flat_with_the_number_of_networks(client, regional_observatory, default_network, path):
    for organization in make_members(3):
        ApprovedCommitmentFactory(organization=organization)
        assessed(organization, 70)
    with_one = queries_of(client, path)
    network_with_data(2)
    network_with_data(3)
    with_three = queries_of(client, path)
    assert with_three == with_one, (with_one, with_three)
    data = regional_data()
    assert data["totals"]["networks"] == 3 and data["totals"]["commitments"] == 9


def test_the_page_costs_no_aggregate_query_once_built(client, regional_observatory, two_networks):
    get(client, OBSERVATORY)  # (creates the site's settings, which moves the generation on)
    get(client, OBSERVATORY)
    with CaptureQueriesContext(connection) as queries:
        assert get(client, OBSERVATORY).status_code == 200
    grouped = [q["sql"] for q in queries if "GROUP BY" in q["sql"]]
    assert not grouped


def test_a_sector_filter_narrows_the_self_assessments_and_suppresses_what_gets_small(default_network):
    for organization, sector in zip(make_members(3), ("agriculture", "agriculture", "commerce"), strict=True):
        organization.sector = sector
        organization.save()
        assessed(organization, 70)
    assert row_of(regional_data(), default_network)["assessments"]["suppressed"] is False
    cell = row_of(regional_data({"sector": "agriculture"}), default_network)["assessments"]
    assert (cell["organizations"], cell["suppressed"], cell["average"]) == (2, True, None)
