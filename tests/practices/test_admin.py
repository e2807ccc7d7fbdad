"""The admin of good practices: a network's staff see and change only their network's practices;
the secretariat proposes, regional staff publish or return with a comment."""

import pytest

from django.core import mail
from django.urls import reverse

from network_site.networks import activate
from practices.models import GoodPractice, PracticeStatus
from tests.helpers import assert_not_found, speak
from tests.members.factories import OrganizationFactory

from .conftest import give
from .factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db


def form_data(**fields):
    data = {
        "title": "Becas en zonas cafetaleras",
        "organization": "",
        "thematic_area": "education",
        "year": "2017",
        "acceleration_factors": ["education", "agriculture"],
        "summary": "Becas y transporte durante la cosecha.",
        "results": "Deserción del 11 % al 3 %.",
        "languages": ["es"],
        "contact_name": "Mariela Quesada",
        "contact_email": "mariela@example.org",
        "contact_phone": "",
    }
    for name in ("documents", "photos"):
        data.update(
            {
                f"{name}-TOTAL_FORMS": "0",
                f"{name}-INITIAL_FORMS": "0",
                f"{name}-MIN_NUM_FORMS": "0",
                f"{name}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(fields)
    return data


def test_staff_of_network_a_see_none_of_network_b(client, national_staff, other_network):
    ours = GoodPracticeFactory(title="Becas en zonas cafetaleras")
    with activate(other_network):
        theirs = GoodPracticeFactory(title="Floricultoras Andinas Protegidas")
    give(national_staff, "delete_goodpractice")
    client.force_login(national_staff)
    listing = client.get(reverse("practices:index"))
    assert listing.status_code == 200
    content = listing.content.decode()
    assert "Becas en zonas cafetaleras" in content and "Floricultoras Andinas Protegidas" not in content
    assert (
        "Floricultoras Andinas" not in client.get(reverse("practices:index"), {"q": "floricultoras"}).content.decode()
    )
    for name in ("edit", "inspect", "delete", "history"):
        assert client.get(reverse(f"practices:{name}", args=[ours.pk])).status_code == 200, name
        assert_not_found(client.get(reverse(f"practices:{name}", args=[theirs.pk])), name)
    assert_not_found(client.get(reverse("practices:review", args=[theirs.pk, "withdraw"])))
    assert_not_found(client.post(reverse("practices:review", args=[theirs.pk, "withdraw"]), {"comment": ""}))
    with activate(other_network):
        assert GoodPractice.objects.get(pk=theirs.pk).status == PracticeStatus.PROPOSED


def test_the_secretariat_proposes_in_the_admin(client, national_staff, default_network):
    organization = OrganizationFactory(name="Cafetalera del Valle")
    client.force_login(national_staff)
    response = client.post(reverse("practices:add"), form_data(organization=str(organization.pk)))
    assert response.status_code == 302, response.content.decode()[:3000]
    practice = GoodPractice.objects.get()
    assert (practice.network, practice.organization, practice.status) == (
        default_network,
        organization,
        PracticeStatus.PROPOSED,
    )
    assert practice.proposed_by == national_staff
    assert practice.acceleration_factors == ["education", "agriculture"]


def test_the_admin_refuses_another_networks_organisation_and_bad_input(client, national_staff, other_network):
    with activate(other_network):
        foreign = OrganizationFactory(name="Bananera del Pacífico")
    client.force_login(national_staff)
    response = client.post(reverse("practices:add"), form_data(organization=str(foreign.pk)))
    assert response.status_code == 200
    response = client.post(reverse("practices:add"), form_data(acceleration_factors=["nonsense"], languages=[]))
    assert response.status_code == 200
    assert GoodPractice.objects.count() == 0


def test_national_staff_cannot_publish_and_regional_staff_can(client, national_staff, regional_staff):
    practice = GoodPracticeFactory()
    client.force_login(national_staff)
    speak(client, "es")
    inspect = client.get(reverse("practices:inspect", args=[practice.pk])).content.decode()
    assert reverse("practices:review", args=[practice.pk, "publish"]) not in inspect
    refused = client.post(reverse("practices:review", args=[practice.pk, "publish"]), {})
    assert refused.status_code == 403 or refused["Location"] == reverse("wagtailadmin_home")  # Wagtail's refusal
    assert GoodPractice.objects.get(pk=practice.pk).status == PracticeStatus.PROPOSED

    client.force_login(regional_staff)
    inspect = client.get(reverse("practices:inspect", args=[practice.pk])).content.decode()
    assert reverse("practices:review", args=[practice.pk, "publish"]) in inspect
    assert "Mariela Contacto Secreto" in inspect  # the contact, for the staff
    response = client.post(reverse("practices:review", args=[practice.pk, "publish"]), {"comment": "Muy bien"})
    assert response.status_code == 302
    assert GoodPractice.objects.get(pk=practice.pk).status == PracticeStatus.PUBLISHED


def test_returning_asks_for_a_comment_and_emails_the_proposer(
    client, regional_staff, national_staff, django_capture_on_commit_callbacks
):
    practice = GoodPracticeFactory(proposed_by=national_staff)
    client.force_login(regional_staff)
    url = reverse("practices:review", args=[practice.pk, "return"])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"comment": "  "})
    assert refused.status_code == 200
    assert GoodPractice.objects.get(pk=practice.pk).status == PracticeStatus.PROPOSED
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"comment": "Agregue los resultados del primer año."}).status_code == 302
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.RETURNED
    assert mail.outbox[-1].to == [national_staff.email]
    assert "Agregue los resultados del primer año." in mail.outbox[-1].body
    # The secretariat corrects it and proposes it again (never publishes).
    client.force_login(national_staff)
    assert client.post(reverse("practices:review", args=[practice.pk, "propose"]), {}).status_code == 302
    assert GoodPractice.objects.get(pk=practice.pk).status == PracticeStatus.PROPOSED


