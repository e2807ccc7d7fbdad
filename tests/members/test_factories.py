import pytest

from members.models import MembershipStatus, PortalRole
from tests.members.factories import ApplicationFactory, OrganizationFactory, PersonFactory, PortalAccountFactory

pytestmark = pytest.mark.django_db


def test_organization_factory_builds_an_active_member():
    organization = OrganizationFactory()
    assert organization.membership_status == MembershipStatus.ACTIVE
    assert organization.slug and organization.name.startswith("Empresa Ejemplo")
    assert organization.date_joined is not None


def test_person_factory_builds_a_contact_of_a_new_organisation():
    person = PersonFactory()
    assert person.organization.pk and person.email.endswith("@example.org") and person.name


def test_portal_account_factory_links_a_user_to_an_organisation_as_representative():
    account = PortalAccountFactory()
    assert account.role == PortalRole.REPRESENTATIVE
    assert account.user.pk and account.organization.pk
    observer = PortalAccountFactory(organization=account.organization, role=PortalRole.OBSERVER)
    assert observer.organization == account.organization and observer.user != account.user


def test_application_factory_builds_a_pending_application():
    application = ApplicationFactory()
    assert application.is_pending
    assert application.accepts_principles and application.contact_email.endswith("@solicitante.example.org")
