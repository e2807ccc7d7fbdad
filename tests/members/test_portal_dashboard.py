# ruff: noqa: F811  (pytest fixtures imported from tests/members/portal_support.py are redefined as test arguments)
"""The portal dashboard: status, what is due, recent activity, panels, fixed query count."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail import hooks
from wagtail.log_actions import log

from members.models import MembershipStatus, PortalRole
from network_site.hooks import DashboardPanel, DueItem
from tests.members.factories import OrganizationFactory, PersonFactory, PortalAccountFactory
from tests.members.portal_support import clear_rate_limits, members_hooks_only  # noqa: F401 (fixtures)
from tests.network_site.factories import StaffUserFactory

DASHBOARD = "/portal/"

pytestmark = pytest.mark.django_db


def test_dashboard_url_is_the_portal_root():
    assert reverse("members_portal:dashboard") == DASHBOARD


def test_anonymous_user_is_sent_to_the_login(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_dashboard_shows_the_organisation_status_and_role(members_hooks_only, representative_client, organization):
    html = representative_client.get(DASHBOARD).content.decode()
    assert organization.name in html
    assert '<span class="badge badge--active">' in html
    assert "Activo" in html  # Spanish by default
    assert "Representante" in html


def test_partner_institution_shows_a_partner_badge(members_hooks_only, client):
    partner = OrganizationFactory(name="UNICEF", is_partner=True, membership_status=MembershipStatus.APPLICANT)
    user = PortalAccountFactory(organization=partner, role=PortalRole.OBSERVER).user
    client.force_login(user)
    html = client.get(DASHBOARD).content.decode()
    assert "badge--partner" in html
    assert "Institución aliada" in html


def test_what_is_due_merges_every_panel_overdue_first(members_hooks_only, representative_client):
    today = datetime.date.today()

    def extra_panels(request, account):
        return [
            DashboardPanel(
                title="Panel de prueba",
                template_name="members/portal/includes/form_errors.html",
                order=50,
                due=[
                    DueItem(title="Informe del segundo trimestre", due_date=today + datetime.timedelta(days=7)),
                    DueItem(
                        title="Informe del primer trimestre", due_date=today - datetime.timedelta(days=3), overdue=True
                    ),
                ],
            )
        ]

    with hooks.register_temporarily("portal_dashboard_panels", extra_panels):
        html = representative_client.get(DASHBOARD).content.decode()
    due_section = html.split('id="due-heading"')[1].split('id="activity-heading"')[0]
    assert due_section.index("Informe del primer trimestre") < due_section.index("Informe del segundo trimestre")
    assert "due-item--overdue" in due_section
    assert "Vencido" in due_section
    assert "Panel de prueba" in html


def test_members_panel_asks_for_a_complete_profile_and_a_focal_point(
    members_hooks_only, representative_client, organization
):
    organization.description = ""
    organization.save()
    html = representative_client.get(DASHBOARD).content.decode()
    due_section = html.split('id="due-heading"')[1].split('id="activity-heading"')[0]
    assert "Complete el perfil público de su organización" in due_section
    assert "Designe un punto focal entre sus contactos" in due_section

    organization.description = "Empresa comprometida."
    organization.save()
    PersonFactory(organization=organization, is_focal_point=True)
    html = representative_client.get(DASHBOARD).content.decode()
    due_section = html.split('id="due-heading"')[1].split('id="activity-heading"')[0]
    assert "punto focal" not in due_section


def test_recent_activity_lists_entries_about_the_organisation_and_its_objects(
    members_hooks_only, representative_client, organization, other_organization, staff_user
):
    own_person = PersonFactory(organization=organization, name="Contacto Propio Registrado")
    other_person = PersonFactory(organization=other_organization, name="Contacto Ajeno Registrado")
    log(instance=own_person, action="wagtail.create", user=staff_user)
    log(instance=other_person, action="wagtail.create", user=staff_user)
    log(instance=organization, action="wagtail.edit", user=staff_user)
    log(instance=other_organization, action="wagtail.edit", user=staff_user)

    html = representative_client.get(DASHBOARD).content.decode()
    activity = html.split('id="activity-heading"')[1]
    assert "Contacto Propio Registrado" in activity
    assert organization.name in activity
    assert "Contacto Ajeno Registrado" not in activity
    assert other_organization.name not in activity


def test_staff_without_portal_account_get_a_clear_page_with_a_link_to_the_admin(staff_client):
    response = staff_client.get(DASHBOARD)
    assert response.status_code == 403
    html = response.content.decode()
    assert "El portal es para las organizaciones miembro" in html
    assert 'href="/admin/"' in html


def test_user_without_portal_account_is_told_to_ask_for_an_invitation(client, django_user_model):
    user = django_user_model.objects.create_user(email="suelto@example.org", password="clave-de-prueba-123")
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.status_code == 403
    assert 'href="/admin/"' not in response.content.decode()


def _grow(organization, other_organization, n):
    staff = StaffUserFactory()
    for i in range(n):
        person = PersonFactory(organization=organization, is_focal_point=i == 0)
        log(instance=person, action="wagtail.create", user=staff)
        PersonFactory(organization=other_organization)
        PortalAccountFactory(organization=organization, role=PortalRole.CONTRIBUTOR)
        log(instance=organization, action="wagtail.edit", user=staff)


def test_dashboard_query_count_does_not_grow_with_the_data(
    members_hooks_only, representative_client, organization, other_organization
):
    _grow(organization, other_organization, 2)
    representative_client.get(DASHBOARD)  # warm caches (content types, site)
    with CaptureQueriesContext(connection) as small:
        assert representative_client.get(DASHBOARD).status_code == 200
    _grow(organization, other_organization, 25)
    representative_client.get(DASHBOARD)  # new data moved the cache generation on: warm again
    with CaptureQueriesContext(connection) as large:
        assert representative_client.get(DASHBOARD).status_code == 200
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]


def test_dashboard_with_every_app_panel_keeps_a_fixed_query_count(
    representative_client, organization, other_organization
):
    """Integration: all apps' panels and menu items together still run a fixed number of queries."""
    _grow(organization, other_organization, 2)
    representative_client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as small:
        assert representative_client.get(DASHBOARD).status_code == 200
    _grow(organization, other_organization, 15)
    representative_client.get(DASHBOARD)  # new data moved the cache generation on: warm again
    with CaptureQueriesContext(connection) as large:
        assert representative_client.get(DASHBOARD).status_code == 200
    assert len(large) == len(small)
