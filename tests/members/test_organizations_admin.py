"""The secretariat's organisation admin: listing, filters, inspect with history, status changes, bulk actions."""

import pytest

from wagtail.models import ModelLogEntry

from members.models import MembershipStatus, Organization, Sector
from tests.members.factories import OrganizationFactory, PersonFactory, PortalAccountFactory

pytestmark = pytest.mark.django_db


def test_listing_search_and_filters(staff_client):
    OrganizationFactory(name="Banco Uno", sector=Sector.FINANCE)
    OrganizationFactory(name="Hotel Dos", sector=Sector.TOURISM, membership_status=MembershipStatus.SUSPENDED)
    OrganizationFactory(name="UNICEF", is_partner=True)
    content = staff_client.get("/admin/network/organizations/").content.decode()
    assert "Banco Uno" in content and "Hotel Dos" in content and "UNICEF" in content
    content = staff_client.get("/admin/network/organizations/?sector=finance").content.decode()
    assert "Banco Uno" in content and "Hotel Dos" not in content
    content = staff_client.get("/admin/network/organizations/?membership_status=suspended").content.decode()
    assert "Hotel Dos" in content and "Banco Uno" not in content
    content = staff_client.get("/admin/network/organizations/?is_partner=true").content.decode()
    assert "UNICEF" in content and "Banco Uno" not in content
    content = staff_client.get("/admin/network/organizations/?q=hotel").content.decode()
    assert "Hotel Dos" in content and "Banco Uno" not in content
    # The bulk actions are offered in the listing.
    content = staff_client.get("/admin/network/organizations/").content.decode()
    assert "/admin/bulk/members/organization/activate/" in content
    assert "/admin/bulk/members/organization/suspend/" in content


