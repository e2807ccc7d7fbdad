"""Data of two networks (Costa Rica, the default Site's, and Ecuador at ecuador.localhost) and the
regional site (regional.localhost), public and not, for the open-data API's tests."""

import datetime
import zoneinfo

import pytest

from wagtail.models import Page, Site

from commitments.models import CommitmentStatus, ReportStatus
from meetings.models import MeetingStatus
from members.models import MembershipStatus
from network_site.networks import activate
from tests.commitments.factories import ApprovedCommitmentFactory, CommitmentFactory, report_for
from tests.meetings.factories import AgendaItemFactory, InvitationFactory, MeetingFactory
from tests.members.factories import OrganizationFactory, PersonFactory

REGIONAL = "regional.localhost"
ECUADOR = "ecuador.localhost"
TZ = zoneinfo.ZoneInfo("America/Costa_Rica")


@pytest.fixture(autouse=True)
def _api_settings(settings, tmp_path):
    settings.ALLOWED_HOSTS = ["testserver", "localhost", ".localhost"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.API_THROTTLE_RATE = None  # tests that throttle set their own rate


@pytest.fixture
def regional_site(db):
    """The regional site: the Site no network owns."""
    root = Page.get_first_root_node().add_child(instance=Page(title="Iniciativa regional", slug="regional"))
    return Site.objects.create(hostname=REGIONAL, port=80, root_page=root, site_name="Iniciativa regional")


def get(client, path, host=None, **params):
    extra = {"HTTP_HOST": host} if host else {}
    return client.get(path, params, **extra)


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def approved(commitment, period, value, status=ReportStatus.APPROVED):
    """``commitment``'s report of ``period`` with ``value`` in ``status`` (set directly: set-up)."""
    report = report_for(commitment, period)
    report.value = value
    report.status = status
    report.narrative = "Narrativa interna de la empresa"
    report.save()
    return report


@pytest.fixture
def world(default_network, other_network):
    """Public and non-public records in both networks; returns them by name."""
    data = {}
    data["cr_member"] = OrganizationFactory(
        name="Cafetalera Tica S.A.", sector="agriculture", tax_id="3-101-999999", description="Café de altura."
    )
    PersonFactory(organization=data["cr_member"], email="gerente@cafetalera.example.org", phone="+506 8888 0000")
    data["cr_applicant"] = OrganizationFactory(name="Solicitante S.A.", membership_status=MembershipStatus.APPLICANT)
    data["cr_suspended"] = OrganizationFactory(name="Suspendida S.A.", membership_status=MembershipStatus.SUSPENDED)
    data["cr_partner"] = OrganizationFactory(name="OIT Oficina", is_partner=True)
    data["cr_public"] = ApprovedCommitmentFactory(organization=data["cr_member"], title="Becas públicas")
    approved(data["cr_public"], "2024-Q1", 10)
    approved(data["cr_public"], "2024-Q2", 15, status=ReportStatus.SUBMITTED)
    approved(data["cr_public"], "2024-Q3", 20, status=ReportStatus.RETURNED)
    data["cr_private"] = ApprovedCommitmentFactory(organization=data["cr_member"], title="Privado", is_public=False)
    data["cr_draft"] = CommitmentFactory(organization=data["cr_member"], title="Borrador")
    data["cr_submitted"] = CommitmentFactory(
        organization=data["cr_member"], title="Enviado", status=CommitmentStatus.SUBMITTED
    )
    data["cr_of_suspended"] = ApprovedCommitmentFactory(organization=data["cr_suspended"], title="De suspendida")
    start = datetime.datetime(2030, 3, 27, 9, 0, tzinfo=TZ)
    data["cr_meeting"] = MeetingFactory(title="Sesión pública", is_public=True, start=start)
    AgendaItemFactory(meeting=data["cr_meeting"], title="Bienvenida", presenters_text="Ana Pérez (MTSS)")
    InvitationFactory(meeting=data["cr_meeting"], organization=data["cr_member"])
    data["cr_internal"] = MeetingFactory(title="Sesión interna", is_public=False)
    data["cr_cancelled"] = MeetingFactory(title="Cancelada", is_public=True, status=MeetingStatus.CANCELLED)
    data["cr_minutes_draft"] = MeetingFactory(title="En actas", is_public=True, status=MeetingStatus.MINUTES_DRAFT)
    data["cr_published"] = MeetingFactory(
        title="Con actas publicadas",
        is_public=True,
        status=MeetingStatus.PUBLISHED,
        public_summary="<p>Resumen público</p>",
        general_conclusions="<p>Conclusiones internas</p>",
        start=datetime.datetime(2024, 3, 1, 9, 0, tzinfo=TZ),
    )
    with activate(other_network):
        data["ec_member"] = OrganizationFactory(name="Bananera Ecuatoriana S.A.", sector="agriculture")
        data["ec_public"] = ApprovedCommitmentFactory(organization=data["ec_member"], title="Becas en Ecuador")
        approved(data["ec_public"], "2024-Q1", 5)
        data["ec_meeting"] = MeetingFactory(title="Sesión de Ecuador", is_public=True)
    return data
