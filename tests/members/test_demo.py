import io

import pytest

from django.contrib.auth import get_user_model

from members import demo
from members.models import Application, JoinPage, MemberDirectoryPage, MembershipStatus, Organization, PortalRole

pytestmark = pytest.mark.django_db


class FakeCommand:
    def __init__(self):
        self.stdout = io.StringIO()


def test_demo_loads_the_seed_organisations_logins_and_pages_idempotently():
    logins = demo.load(FakeCommand())
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
    assert demo.load(FakeCommand()) == logins
    assert (Organization.objects.count(), User.objects.count(), Application.objects.count()) == counts
