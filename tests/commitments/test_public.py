"""The public side: observatory, open data, member profile section and key figures."""

import csv
import datetime
import io
import json

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Site

from commitments.models import Commitment, CommitmentsSettings, CommitmentStatus, ObservatoryPage, ReportStatus
from commitments.observatory import aggregates, compute
from commitments.views import key_figures as commitments_key_figures
from commitments.views import profile_sections as commitments_profile_section
from members.models import MembershipStatus, Sector
from network_site.page_cache import invalidate
from tests.members.factories import OrganizationFactory

from .factories import ApprovedCommitmentFactory, CommitmentFactory

SECRET = "PLATANO-SECRETO-4242"


@pytest.fixture
def observatory(db):
    root = Site.objects.get(is_default_site=True).root_page
    page = ObservatoryPage(title="Observatorio", slug="observatorio", intro="<p>Cifras de la Red</p>")
    root.add_child(instance=page)
    return page


@pytest.fixture
def data(organization, other_organization, staff_user, representative):
    """Public approved data, plus drafts, returned, submitted and private ones with a distinctive value."""
    other_organization.sector = Sector.AGRICULTURE
    other_organization.save()
    public = ApprovedCommitmentFactory(organization=organization, title="Becas públicas para hijos de colaboradores")
    achieved = ApprovedCommitmentFactory(
        organization=other_organization, thematic_area="value_chain", title="Cláusulas con proveedores"
    )
    achieved.transition_to(CommitmentStatus.ACHIEVED, user=staff_user)
    report = public.reports.get(period="2024-Q1")
    report.value, report.narrative = 10, "Diez becas"
    report.save()
    report.transition_to("submitted", user=representative)
    report.transition_to("approved", user=staff_user)
    # Everything below carries SECRET and must never be seen by the public.
    CommitmentFactory(organization=organization, title=f"Borrador {SECRET}", indicator_name=SECRET)
    returned = CommitmentFactory(organization=organization, title=f"Devuelto {SECRET}")
    returned.transition_to("submitted", user=representative)
    returned.transition_to("draft", user=staff_user, comment="Corregir")
    submitted = CommitmentFactory(organization=organization, title=f"Enviado {SECRET}")
    submitted.transition_to("submitted", user=representative)
    ApprovedCommitmentFactory(organization=organization, title=f"Privado {SECRET}", is_public=False)
    draft_report = public.reports.get(period="2024-Q2")
    draft_report.value, draft_report.narrative = 987654, SECRET
    draft_report.save()
    returned_report = public.reports.get(period="2024-Q3")
    returned_report.value, returned_report.narrative = 987654, SECRET
    returned_report.save()
    returned_report.transition_to("submitted", user=representative)
    returned_report.transition_to("returned", user=staff_user, comment="No")
    return {"public": public, "achieved": achieved}


def test_observatory_shows_only_public_approved_data(client, observatory, data):
    response = client.get(observatory.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Cifras de la Red" in content
    assert SECRET not in content and "987654" not in content
    assert "<svg" in content and "<caption>" in content  # charts with their tables
    totals = compute({})["totals"]
    assert totals["commitments"] == 2
    assert totals["achieved"] == 1 and totals["share_achieved"] == 100
    assert totals["reports"] == 1
    assert "2024-Q1" in content


def test_open_data_never_contains_unapproved_or_private_data(client, data):
    csv_body = b"".join(client.get(reverse("commitments:commitments_csv")).streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(csv_body)))
    assert {r["title"] for r in rows} == {"Becas públicas para hijos de colaboradores", "Cláusulas con proveedores"}
    public_row = next(r for r in rows if r["title"].startswith("Becas"))
    assert public_row["latest_period"] == "2024-Q1" and public_row["latest_value"] in ("10", "10.00")
    assert SECRET not in csv_body and "987654" not in csv_body

    json_body = client.get(reverse("commitments:commitments_json")).content.decode()
    assert len(json.loads(json_body)["commitments"]) == 2
    assert SECRET not in json_body and "987654" not in json_body

    for name in ("commitments:aggregates_csv", "commitments:aggregates_json"):
        response = client.get(reverse(name))
        body = (b"".join(response.streaming_content) if response.streaming else response.content).decode("utf-8-sig")
        assert SECRET not in body and "987654" not in body
    aggregates_json = json.loads(client.get(reverse("commitments:aggregates_json")).content)
    assert aggregates_json["totals"]["commitments"] == 2
    dictionary = client.get(reverse("commitments:data_dictionary")).content.decode()
    assert "latest_value" in dictionary and "share_achieved" in dictionary


