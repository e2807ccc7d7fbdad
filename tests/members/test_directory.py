"""The public member directory, each member's profile, the profile URL and the home page's key figures."""

import io
from pathlib import Path

import pytest
from PIL import Image as PILImage

from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail import hooks
from wagtail.images import get_image_model

from members.models import MembershipStatus, OrganizationKind, Sector
from members.views import key_figures as members_key_figures
from network_site.hooks import MEMBER_PROFILE_SECTIONS
from tests.members.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def make_logo(name):
    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 150), (11, 79, 108)).save(buffer, "PNG")
    return get_image_model().objects.create(title=name, file=ImageFile(buffer, name=f"{name}.png"))


def test_lists_only_active_members(client, directory_page):
    OrganizationFactory(name="Activa Uno")
    OrganizationFactory(name="Suspendida Dos", membership_status=MembershipStatus.SUSPENDED)
    OrganizationFactory(name="Solicitante Tres", membership_status=MembershipStatus.APPLICANT)
    OrganizationFactory(name="UNICEF Aliada", is_partner=True)
    content = client.get(directory_page.url).content.decode()
    assert "Activa Uno" in content
    assert "Suspendida Dos" not in content
    assert "Solicitante Tres" not in content
    assert "UNICEF Aliada" not in content
    assert "1 miembro" in content


def test_filters_by_sector_kind_and_search(client, directory_page):
    OrganizationFactory(name="Banco Rural", sector=Sector.FINANCE, kind=OrganizationKind.COMPANY)
    OrganizationFactory(name="Cámara de Turismo", sector=Sector.TOURISM, kind=OrganizationKind.CHAMBER)
    OrganizationFactory(name="Cooperativa Cafetalera", sector=Sector.AGRICULTURE, kind=OrganizationKind.COOPERATIVE)
    url = directory_page.url
    content = client.get(url, {"sector": "finance"}).content.decode()
    assert "Banco Rural" in content and "Cámara de Turismo" not in content
    content = client.get(url, {"kind": "chamber"}).content.decode()
    assert "Cámara de Turismo" in content and "Banco Rural" not in content
    content = client.get(url, {"q": "cafetal"}).content.decode()
    assert "Cooperativa Cafetalera" in content and "Banco Rural" not in content
    # Unknown filter values are ignored rather than failing.
    content = client.get(url, {"sector": "mining", "kind": "<script>"}).content.decode()
    assert "Banco Rural" in content and "<script>" not in content


@pytest.mark.parametrize("page", ["2", "999", "abc", "-1", ""])
def test_paging_never_errors(client, directory_page, page):
    for number in range(7):
        OrganizationFactory(name=f"Miembro {number:02d}")
    response = client.get(directory_page.url, {"page": page})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Página" in content


def test_paging_keeps_the_filters(client, directory_page):
    for number in range(7):
        OrganizationFactory(name=f"Financiera {number:02d}", sector=Sector.FINANCE)
    content = client.get(directory_page.url, {"sector": "finance"}).content.decode()
    assert "?sector=finance&amp;page=2" in content
    content = client.get(directory_page.url, {"sector": "finance", "page": "2"}).content.decode()
    assert "Financiera 06" in content and "Financiera 00" not in content


def _directory_queries(client, url):
    for _warm_up in range(2):  # warm the caches (site root paths, renditions, the layout's data)
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_directory_query_count_does_not_grow_with_members(client, directory_page):
    for number in range(2):
        OrganizationFactory(name=f"Pocos {number}", logo=make_logo(f"pocos-{number}"))
    small = _directory_queries(client, directory_page.url)
    for number in range(8):
        OrganizationFactory(name=f"Muchos {number}", logo=make_logo(f"muchos-{number}"))
    directory_page.per_page = 20
    directory_page.save_revision().publish()
    large = _directory_queries(client, directory_page.url)
    assert small == large


