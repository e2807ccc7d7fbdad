"""The network scope: default deny, one network per request, the admin's switcher."""

import pytest

from django.urls import reverse

from members.models import Organization
from network_site.models import StaffMembership
from network_site.networks import ScopeError, across, activate, scopes_disabled
from tests.helpers import assert_not_found
from tests.members.factories import OrganizationFactory
from tests.network_site.factories import NetworkFactory, NetworkStaffUserFactory

pytestmark = pytest.mark.django_db


def _give_admin(user, *codenames):
    from django.contrib.auth.models import Permission

    user.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", *codenames]))


def test_a_query_with_no_scope_fails_loudly(organization):
    """Outside activate()/across() a network-owned query refuses to run, wherever it was built."""
    from django_scopes import scope

    built_unscoped = Organization.objects.filter(name__icontains="propia")
    with scope():  # a scope on no network at all: as a command that forgot to choose one
        with pytest.raises(ScopeError):
            list(Organization.objects.all())
        with pytest.raises(ScopeError):
            Organization.objects.count()
        with pytest.raises(ScopeError):
            Organization.objects.filter(pk=organization.pk).update(name="x")
        with pytest.raises(ScopeError):
            list(built_unscoped)
    organization.refresh_from_db()
    assert organization.name == "Empresa Propia S.A."


def test_a_queryset_takes_the_scope_it_runs_in(default_network, other_network, organization):
    with activate(other_network):
        OrganizationFactory(name="Florícola Andina S.A.")
    built_at_import_time = Organization.objects.order_by("name")
    with activate(default_network):
        assert [each.name for each in built_at_import_time.all()] == ["Empresa Propia S.A."]
    with activate(other_network):
        assert [each.name for each in built_at_import_time.all()] == ["Florícola Andina S.A."]
    with across([default_network, other_network]):
        assert built_at_import_time.all().count() == 2
    with across(None):
        assert built_at_import_time.all().count() == 2


def test_new_records_belong_to_the_active_network(other_network):
    with activate(other_network):
        created = OrganizationFactory(name="Bananera del Pacífico")
    assert created.network == other_network


def test_the_public_site_shows_only_its_networks_records(client, default_network, other_network):
    """The member directory of each Site lists its own network's members only."""
    from tests.members.factories import OrganizationFactory as Org

    Org(name="Miembro Costarricense", membership_status="active")
    with activate(other_network):
        Org(name="Miembro Ecuatoriano", membership_status="active")
    with scopes_disabled():
        assert Organization.objects.count() == 2
    from django.test import RequestFactory

    from network_site.networks import request_scope

    request = RequestFactory().get("/es/", HTTP_HOST="ecuador.localhost")
    request.session = {}
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with request_scope(request):
        assert list(Organization.objects.values_list("name", flat=True)) == ["Miembro Ecuatoriano"]
    assert request.network == other_network


def test_staff_see_only_their_networks_records_and_switch_between_them(
    client, default_network, other_network, organization
):
    with activate(other_network):
        theirs = OrganizationFactory(name="Bananera del Pacífico")
    staff = NetworkStaffUserFactory(email="secretaria-cr@example.org")
    _give_admin(staff, "view_organization", "change_organization")
    client.force_login(staff)
    listing = client.get(reverse("members_organizations:index"))
    assert "Empresa Propia" in listing.content.decode()
    assert "Bananera" not in listing.content.decode()
    assert_not_found(client.get(reverse("members_organizations:edit", args=[theirs.pk])))
    # Not a member of Ecuador's network: choosing it is refused, and nothing changes.
    refused = client.post(reverse("network_site_choose_network"), {"network": other_network.pk})
    assert refused.status_code == 302
    assert_not_found(client.get(reverse("members_organizations:edit", args=[theirs.pk])))
    # Once a member of both, the switcher moves between them.
    StaffMembership.objects.create(user=staff, network=other_network)
    client.post(reverse("network_site_choose_network"), {"network": other_network.pk})
    assert client.get(reverse("members_organizations:edit", args=[theirs.pk])).status_code == 200
    assert_not_found(client.get(reverse("members_organizations:edit", args=[organization.pk])))


