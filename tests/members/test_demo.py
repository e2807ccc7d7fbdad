import io

import pytest

from django.contrib.auth import get_user_model

from members import demo
from members.models import Application, JoinPage, MemberDirectoryPage, MembershipStatus, Organization, PortalRole
from network_site import demo_networks
from network_site.models import StaffMembership
from network_site.networks import REGIONAL_GROUP, activate, admin_networks

pytestmark = pytest.mark.django_db


class FakeCommand:
    def __init__(self):
        self.stdout = io.StringIO()


def load(network):
    with activate(network):
        return demo.load(FakeCommand())


def test_demo_loads_the_seed_organisations_logins_and_pages_idempotently():
    costa_rica, _ecuador = demo_networks.ensure(FakeCommand())
    logins = load(costa_rica)
    names = set(Organization.objects.values_list("short_name", flat=True))
    assert {"Nestlé", "UCCAEP", "BAC", "CENADA-PIMA", "Comercio Justo", "BNCR", "AED"} <= names
    assert set(Organization.objects.partners().values_list("short_name", flat=True)) == {
        "MTSS",
        "OIT",
        "PANI",
        "UNICEF",
    }
    assert Organization.objects.filter(membership_status=MembershipStatus.SUSPENDED).count() == 1
    assert Application.objects.pending().count() == 1
    assert JoinPage.objects.live().count() == 1
    assert MemberDirectoryPage.objects.live().count() == 1
    User = get_user_model()
    secretariat = User.objects.get(email="secretaria@example.org")
    assert secretariat.is_staff and secretariat.is_superuser and secretariat.check_password(demo.DEMO_PASSWORD)
    nestle = User.objects.get(email="nestle@example.org")
    assert nestle.portal_account.role == PortalRole.REPRESENTATIVE
    assert nestle.portal_account.organization.slug == "nestle"
    assert not nestle.is_staff
    assert User.objects.get(email="unicef@example.org").portal_account.role == PortalRole.OBSERVER
    assert all(email.endswith("@example.org") for email in User.objects.values_list("email", flat=True))
    assert any("secretaria@example.org" in line and demo.DEMO_PASSWORD in line for line in logins)
    assert any("nestle@example.org" in line for line in logins)
    counts = (Organization.objects.count(), User.objects.count(), Application.objects.count())
    assert load(costa_rica) == logins
    assert (Organization.objects.count(), User.objects.count(), Application.objects.count()) == counts


def test_each_network_has_its_organisations_and_its_secretariat():
    from wagtail.images import get_image_model
    from wagtail.models import GroupCollectionPermission, GroupPagePermission
    from wagtail.permissions import policy_registry

    Image = get_image_model()

    costa_rica, ecuador = demo_networks.ensure(FakeCommand())
    costa_rica_logins = load(costa_rica)
    ecuador_logins = load(ecuador)
    regional_logins = demo.load_regional(FakeCommand())
    with activate(ecuador):
        names = set(Organization.objects.values_list("short_name", flat=True))
        assert {"Florícola Andina", "Bananera del Pacífico", "CIPL"} <= names
        assert "Nestlé" not in names
        assert Organization.objects.filter(is_partner=False).count() >= 8
        assert MemberDirectoryPage.objects.live().descendant_of(ecuador.site.root_page).exists()
    with activate(costa_rica):
        assert "Florícola Andina" not in set(Organization.objects.values_list("short_name", flat=True))
    User = get_user_model()
    emails = list(User.objects.values_list("email", flat=True))
    assert len(emails) == len(set(emails)) and all(email.endswith("@example.org") for email in emails)

    for network, email in [(costa_rica, demo.SECRETARIAT[0]), (ecuador, "secretaria.ecuador@example.org")]:
        user = User.objects.get(email=email)
        assert user.is_staff and not user.is_superuser and user.check_password(demo.DEMO_PASSWORD)
        assert list(StaffMembership.objects.filter(user=user).values_list("network__slug", "role")) == [
            (network.slug, "secretariat")
        ]
        assert list(admin_networks(user)) == [network]
        assert user.has_perms(["wagtailadmin.access_admin", "members.change_organization", "meetings.add_meeting"])
        group = user.groups.get(name=f"Secretaría · {network.short_name}")
        assert GroupPagePermission.objects.filter(group=group, page=network.site.root_page).exists()
        assert GroupCollectionPermission.objects.filter(group=group, collection=network.collection).exists()
        images = policy_registry.get_by_type(get_image_model())
        assert images.user_has_permission_for_instance(user, "change", Image(collection=network.collection))
        other = ecuador if network == costa_rica else costa_rica
        assert not images.user_has_permission_for_instance(user, "change", Image(collection=other.collection))
    assert any("secretaria.ecuador@example.org" in line for line in ecuador_logins)
    assert not any("secretaria.ecuador@example.org" in line for line in costa_rica_logins)
    assert any("floricola-andina@example.org" in line for line in ecuador_logins)

    regional = User.objects.get(email=demo.REGIONAL[0])
    assert regional.is_staff and not regional.is_superuser
    assert regional.groups.filter(name=REGIONAL_GROUP).exists() and not regional.staff_memberships.exists()
    assert regional.has_perms(["wagtailadmin.access_admin", "members.view_organization"])
    assert not regional.has_perm("members.change_organization")
    assert set(admin_networks(regional)) == {costa_rica, ecuador}
    assert any(demo.REGIONAL[0] in line for line in regional_logins)
    assert load(ecuador) == ecuador_logins