def test_a_published_practice_is_changed_by_regional_staff_only(client, national_staff, regional_staff):
    practice = GoodPracticeFactory(status=PracticeStatus.PUBLISHED)
    client.force_login(national_staff)
    refused = client.get(reverse("practices:edit", args=[practice.pk]))
    assert refused.status_code == 403 or refused["Location"] == reverse("wagtailadmin_home")
    client.force_login(regional_staff)
    assert client.get(reverse("practices:edit", args=[practice.pk])).status_code == 200


def test_regional_staff_read_every_network(client, regional_staff, other_network):
    GoodPracticeFactory(title="Becas en zonas cafetaleras")
    with activate(other_network):
        GoodPracticeFactory(title="Floricultoras Andinas Protegidas")
    client.force_login(regional_staff)
    client.post(reverse("network_site_choose_network"), {"network": "all"})
    content = client.get(reverse("practices:index")).content.decode()
    assert "Becas en zonas cafetaleras" in content and "Floricultoras Andinas Protegidas" in content
    filtered = client.get(reverse("practices:index"), {"network": other_network.pk}).content.decode()
    assert "Becas en zonas cafetaleras" not in filtered and "Floricultoras Andinas Protegidas" in filtered


def test_a_company_user_gets_nothing_of_the_admin(client, representative):
    practice = GoodPracticeFactory()
    client.force_login(representative)
    for url in (reverse("practices:index"), reverse("practices:inspect", args=[practice.pk])):
        assert client.get(url).status_code in (302, 403)


def test_the_export_holds_only_the_staffs_network_and_no_live_formula(client, national_staff, other_network):
    GoodPracticeFactory(title='=HYPERLINK("http://x")')
    with activate(other_network):
        GoodPracticeFactory(title="Floricultoras Andinas Protegidas")
    client.force_login(national_staff)
    response = client.get(reverse("practices:index"), {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "Floricultoras Andinas" not in content
    assert "HYPERLINK" in content and "\n=HYPERLINK" not in content and ",=HYPERLINK" not in content


def test_the_dashboard_counts_the_practices_waiting_for_review(client, regional_staff, national_staff, other_network):
    GoodPracticeFactory()
    GoodPracticeFactory(status=PracticeStatus.RETURNED)
    with activate(other_network):
        GoodPracticeFactory()
    client.force_login(national_staff)
    speak(client, "en")
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 good practice waiting for the regional team" in content and "1 returned to its proposer" in content
    client.force_login(regional_staff)
    client.post(reverse("network_site_choose_network"), {"network": "all"})
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "2 good practices waiting for the regional team" in content