def test_reading_every_network_and_adding_asks_for_a_network_first(staff_client, other_network):
    staff_client.post(reverse("network_site_choose_network"), {"network": "all"})
    page = staff_client.get(reverse("network_site_choose_network"))
    assert page.status_code == 200
    response = staff_client.post(
        reverse("meeting_series:add"),
        {"name": "Sesión ordinaria", "kind": "ordinary", "interval_weeks": 4, "description": ""},
        follow=True,
    )
    assert "Choose the network this record belongs to" in response.content.decode() or "Elija la red" in (
        response.content.decode()
    )
    from meetings.models import MeetingSeries

    assert MeetingSeries.objects.count() == 0


def test_staff_without_a_network_see_nothing(client, organization):
    staff = NetworkStaffUserFactory(email="sin-red@example.org")
    StaffMembership.objects.filter(user=staff).delete()
    _give_admin(staff, "view_organization")
    client.force_login(staff)
    listing = client.get(reverse("members_organizations:index"))
    assert "Empresa Propia" not in listing.content.decode()


def test_a_network_factory_gets_its_own_site(db):
    network = NetworkFactory(slug="panama", short_name="Panamá")
    assert network.site.hostname == "panama.localhost"
    assert network.site.root_page.title == "Panamá"


@pytest.mark.parametrize("command", ["send_reminders", "send_supplychain_reminders", "send_meeting_reminders"])
def test_daily_commands_open_each_networks_scope_themselves(command, other_network):
    """Run as cron runs them (no scope at all), the daily commands visit every network in turn."""
    import io

    from django_scopes import scope

    from django.core.management import call_command

    out = io.StringIO()
    with scope():  # enabled, naming no network: any query that forgets its network raises
        call_command(command, stdout=out)
    assert "Ecuador" in out.getvalue()


def test_exports_from_the_command_line_name_their_network(tmp_path, default_network, other_network, organization):
    import csv

    from django_scopes import scope

    from django.core.management import CommandError, call_command

    with activate(other_network):
        OrganizationFactory(name="Florícola Andina S.A.", slug="floricola-andina")
    output = tmp_path / "miembros.csv"
    with scope(), pytest.raises(CommandError, match="several networks"):
        call_command("export_data", "organizations", "--format", "csv", "--output", str(output))
    with scope():
        call_command(
            "export_data", "organizations", "--format", "csv", "--output", str(output), "--network", "ecuador"
        )
    names = [row.get("name") or row.get("nombre") for row in csv.DictReader(output.open(encoding="utf-8-sig"))]
    assert "Florícola Andina S.A." in str(names) and "Empresa Propia" not in str(names)


def test_a_membership_gives_the_roles_permissions_on_its_networks_tree_only(default_network, other_network):
    from wagtail.models import GroupPagePermission

    from network_site.models import StaffRole
    from network_site.staff import ROLE_GROUPS
    from tests.network_site.factories import UserFactory

    user = UserFactory(email="editora-ec@example.org")
    membership = StaffMembership.objects.create(user=user, network=other_network, role=StaffRole.EDITOR)
    user.refresh_from_db()
    assert user.is_staff
    names = set(user.groups.values_list("name", flat=True))
    assert names == {ROLE_GROUPS[StaffRole.EDITOR], f"{ROLE_GROUPS[StaffRole.EDITOR]} · Ecuador"}
    pages = set(GroupPagePermission.objects.filter(group__user=user).values_list("page_id", flat=True))
    assert pages == {other_network.site.root_page_id}
    membership.role = StaffRole.SECRETARIAT
    membership.save()
    assert set(user.groups.values_list("name", flat=True)) == {"Secretaría", "Secretaría · Ecuador"}
    assert user.has_perm("members.change_organization")
    membership.delete()
    assert not user.groups.exists()