def test_member_profile_section_and_key_figures(rf, organization, data):
    request = rf.get("/")
    [(template, context)] = commitments_profile_section(request, organization)
    titles = [c.title for c in context["commitments"]]
    assert titles == ["Becas públicas para hijos de colaboradores"]
    assert context["commitments"][0].latest_period == "2024-Q1"
    assert "compliance" not in context
    from django.template.loader import render_to_string

    html = render_to_string(template, context)
    assert SECRET not in html and "Diez" not in html and "2024-Q1" in html

    settings_obj = CommitmentsSettings.for_site(Site.objects.get(is_default_site=True))
    settings_obj.show_compliance_publicly = True
    settings_obj.save()
    [(template, context)] = commitments_profile_section(rf.get("/"), organization)
    assert context["compliance"] == "overdue"

    figures = {str(f.label): f.value for f in commitments_key_figures(request)}
    assert 2 in figures.values() and "100 %" in figures.values()


def test_observatory_filters(client, observatory, data):
    assert compute({"sector": Sector.AGRICULTURE})["totals"]["commitments"] == 1
    assert compute({"area": "education"})["totals"]["commitments"] == 1
    assert compute({"year": 2030})["totals"]["commitments"] == 0
    response = client.get(observatory.url + "?sector=agriculture&year=nonsense")
    assert response.status_code == 200


def test_cache_is_invalidated_when_data_changes(data, staff_user, representative, organization):
    before = aggregates({})["totals"]["commitments"]
    assert aggregates({})["totals"]["commitments"] == before  # cached
    new = CommitmentFactory(organization=organization)
    new.transition_to("submitted", user=representative)
    assert aggregates({})["totals"]["commitments"] == before
    new.transition_to("approved", user=staff_user)
    assert aggregates({})["totals"]["commitments"] == before + 1
    organization.membership_status = MembershipStatus.SUSPENDED
    organization.save()
    assert aggregates({})["totals"]["commitments"] == 1  # only the other member's


def _bulk_public_commitments(count, organizations):
    today = timezone.now()
    Commitment.objects.bulk_create(
        [
            Commitment(
                organization=organizations[i % len(organizations)],
                reference=f"B-{i:06d}",
                title=f"Compromiso {i}",
                thematic_area=["education", "health", "value_chain"][i % 3],
                acceleration_factor=["education", "informality"][i % 2],
                indicator_name="x",
                target=10,
                start_date=datetime.date(2024, 1, 1),
                end_date=datetime.date(2025, 12, 31),
                status=CommitmentStatus.APPROVED,
                approved_at=today,
            )
            for i in range(count)
        ]
    )


def test_observatory_query_count_does_not_grow_with_data(client, observatory, organization):
    organizations = [organization, *OrganizationFactory.create_batch(3)]
    _bulk_public_commitments(10, organizations)
    client.get(observatory.url)  # warm Wagtail's own per-site caches
    invalidate()
    with CaptureQueriesContext(connection) as small:
        assert client.get(observatory.url).status_code == 200
    Commitment.objects.all().delete()
    _bulk_public_commitments(1000, organizations)
    client.get(observatory.url)  # other apps' caches (menus...) settle after the change
    invalidate()  # the cached data (aggregates, sections) are built again
    with CaptureQueriesContext(connection) as large:
        response = client.get(observatory.url)
    assert response.status_code == 200
    assert compute({})["totals"]["commitments"] == 1000
    assert len(small) == len(large), [q["sql"][:120] for q in large.captured_queries]


def test_profile_section_query_count_is_fixed(rf, organization, staff_user):
    ApprovedCommitmentFactory(organization=organization)
    commitments_profile_section(rf.get("/"), organization)  # creates the settings row once
    with CaptureQueriesContext(connection) as small:
        commitments_profile_section(rf.get("/"), organization)
    for _ in range(4):
        ApprovedCommitmentFactory(organization=organization)
    with CaptureQueriesContext(connection) as large:
        commitments_profile_section(rf.get("/"), organization)
    assert len(small) == len(large)


def test_reports_on_time_only_counts_approved(organization, representative, staff_user):
    commitment = ApprovedCommitmentFactory(organization=organization)
    report = commitment.reports.get(period="2024-Q1")
    report.value = 3
    report.save()
    report.transition_to("submitted", user=representative)
    assert compute({})["totals"]["reports"] == 0
    report.transition_to("approved", user=staff_user)
    totals = compute({})["totals"]
    assert totals["reports"] == 1 and totals["on_time"] == 0  # filed long after its deadline
    assert report.status == ReportStatus.APPROVED


def test_anyone_can_type_a_certificate_code(client, db):
    response = client.get("/es/commitments/verify/")
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()
    response = client.get("/es/commitments/verify/", {"code": " ABC 123 "})
    assert response.status_code == 302
    assert response["Location"] == "/es/commitments/verify/ABC123/"
    response = client.get(response["Location"])
    assert response.status_code == 404
    assert 'value="ABC123"' in response.content.decode()


def test_aggregates_are_kept_per_language(data):
    from django.utils import translation

    with translation.override("es"):
        spanish = {row["key"]: row["label"] for row in aggregates({})["by_area"]}
    with translation.override("en"):
        english = {row["key"]: row["label"] for row in aggregates({})["by_area"]}
    assert spanish["value_chain"] == "Cadena de valor"
    assert english["value_chain"] == "Value chain"
