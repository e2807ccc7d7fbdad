"""A representative cannot probe whether an e-mail address belongs to another organisation.

Every form where someone types an e-mail address (a contact person, a colleague's invitation,
the join application, the password reset) answers the same for a free address and for one that
another organisation (or the secretariat) uses: the same status, the same redirect, the same
message (the address itself aside). The address's owner is written to instead.
"""

import pytest

from django.contrib.messages import get_messages
from django.urls import reverse

from members.models import Application, Person, PortalAccount
from tests.members.factories import PortalAccountFactory
from tests.network_site.factories import StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db

FREE = "libre@nadie.example.org"
TAKEN = "ocupada@otra.example.org"


def answer(client, url, data, address):
    """What the person who posted ``data`` sees: status, redirect, the messages shown on the page
    it leads to, and the page itself when there is no redirect (the typed address replaced)."""
    response = client.post(url, data)
    location = response.get("Location", "")
    if response.status_code == 302:
        followed = client.get(location)
        shown = [str(message) for message in (followed.context or {}).get("messages", [])]
        page = ""
    else:
        shown = [str(message) for message in get_messages(response.wsgi_request)]
        page = response.content.decode()
    return (
        response.status_code,
        location,
        [text.replace(address, "ADDRESS") for text in shown],
        page.replace(address, "ADDRESS"),
    )


@pytest.fixture
def taken_contact(other_organization):
    return Person.objects.create(organization=other_organization, name="Ajena", email=TAKEN)


def test_adding_a_contact_answers_the_same_for_a_free_and_another_organisations_address(
    representative_client, organization, other_organization, taken_contact, mailoutbox
):
    url = reverse("members_portal:person_add")
    free = answer(representative_client, url, {"name": "Nueva", "email": FREE}, FREE)
    taken = answer(representative_client, url, {"name": "Nueva", "email": TAKEN.upper()}, TAKEN.upper())
    assert free == taken
    assert free[0] == 302 and len(free[2]) == 1 and "Nueva" in free[2][0]
    # The other organisation's contact is untouched, and its owner is told (not the representative).
    assert Person.objects.get(email=TAKEN).organization == other_organization
    assert Person.objects.filter(organization=organization).count() == 1
    assert [m.to for m in mailoutbox] == [[TAKEN]]
    assert organization.name in mailoutbox[0].subject
    assert other_organization.name not in mailoutbox[0].body


def test_changing_a_contacts_address_answers_the_same(representative_client, organization, taken_contact, mailoutbox):
    first = Person.objects.create(organization=organization, name="Uno", email="uno@propia.example.org")
    second = Person.objects.create(organization=organization, name="Dos", email="dos@propia.example.org")
    free = answer(
        representative_client,
        reverse("members_portal:person_edit", args=[first.pk]),
        {"name": "Uno", "email": FREE},
        FREE,
    )
    taken = answer(
        representative_client,
        reverse("members_portal:person_edit", args=[second.pk]),
        {"name": "Uno", "email": TAKEN},
        TAKEN,
    )
    assert free == taken
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.email, second.email) == (FREE, "dos@propia.example.org")  # the taken address is not stored
    assert [m.to for m in mailoutbox] == [[TAKEN]]


def test_an_address_among_ones_own_contacts_is_still_refused(representative_client, organization):
    Person.objects.create(organization=organization, name="Propia", email="propia@propia.example.org")
    response = representative_client.post(
        reverse("members_portal:person_add"), {"name": "Otra vez", "email": "propia@propia.example.org"}
    )
    assert response.status_code == 200
    assert "form" in response.context and response.context["form"].errors["email"]
    assert Person.objects.filter(organization=organization).count() == 1


@pytest.mark.parametrize("owner", ["other_organization", "staff", "no_account"])
def test_inviting_a_colleague_answers_the_same_for_a_free_and_a_used_address(
    representative_client, organization, other_organization, owner, mailoutbox
):
    if owner == "other_organization":
        PortalAccountFactory(organization=other_organization, user=UserFactory(email=TAKEN))
    elif owner == "staff":
        StaffUserFactory(email=TAKEN)
    else:
        UserFactory(email=TAKEN)
    url = reverse("members_portal:colleague_invite")
    free = answer(representative_client, url, {"email": FREE, "first_name": "Ana", "role": "contributor"}, FREE)
    taken = answer(representative_client, url, {"email": TAKEN, "first_name": "Ana", "role": "contributor"}, TAKEN)
    assert free == taken
    assert free[0] == 302
    assert "ADDRESS" in free[2][0]
    # One e-mail to each address: the invitation to the free one, a notice to the used one's owner.
    assert sorted(m.to[0] for m in mailoutbox) == sorted([FREE, TAKEN])
    notice = next(m for m in mailoutbox if m.to == [TAKEN])
    assert "/portal/invitation/" not in notice.body
    assert organization.name in notice.body
    assert not PortalAccount.objects.filter(user__email=TAKEN, organization=organization).exists()
    if owner == "other_organization":
        assert PortalAccount.objects.get(user__email=TAKEN).organization == other_organization


def test_inviting_ones_own_colleague_is_still_refused(representative_client, organization, mailoutbox):
    colleague = PortalAccountFactory(organization=organization, user=UserFactory(email="colega@propia.example.org"))
    response = representative_client.post(
        reverse("members_portal:colleague_invite"),
        {"email": colleague.user.email, "first_name": "X", "role": "contributor"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert mailoutbox == []


def test_the_join_application_answers_the_same_for_a_free_and_a_used_address(client, join_page, page_url):
    from tests.members.test_join import VALID

    UserFactory(email=TAKEN)
    url = page_url(join_page)
    free = answer(client, url, {**VALID, "contact_email": FREE}, FREE)
    taken = answer(client, url, {**VALID, "name": "Otra S.A.", "contact_email": TAKEN}, TAKEN)
    assert free[:3] == taken[:3]
    assert free[0] == 302
    assert Application.objects.count() == 2  # the secretariat sees the address in use when it approves


def test_the_password_reset_answers_the_same_for_an_unknown_and_a_known_address(client, representative):
    from allauth.account import app_settings

    assert app_settings.PREVENT_ENUMERATION
    url = reverse("account_reset_password")
    unknown = answer(client, url, {"email": FREE}, FREE)
    known = answer(client, url, {"email": representative.email}, representative.email)
    assert unknown == known
    assert unknown[0] == 302