def test_inspect_shows_history_people_and_accounts(staff_client, staff_user):
    organization = OrganizationFactory(name="Empresa Historia", membership_status=MembershipStatus.ACTIVE)
    organization.transition_to(MembershipStatus.SUSPENDED, user=staff_user, comment="No presentó informes.")
    PersonFactory(organization=organization, name="Rosa Contacto", email="rosa@historia.example.org")
    PortalAccountFactory(organization=organization, user__email="cuenta@historia.example.org")
    response = staff_client.get(f"/admin/network/organizations/inspect/{organization.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "No presentó informes." in content
    assert "Suspendido" in content
    assert "rosa@historia.example.org" in content
    assert "cuenta@historia.example.org" in content
    assert f"/admin/network/organizations/change-status/{organization.pk}/" in content


def test_change_status_with_reason_is_recorded(staff_client, staff_user):
    organization = OrganizationFactory(membership_status=MembershipStatus.ACTIVE)
    url = f"/admin/network/organizations/change-status/{organization.pk}/"
    response = staff_client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="suspended"' in content and 'value="withdrawn"' in content
    assert 'value="applicant"' not in content
    # A reason is required; nothing changes without it.
    response = staff_client.post(url, {"status": "suspended", "reason": ""})
    assert response.status_code == 200
    organization.refresh_from_db()
    assert organization.membership_status == MembershipStatus.ACTIVE
    # An impossible transition is refused.
    response = staff_client.post(url, {"status": "applicant", "reason": "x"})
    assert response.status_code == 200
    response = staff_client.post(url, {"status": "suspended", "reason": "Sin informes en un año."})
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.membership_status == MembershipStatus.SUSPENDED
    entry = ModelLogEntry.objects.get(action="lifecycle.transition", object_id=str(organization.pk))
    assert (entry.data["from"], entry.data["to"], entry.data["comment"], entry.user) == (
        "active",
        "suspended",
        "Sin informes en un año.",
        staff_user,
    )
    assert list(organization.history()) == [entry]
    history = staff_client.get(f"/admin/network/organizations/history/{organization.pk}/")
    assert history.status_code == 200
    assert "Estado cambiado de «Activo» a «Suspendido»" in history.content.decode()


def test_partner_institutions_have_no_status_to_change(staff_client):
    partner = OrganizationFactory(name="OIT", is_partner=True)
    response = staff_client.get(f"/admin/network/organizations/change-status/{partner.pk}/")
    assert response.status_code == 302
    response = staff_client.post(
        f"/admin/network/organizations/change-status/{partner.pk}/", {"status": "suspended", "reason": "x"}
    )
    partner.refresh_from_db()
    assert partner.membership_status == MembershipStatus.ACTIVE
    assert not partner.history().exists()


def test_bulk_suspend_and_activate_with_reason(staff_client, staff_user):
    first = OrganizationFactory(membership_status=MembershipStatus.ACTIVE)
    second = OrganizationFactory(membership_status=MembershipStatus.ACTIVE)
    withdrawn_partner = OrganizationFactory(is_partner=True)
    url = f"/admin/bulk/members/organization/suspend/?id={first.pk}&id={second.pk}&id={withdrawn_partner.pk}"
    response = staff_client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert first.name in content and withdrawn_partner.name in content
    response = staff_client.post(url, {"reason": ""})
    assert response.status_code == 200  # the reason is required
    assert Organization.objects.filter(membership_status=MembershipStatus.SUSPENDED).count() == 0
    response = staff_client.post(url, {"reason": "Cuotas pendientes."})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    withdrawn_partner.refresh_from_db()
    assert first.membership_status == second.membership_status == MembershipStatus.SUSPENDED
    assert withdrawn_partner.membership_status == MembershipStatus.ACTIVE
    entries = ModelLogEntry.objects.filter(action="lifecycle.transition")
    assert [(e.data["comment"], e.user) for e in entries] == [("Cuotas pendientes.", staff_user)] * 2
    url = f"/admin/bulk/members/organization/activate/?id={first.pk}"
    response = staff_client.post(url, {"reason": "Al día."})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.membership_status == MembershipStatus.ACTIVE


def test_edit_and_create_are_in_the_audit_log(staff_client):
    organization = OrganizationFactory(name="Antes")
    response = staff_client.get(f"/admin/network/organizations/edit/{organization.pk}/")
    assert response.status_code == 200
    assert 'name="membership_status"' not in response.content.decode()  # only through "change status"
    data = {
        "name": "Después",
        "short_name": organization.short_name,
        "slug": organization.slug,
        "kind": "company",
        "sector": "finance",
        "size": "",
        "scope": "national",
        "region": "",
        "website": "",
        "description": "",
        "tax_id": "",
        "date_joined": "",
    }
    response = staff_client.post(f"/admin/network/organizations/edit/{organization.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    organization.refresh_from_db()
    assert organization.name == "Después"
    assert ModelLogEntry.objects.filter(action="wagtail.edit", object_id=str(organization.pk)).exists()


def test_people_admin_lists_and_searches(staff_client):
    PersonFactory(name="Carla Buscada", email="carla@example.org")
    PersonFactory(name="Otro Nombre")
    content = staff_client.get("/admin/network/people/?q=carla").content.decode()
    assert "Carla Buscada" in content and "Otro Nombre" not in content


def test_an_editor_without_the_members_permission_cannot_change_memberships(client):
    """The lifecycle itself asks for members.change_organization: an admin user without it (an
    editor of the news) suspends nobody, through the bulk action or the model."""
    from django.contrib.auth.models import Group, Permission

    from tests.network_site.factories import NetworkStaffUserFactory

    editors = Group.objects.create(name="Comunicación (prueba)")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor = NetworkStaffUserFactory()
    editor.groups.add(editors)
    organization = OrganizationFactory(membership_status=MembershipStatus.ACTIVE)
    assert not organization.can_transition_to(MembershipStatus.SUSPENDED, editor)
    client.force_login(editor)
    client.post(f"/admin/bulk/members/organization/suspend/?id={organization.pk}", {"reason": "Sin permiso."})
    organization.refresh_from_db()
    assert organization.membership_status == MembershipStatus.ACTIVE
    assert not organization.history().exists()
