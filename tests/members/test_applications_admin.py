"""The secretariat decides on applications in the admin: approve (creates and invites) or reject."""

import pytest

from django.contrib.auth import get_user_model
from django.core import mail

from wagtail.models import ModelLogEntry

from members.models import (
    Application,
    ApplicationStatus,
    MembershipStatus,
    Organization,
    Person,
    PortalAccount,
    PortalRole,
)
from tests.members.factories import ApplicationFactory, PersonFactory, PortalAccountFactory
from tests.network_site.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_applications_listing_and_inspect(staff_client):
    pending = ApplicationFactory(name="Pendiente S.A.")
    ApplicationFactory(name="Rechazada S.A.", status=ApplicationStatus.REJECTED)
    response = staff_client.get("/admin/network/applications/?status=pending")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Pendiente S.A." in content
    assert "Rechazada S.A." not in content
    response = staff_client.get(f"/admin/network/applications/inspect/{pending.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert pending.contact_email in content
    assert f"/admin/network/applications/approve/{pending.pk}/" in content
    assert f"/admin/network/applications/reject/{pending.pk}/" in content


def test_approve_creates_organization_contact_account_and_invites(staff_client, staff_user):
    application = ApplicationFactory(name="Café del Valle S.A.", contact_email="marta@cafe.example.org")
    response = staff_client.get(f"/admin/network/applications/approve/{application.pk}/")
    assert response.status_code == 200
    response = staff_client.post(
        f"/admin/network/applications/approve/{application.pk}/", {"reason": "Cumple los requisitos."}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.decided_by == staff_user
    assert application.decided_at is not None
    assert application.decision_reason == "Cumple los requisitos."
    organization = application.organization
    assert organization.name == "Café del Valle S.A."
    assert organization.membership_status == MembershipStatus.ACTIVE
    assert organization.date_joined is not None
    assert response["Location"] == f"/admin/network/organizations/inspect/{organization.pk}/"
    change = organization.history().get()
    assert (change.data["from"], change.data["to"], change.user) == (
        MembershipStatus.APPLICANT,
        MembershipStatus.ACTIVE,
        staff_user,
    )
    person = Person.objects.get(organization=organization)
    assert person.email == "marta@cafe.example.org"
    user = User.objects.get(email="marta@cafe.example.org")
    assert not user.has_usable_password()
    assert not user.is_staff
    account = PortalAccount.objects.get(user=user)
    assert (account.organization, account.role, account.person) == (organization, PortalRole.REPRESENTATIVE, person)
    # The invitation: one e-mail to the contact with a one-time link.
    invitations = [m for m in mail.outbox if m.to == ["marta@cafe.example.org"]]
    assert len(invitations) == 1
    assert "/portal/invitation/" in invitations[0].body
    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {"lifecycle.transition", "wagtail.create"} <= actions


def test_approve_refuses_when_the_email_is_taken_and_writes_nothing(staff_client):
    UserFactory(email="tomado@example.org")
    application = ApplicationFactory(contact_email="tomado@example.org")
    response = staff_client.post(f"/admin/network/applications/approve/{application.pk}/", {"reason": ""})
    assert response.status_code == 200
    assert "Ya existe un usuario con el correo tomado@example.org" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    assert Organization.objects.count() == 0
    assert mail.outbox == []


def test_approve_refuses_an_email_of_an_existing_contact(staff_client):
    PersonFactory(email="contacto@example.org")
    application = ApplicationFactory(contact_email="contacto@example.org")
    before = Organization.objects.count()
    response = staff_client.post(f"/admin/network/applications/approve/{application.pk}/", {"reason": ""})
    assert response.status_code == 200
    assert Organization.objects.count() == before


def test_an_application_is_decided_only_once(staff_client):
    application = ApplicationFactory()
    staff_client.post(f"/admin/network/applications/approve/{application.pk}/", {"reason": "ok"})
    count = Organization.objects.count()
    response = staff_client.post(f"/admin/network/applications/approve/{application.pk}/", {"reason": "otra vez"})
    assert response.status_code == 200
    assert "ya ha sido decidida" in response.content.decode()
    assert Organization.objects.count() == count
    response = staff_client.get(f"/admin/network/applications/reject/{application.pk}/")
    assert response.status_code == 302


def test_reject_needs_a_reason_and_tells_the_applicant(staff_client, staff_user, django_capture_on_commit_callbacks):
    application = ApplicationFactory(contact_email="ana@rechazo.example.org")
    response = staff_client.post(f"/admin/network/applications/reject/{application.pk}/", {"reason": "  "})
    assert response.status_code == 200
    assert "Este campo es necesario." in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves once the decision is committed
        response = staff_client.post(
            f"/admin/network/applications/reject/{application.pk}/", {"reason": "No es una organización del país."}
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.decided_by == staff_user
    assert Organization.objects.count() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ana@rechazo.example.org"]
    assert "No es una organización del país." in mail.outbox[0].body
    entry = application.history().get()
    assert (entry.data["from"], entry.data["to"], entry.data["comment"], entry.user) == (
        "pending",
        "rejected",
        "No es una organización del país.",
        staff_user,
    )


def test_portal_users_never_reach_the_admin(client, organization):
    account = PortalAccountFactory(organization=organization)
    client.force_login(account.user)
    application = ApplicationFactory()
    for url in [
        "/admin/",
        "/admin/network/organizations/",
        f"/admin/network/organizations/edit/{organization.pk}/",
        f"/admin/network/applications/approve/{application.pk}/",
        "/admin/spreadsheets/",
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/portal/account/login/"), url
    response = client.post(f"/admin/network/applications/approve/{application.pk}/", {"reason": "x"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_admin_dashboard_lists_applications_to_review(staff_client):
    ApplicationFactory(name="Solicitud Pendiente Uno")
    ApplicationFactory(name="Ya Aprobada", status=ApplicationStatus.APPROVED)
    response = staff_client.get("/admin/")
    content = response.content.decode()
    assert "Solicitud Pendiente Uno" in content
    assert "Ya Aprobada" not in content
    assert "1 solicitud por revisar" in content


def test_application_model_refuses_double_approval(staff_user):
    application = ApplicationFactory()
    application.approve(user=staff_user)
    again = Application.objects.get(pk=application.pk)
    with pytest.raises(Exception, match="decidida|decided"):
        again.approve(user=staff_user)


# --- Partner institutions are not applicants -----------------------------------------------------


def test_partner_institutions_are_not_listed_as_applicants(staff_client):
    from tests.members.factories import OrganizationFactory

    OrganizationFactory(name="Aspirante Real S.A.", membership_status=MembershipStatus.APPLICANT, date_joined=None)
    partner = OrganizationFactory(
        name="UNICEF Costa Rica", is_partner=True, membership_status=MembershipStatus.APPLICANT, date_joined=None
    )
    assert list(Organization.objects.applicants().values_list("name", flat=True)) == ["Aspirante Real S.A."]
    content = staff_client.get("/admin/network/organizations/?membership_status=applicant").content.decode()
    assert "Aspirante Real S.A." in content
    assert "UNICEF Costa Rica" not in content
    listing = staff_client.get("/admin/network/organizations/").content.decode()
    row = listing[listing.index("UNICEF Costa Rica") :].split("</tr>")[0]
    assert "Institución aliada" in row and "Aspirante" not in row
    inspect = staff_client.get(f"/admin/network/organizations/inspect/{partner.pk}/").content.decode()
    assert "Institución aliada" in inspect and "Aspirante" not in inspect
