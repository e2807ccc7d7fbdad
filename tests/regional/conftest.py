"""The regional site served at regional.localhost (the Site no network owns), with its observatory."""

import pytest

from wagtail.models import Page, Site

from regional.models import RegionalHomePage, RegionalObservatoryPage
from supplychain.models import Assessment, Maturity, Questionnaire

HOST = "regional.localhost"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def regional_home(db):
    home = RegionalHomePage(
        title="Iniciativa Regional",
        slug="iniciativa-regional",
        hero_title="Iniciativa Regional América Latina y el Caribe libre de trabajo infantil",
        introduction="<p>Las redes de la región, juntas.</p>",
    )
    Page.get_first_root_node().add_child(instance=home)
    Site.objects.create(hostname=HOST, port=80, root_page=home, site_name="Iniciativa Regional de prueba")
    return home


@pytest.fixture
def regional_observatory(regional_home):
    page = RegionalObservatoryPage(title="Observatorio regional", slug="observatorio", intro="<p>Cifras</p>")
    regional_home.add_child(instance=page)
    return page


def get(client, path, host=HOST, **extra):
    return client.get(path, HTTP_HOST=host, **extra)


def assessed(organization, score, year=2025):
    """A submitted (scored) self-assessment of ``organization`` with this overall score."""
    questionnaire = Questionnaire.objects.filter(network=organization.network).first()
    if questionnaire is None:
        questionnaire = Questionnaire.objects.create(
            network=organization.network, code="prueba", name="Cuestionario de prueba", version=1
        )
    maturity = Maturity.ADVANCED if score >= 80 else Maturity.ESTABLISHED if score >= 60 else Maturity.DEVELOPING
    return Assessment.objects.create(
        organization=organization,
        year=year,
        questionnaire=questionnaire,
        status="submitted",
        overall_score=score,
        maturity=maturity,
    )