def test_add_network_prepares_a_network_for_its_staff(client, default_network):
    """`add_network`: its Site, home page, collection, adopted questionnaire and secretariat."""
    import io

    from django_scopes import scope

    from django.core.management import CommandError, call_command

    from network_site.models import Network
    from tests.network_site.factories import UserFactory

    user = UserFactory(email="secretaria@panama.example.org")
    out = io.StringIO()
    arguments = ["panama", "--name", "Red de Empresas de Panamá", "--short-name", "Panamá", "--country", "pa"]
    arguments += ["--host", "panama.localhost", "--port", "80", "--time-zone", "America/Panama"]
    with scope():
        call_command("add_network", *arguments, "--secretariat", user.email, stdout=out)
    network = Network.objects.get(slug="panama")
    assert network.country == "PA" and network.collection is not None
    assert network.site.root_page.specific_class.__name__ == "HomePage"
    assert client.get("/es/", HTTP_HOST="panama.localhost").status_code in (200, 302)
    user.refresh_from_db()
    assert user.is_staff and "Secretaría · Panamá" in set(user.groups.values_list("name", flat=True))
    # Bad input: a clear error, nothing written.
    with pytest.raises(CommandError, match="time zone"):
        call_command(
            "add_network", "chile", *arguments[1:6], "CL", "--host", "chile.localhost", "--time-zone", "Mars/Base"
        )
    with pytest.raises(CommandError, match="exists already"):
        call_command("add_network", *arguments)
    assert not Network.objects.filter(slug="chile").exists()


def test_the_installations_administrator_keeps_networks_and_their_staff(staff_client, other_network, client):
    from django.contrib.auth.models import Permission

    from tests.network_site.factories import UserFactory

    assert "Ecuador" in staff_client.get(reverse("network_site_networks:index")).content.decode()
    user = UserFactory(email="nuevo@example.org")
    response = staff_client.post(
        reverse("network_site_staff:add"), {"user": user.pk, "network": other_network.pk, "role": "editor"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_staff and user.groups.filter(name="Edición · Ecuador").exists()
    bad = staff_client.post(reverse("network_site_networks:edit", args=[other_network.pk]), {"time_zone": "Mars"})
    assert bad.status_code == 200
    other_network.refresh_from_db()
    assert other_network.time_zone == "America/Guayaquil"
    # A network's secretariat does not manage networks.
    secretary = NetworkStaffUserFactory(email="sec@example.org")
    secretary.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(secretary)
    assert client.get(reverse("network_site_networks:index")).status_code in (302, 403)


def test_the_regional_site_links_on_its_own_host_and_pages_on_theirs(client, default_network, other_network):
    """On the regional site (a Site of no network) links are on its own host, a network's page on
    that network's host, and its feeds answer (its own tree holds no news)."""
    from wagtail.models import Page, Site

    from network_site.links import absolute_url, page_url
    from network_site.networks import _regional

    root = Page.get_first_root_node().add_child(instance=Page(title="Iniciativa", slug="iniciativa"))
    regional = Site.objects.create(hostname="regional.localhost", port=80, root_page=root)
    ecuador_page = other_network.site.root_page.add_child(instance=Page(title="Noticias", slug="noticias"))
    with _regional(regional.pk):
        assert absolute_url("/es/") == "http://regional.localhost/es/"
        assert page_url(ecuador_page).startswith("http://ecuador.localhost/")
    response = client.get("/es/feeds/news/rss/", HTTP_HOST="regional.localhost")
    assert response.status_code == 200


def test_regional_staff_read_every_network_until_they_choose_and_see_no_accounts(
    client, default_network, other_network
):
    from network_site.staff import regional_group
    from tests.network_site.factories import UserFactory

    user = UserFactory(email="regional@example.org", is_staff=True)
    user.groups.add(regional_group())
    client.force_login(user)
    page = client.get(reverse("network_site_choose_network"))
    assert page.status_code == 200 and page.wsgi_request.network is None  # every network
    assert not user.has_perm("network_site.view_user") and not user.has_perm("auth.view_group")
    assert user.has_perm("members.view_organization")
