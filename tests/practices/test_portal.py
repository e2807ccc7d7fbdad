"""The portal's good practices: a member proposes its own, sees only its organisation's, corrects a
returned one; another organisation's (or network's) ids answer 404; bad input writes nothing."""

import datetime

import pytest

from django.urls import reverse

from network_site.networks import activate
from practices.models import GoodPractice, PracticeStatus
from tests.helpers import assert_not_found
from tests.members.factories import OrganizationFactory

from .factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db


def form_data(**fields):
    data = {
        "title": "Casas de cuido en fincas cafetaleras",
        "acceleration_factors": ["indigenous", "agriculture"],
        "thematic_area": "integral_development",
        "summary": "Cuido de niños y niñas durante la cosecha.",
        "results": "600 niños atendidos.",
        "languages": ["es", "en"],
        "year": "2016",
        "contact_name": "Rodrigo Solano",
        "contact_email": "rodrigo@example.org",
        "contact_phone": "+506 2200 2020",
    }
    data.update(fields)
    return data


def test_a_member_proposes_a_practice_of_its_own_organisation(representative_client, organization, representative):
    assert representative_client.get(reverse("practices_portal:create")).status_code == 200
    response = representative_client.post(reverse("practices_portal:create"), form_data())
    practice = GoodPractice.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "practices_portal:detail", args=[practice.pk]
    )
    assert (practice.organization, practice.network, practice.status, practice.proposed_by) == (
        organization,
        organization.network,
        PracticeStatus.PROPOSED,
        representative,
    )
    assert practice.acceleration_factors == ["indigenous", "agriculture"]


def test_bad_input_gives_a_form_error_and_writes_nothing(representative_client):
    for bad in (
        form_data(title=""),
        form_data(acceleration_factors=["nonsense"]),
        form_data(languages=[]),
        form_data(year="1800"),
        form_data(year=str(datetime.date.today().year + 2)),
        form_data(contact_email="no-es-un-correo"),
    ):
        response = representative_client.post(reverse("practices_portal:create"), bad)
        assert response.status_code == 200
        assert response.context["form"].errors
    assert GoodPractice.objects.count() == 0


def test_a_member_sees_only_its_organisations_practices(
    representative_client, organization, other_organization, other_network
):
    ours = GoodPracticeFactory(title="Becas propias de la empresa", organization=organization)
    theirs = GoodPracticeFactory(title="Práctica de la otra empresa", organization=other_organization)
    GoodPracticeFactory(title="Práctica de la secretaría", organization=None)
    with activate(other_network):
        foreign = GoodPracticeFactory(title="Práctica de Ecuador", organization=OrganizationFactory(name="Bananera"))
    listing = representative_client.get(reverse("practices_portal:list")).content.decode()
    assert "Becas propias de la empresa" in listing
    for hidden in ("Práctica de la otra empresa", "Práctica de la secretaría", "Práctica de Ecuador"):
        assert hidden not in listing
    detail = representative_client.get(reverse("practices_portal:detail", args=[ours.pk]))
    assert detail.status_code == 200
    for other in (theirs, foreign):
        for name in ("detail", "edit"):
            assert_not_found(representative_client.get(reverse(f"practices_portal:{name}", args=[other.pk])))
        assert_not_found(representative_client.post(reverse("practices_portal:edit", args=[other.pk]), form_data()))
        assert_not_found(representative_client.post(reverse("practices_portal:withdraw", args=[other.pk])))
    assert GoodPractice.objects.get(pk=theirs.pk).title == "Práctica de la otra empresa"
    assert GoodPractice.objects.get(pk=theirs.pk).status == PracticeStatus.PROPOSED


def test_a_returned_practice_is_corrected_and_proposed_again(representative_client, organization):
    practice = GoodPracticeFactory(
        organization=organization, status=PracticeStatus.RETURNED, review_comment="Agregue resultados."
    )
    page = representative_client.get(reverse("practices_portal:edit", args=[practice.pk])).content.decode()
    assert "Agregue resultados." in page
    response = representative_client.post(
        reverse("practices_portal:edit", args=[practice.pk]), form_data(results="Deserción bajó al 3 %.")
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert (practice.status, practice.results) == (PracticeStatus.PROPOSED, "Deserción bajó al 3 %.")
    assert [entry.data["to"] for entry in practice.history()] == ["proposed"]


def test_a_published_practice_is_not_changed_in_the_portal(representative_client, organization):
    practice = GoodPracticeFactory(organization=organization, status=PracticeStatus.PUBLISHED)
    assert representative_client.get(reverse("practices_portal:edit", args=[practice.pk])).status_code == 403
    response = representative_client.post(reverse("practices_portal:withdraw", args=[practice.pk]))
    assert response.status_code == 302
    assert GoodPractice.objects.get(pk=practice.pk).status == PracticeStatus.WITHDRAWN


def test_an_observer_reads_but_does_not_propose(client, observer, organization):
    GoodPracticeFactory(title="Becas propias de la empresa", organization=organization)
    client.force_login(observer)
    assert "Becas propias de la empresa" in client.get(reverse("practices_portal:list")).content.decode()
    assert client.post(reverse("practices_portal:create"), form_data()).status_code == 403
    assert GoodPractice.objects.count() == 1


def test_the_portal_menu_links_the_practices(representative_client):
    content = representative_client.get(reverse("practices_portal:list")).content.decode()
    assert f'href="{reverse("practices_portal:list")}"' in content


def test_the_regional_team_hears_of_a_new_proposal(
    representative_client, regional_staff, national_staff, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        representative_client.post(reverse("practices_portal:create"), form_data())
    assert [message.to for message in mail.outbox] == [[regional_staff.email]]
    assert "Casas de cuido en fincas cafetaleras" in mail.outbox[0].subject
    practice = GoodPractice.objects.get()
    assert reverse("practices:inspect", args=[practice.pk]) in mail.outbox[0].body
