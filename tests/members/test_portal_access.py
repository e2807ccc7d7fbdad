# ruff: noqa: F811  (pytest fixtures imported from tests/members/portal_support.py are redefined as test arguments)
"""The access rule on every portal URL of the members app: anonymous → login, other organisation → 404,
observers and contributors → refused (403) on every change, and nothing written."""

import pytest

from django.urls import reverse

from members.models import Person, PortalAccount, PortalRole
from tests.helpers import assert_not_found
from tests.members.portal_support import (  # noqa: F401 (fixtures)
    clear_rate_limits,
    colleague,
    members_hooks_only,
    other_colleague,
    other_person,
    person,
)

pytestmark = pytest.mark.django_db

LIST_URLS = [
    "members_portal:dashboard",
    "members_portal:profile",
    "members_portal:profile_edit",
    "members_portal:person_list",
    "members_portal:person_add",
    "members_portal:colleague_list",
    "members_portal:colleague_invite",
]
PERSON_URLS = ["members_portal:person_edit", "members_portal:person_delete"]
COLLEAGUE_URLS = [
    "members_portal:colleague_edit",
    "members_portal:colleague_remove",
    "members_portal:colleague_resend",
]
EDIT_URLS = ["members_portal:profile_edit", "members_portal:person_add", "members_portal:colleague_invite"]


@pytest.mark.parametrize("name", LIST_URLS)
def test_anonymous_users_are_redirected_to_the_login(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize("name", PERSON_URLS)
def test_anonymous_users_cannot_reach_a_contact(client, person, name):
    response = client.post(reverse(name, args=[person.pk]), {"name": "X"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert Person.objects.filter(pk=person.pk, name="Ana Propia").exists()


@pytest.mark.parametrize("name", PERSON_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_organisations_contact_answers_404(representative_client, other_person, name, method):
    response = getattr(representative_client, method)(
        reverse(name, args=[other_person.pk]), {"name": "Cambiado", "email": "cambiado@example.org"}
    )
    assert_not_found(response)
    other_person.refresh_from_db()
    assert other_person.name == "Persona Ajena"
    assert other_person.email == "ajena@otra.example.org"


@pytest.mark.parametrize("name", COLLEAGUE_URLS)
def test_another_organisations_colleague_answers_404(representative_client, other_colleague, name, mailoutbox):
    response = representative_client.post(
        reverse(name, args=[other_colleague.pk]), {"role": PortalRole.REPRESENTATIVE}
    )
    assert_not_found(response)
    other_colleague.refresh_from_db()
    assert other_colleague.role == PortalRole.CONTRIBUTOR
    assert other_colleague.user.is_active
    assert mailoutbox == []


@pytest.mark.parametrize("name", ["members_portal:colleague_edit", "members_portal:colleague_remove"])
def test_another_organisations_colleague_pages_answer_404_on_get(representative_client, other_colleague, name):
    assert_not_found(representative_client.get(reverse(name, args=[other_colleague.pk])), name)


def test_unknown_ids_answer_404(representative_client):
    for url in (
        reverse("members_portal:person_edit", args=[999999]),
        reverse("members_portal:colleague_edit", args=[999999]),
    ):
        assert_not_found(representative_client.get(url), url)


@pytest.mark.parametrize("role_fixture", ["observer", "contributor"])
@pytest.mark.parametrize("name", EDIT_URLS)
def test_observers_and_contributors_cannot_open_forms_that_change_things(client, request, role_fixture, name):
    client.force_login(request.getfixturevalue(role_fixture))
    response = client.get(reverse(name))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Su rol en su organización no lo permite." in html  # a page that says why, in the portal layout
    assert 'class="portal-nav"' in html


@pytest.mark.parametrize("role_fixture", ["observer", "contributor"])
def test_observers_and_contributors_cannot_change_anything_by_post(
    client, request, role_fixture, organization, person, colleague, mailoutbox
):
    client.force_login(request.getfixturevalue(role_fixture))
    attempts = [
        (reverse("members_portal:profile_edit"), {"description": "Cambiada", "region": "Limón"}),
        (reverse("members_portal:person_add"), {"name": "Nueva", "email": "nueva@propia.example.org"}),
        (reverse("members_portal:person_edit", args=[person.pk]), {"name": "Cambiada", "email": person.email}),
        (reverse("members_portal:person_delete", args=[person.pk]), {}),
        (
            reverse("members_portal:colleague_invite"),
            {"email": "x@propia.example.org", "first_name": "X", "role": "observer"},
        ),
        (reverse("members_portal:colleague_edit", args=[colleague.pk]), {"role": PortalRole.REPRESENTATIVE}),
        (reverse("members_portal:colleague_remove", args=[colleague.pk]), {}),
        (reverse("members_portal:colleague_resend", args=[colleague.pk]), {}),
    ]
    before_description = organization.description
    for url, data in attempts:
        assert client.post(url, data).status_code == 403, url
    organization.refresh_from_db()
    assert organization.description == before_description
    assert list(Person.objects.filter(organization=organization).values_list("name", flat=True)) == ["Ana Propia"]
    colleague.refresh_from_db()
    assert colleague.role == PortalRole.CONTRIBUTOR
    assert not PortalAccount.objects.filter(user__email="x@propia.example.org").exists()
    assert mailoutbox == []


def test_observers_see_no_change_buttons(client, observer, person):
    client.force_login(observer)
    for name in ("members_portal:profile", "members_portal:person_list", "members_portal:colleague_list"):
        html = client.get(reverse(name)).content.decode()
        assert reverse("members_portal:profile_edit") not in html
        assert reverse("members_portal:person_add") not in html
        assert reverse("members_portal:person_edit", args=[person.pk]) not in html
        assert reverse("members_portal:colleague_invite") not in html


def test_lists_show_only_the_own_organisation(representative_client, person, other_person, colleague, other_colleague):
    people = representative_client.get(reverse("members_portal:person_list")).content.decode()
    assert "Ana Propia" in people
    assert "Persona Ajena" not in people
    colleagues = representative_client.get(reverse("members_portal:colleague_list")).content.decode()
    assert "colega@propia.example.org" in colleagues
    assert "colega@otra.example.org" not in colleagues


def test_representative_cannot_change_or_remove_their_own_access(representative_client, representative):
    own = representative.portal_account
    assert (
        representative_client.post(
            reverse("members_portal:colleague_edit", args=[own.pk]), {"role": "observer"}
        ).status_code
        == 403
    )
    assert representative_client.post(reverse("members_portal:colleague_remove", args=[own.pk])).status_code == 403
    own.refresh_from_db()
    assert own.role == PortalRole.REPRESENTATIVE


def test_a_member_is_sent_to_its_own_networks_portal(client, other_network):
    """An Ecuadorian member who opens the portal on Costa Rica's host is sent to Ecuador's."""
    from network_site.networks import activate
    from tests.members.factories import OrganizationFactory, PortalAccountFactory

    with activate(other_network):
        account = PortalAccountFactory(organization=OrganizationFactory(name="Florícola Andina S.A."))
    client.force_login(account.user)
    response = client.get("/portal/?tab=1")
    assert response.status_code == 302
    assert response["Location"] == "http://ecuador.localhost/portal/?tab=1"
    assert client.get("/portal/", HTTP_HOST="ecuador.localhost").status_code == 200