def test_profile_shows_public_data_and_never_contacts(client, directory_page):
    organization = OrganizationFactory(
        name="Nestlé Costa Rica",
        sector=Sector.AGROINDUSTRY,
        region="Heredia",
        description="Alimentos y bebidas.",
        tax_id="3-101-000000",
        logo=make_logo("nestle"),
    )
    PersonFactory(organization=organization, name="Persona Privada", email="privada@nestle.example.org", phone="8888")
    response = client.get(directory_page.url + f"{organization.slug}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nestlé Costa Rica" in content
    assert "Agroindustria" in content
    assert "Heredia" in content
    assert "Alimentos y bebidas." in content
    assert "Miembro desde" in content
    assert "<img" in content
    assert "Persona Privada" not in content
    assert "privada@nestle.example.org" not in content
    assert "3-101-000000" not in content


@pytest.mark.parametrize(
    "fields",
    [
        {"membership_status": MembershipStatus.SUSPENDED},
        {"membership_status": MembershipStatus.WITHDRAWN},
        {"membership_status": MembershipStatus.APPLICANT},
        {"is_partner": True},
    ],
)
def test_profile_of_a_non_active_organisation_is_404(client, directory_page, fields):
    organization = OrganizationFactory(**fields)
    assert client.get(directory_page.url + f"{organization.slug}/").status_code == 404


def test_unknown_profile_is_404(client, directory_page):
    assert client.get(directory_page.url + "no-existe/").status_code == 404


def test_profile_sections_from_other_apps(client, directory_page, settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], Path(__file__).parent / "templates"]}
    ]
    organization = OrganizationFactory(name="Con Secciones")

    def section(request, org):
        return [("members_tests/profile_section.html", {"greeting": f"Compromisos de {org.name}"})]

    with hooks.register_temporarily(MEMBER_PROFILE_SECTIONS, section):
        content = client.get(directory_page.url + f"{organization.slug}/").content.decode()
    assert "Compromisos de Con Secciones" in content


def test_get_absolute_url_finds_the_directory_without_queries(directory_page, django_assert_num_queries):
    organization = OrganizationFactory(slug="bncr")
    assert organization.get_absolute_url() == directory_page.url + "bncr/"
    with django_assert_num_queries(0):
        assert organization.get_absolute_url().endswith("/bncr/")


def test_get_absolute_url_follows_a_new_slug(client, directory_page):
    organization = OrganizationFactory(slug="aed")
    assert organization.get_absolute_url() == directory_page.url + "aed/"
    directory_page.slug = "empresas"
    directory_page.save_revision().publish()
    assert organization.get_absolute_url().endswith("/empresas/aed/")
    assert client.get(organization.get_absolute_url()).status_code == 200


def test_get_absolute_url_without_directory_is_empty(db):
    assert OrganizationFactory().get_absolute_url() == ""


def test_key_figures_count_active_members_and_sectors(rf, django_assert_num_queries):
    OrganizationFactory(sector=Sector.FINANCE)
    OrganizationFactory(sector=Sector.FINANCE)
    OrganizationFactory(sector=Sector.TOURISM)
    OrganizationFactory(sector=Sector.COMMERCE, membership_status=MembershipStatus.SUSPENDED)
    OrganizationFactory(sector=Sector.OTHER, is_partner=True)
    with django_assert_num_queries(1):
        figures = members_key_figures(rf.get("/"))
    values = {str(figure.label): figure.value for figure in figures}
    assert values == {"Miembros activos": 3, "Sectores representados": 2}


def test_profile_sections_are_kept_until_the_data_changes(client, directory_page):
    from tests.commitments.factories import ApprovedCommitmentFactory

    organization = OrganizationFactory(name="Con Compromisos")
    ApprovedCommitmentFactory(organization=organization, title="Becas para hijos de trabajadores", is_public=True)
    url = directory_page.url + f"{organization.slug}/"
    client.get(url)  # creates the site's settings rows: a new generation
    assert "Becas para hijos de trabajadores" in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as steady:
        client.get(url)
    assert not [q for q in steady.captured_queries if "commitments_commitment" in q["sql"]]
    ApprovedCommitmentFactory(organization=organization, title="Proveedores sin trabajo infantil", is_public=True)
    content = client.get(url).content.decode()
    assert "Becas para hijos de trabajadores" in content
    assert "Proveedores sin trabajo infantil" in content


def test_directory_listing_follows_changes(client, directory_page):
    OrganizationFactory(name="Banco Nacional")
    client.get(directory_page.url)
    assert "Banco Nacional" in client.get(directory_page.url).content.decode()
    organization = OrganizationFactory(name="Hotel Arenal")
    assert "Hotel Arenal" in client.get(directory_page.url).content.decode()
    organization.membership_status = MembershipStatus.SUSPENDED
    organization.save()
    assert "Hotel Arenal" not in client.get(directory_page.url).content.decode()


def test_a_member_suspended_after_its_profile_was_seen_answers_404(client, directory_page):
    organization = OrganizationFactory(name="Empresa Suspendida")
    url = directory_page.url + f"{organization.slug}/"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    organization.membership_status = MembershipStatus.SUSPENDED
    organization.save()
    assert client.get(url).status_code == 404
