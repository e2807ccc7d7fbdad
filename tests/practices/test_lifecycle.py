"""A good practice's lifecycle: proposed → under review → published / returned (with a comment) → withdrawn;
only regional staff review; the proposer hears of the review by e-mail."""

import pytest

from django.core import mail
from django.core.exceptions import ValidationError

from network_site.networks import activate
from practices.models import GoodPractice, PracticeStatus
from tests.members.factories import OrganizationFactory, PortalAccountFactory
from tests.network_site.factories import UserFactory

from .factories import GoodPracticeFactory

pytestmark = pytest.mark.django_db


def test_a_practice_is_proposed_reviewed_and_published(regional_staff, django_capture_on_commit_callbacks):
    proposer = UserFactory(email="proponente@example.org")
    practice = GoodPracticeFactory(proposed_by=proposer)
    assert practice.status == PracticeStatus.PROPOSED
    practice.transition_to(PracticeStatus.UNDER_REVIEW, user=regional_staff, name="review")
    with django_capture_on_commit_callbacks(execute=True):
        practice.transition_to(PracticeStatus.PUBLISHED, user=regional_staff, comment="Excelente", name="publish")
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.published_at is not None
    assert practice.reviewed_by == regional_staff
    assert [entry.data["to"] for entry in practice.history()] == ["published", "under_review"]
    assert [message.to for message in mail.outbox] == [["proponente@example.org"]]
    assert practice.title in mail.outbox[0].subject


def test_returning_needs_a_comment_that_reaches_the_proposer(regional_staff, django_capture_on_commit_callbacks):
    organization = OrganizationFactory(name="Cafetalera del Valle")
    PortalAccountFactory(organization=organization, user=UserFactory(email="rep@cafetalera.example.org"))
    practice = GoodPracticeFactory(organization=organization)
    with pytest.raises(ValidationError):
        practice.transition_to(PracticeStatus.RETURNED, user=regional_staff, name="return")
    assert GoodPractice.objects.get(pk=practice.pk).status == PracticeStatus.PROPOSED
    with django_capture_on_commit_callbacks(execute=True):
        practice.transition_to(
            PracticeStatus.RETURNED, user=regional_staff, comment="Agregue los resultados.", name="return"
        )
    practice.refresh_from_db()
    assert (practice.status, practice.review_comment) == (PracticeStatus.RETURNED, "Agregue los resultados.")
    # No proposing user: the organisation's representatives hear of it.
    assert mail.outbox[0].to == ["rep@cafetalera.example.org"]
    assert "Agregue los resultados." in mail.outbox[0].body
    # Corrected, it is proposed again, then it may be withdrawn.
    practice.transition_to(PracticeStatus.PROPOSED, user=regional_staff, name="propose")
    practice.transition_to(PracticeStatus.WITHDRAWN, user=regional_staff, name="withdraw")
    assert GoodPractice.objects.get(pk=practice.pk).status == PracticeStatus.WITHDRAWN


def test_national_staff_cannot_publish_and_regional_staff_can(national_staff, regional_staff):
    practice = GoodPracticeFactory()
    assert not practice.can_transition_to(PracticeStatus.PUBLISHED, national_staff)
    assert not practice.can_transition_to(PracticeStatus.RETURNED, national_staff)
    with pytest.raises(ValidationError):
        practice.transition_to(PracticeStatus.PUBLISHED, user=national_staff, name="publish")
    assert GoodPractice.objects.get(pk=practice.pk).status == PracticeStatus.PROPOSED
    assert practice.can_transition_to(PracticeStatus.PUBLISHED, regional_staff)
    practice.transition_to(PracticeStatus.PUBLISHED, user=regional_staff, name="publish")
    assert GoodPractice.objects.get(pk=practice.pk).status == PracticeStatus.PUBLISHED


def test_a_published_practice_is_not_published_again(regional_staff):
    practice = GoodPracticeFactory(status=PracticeStatus.PUBLISHED)
    with pytest.raises(ValidationError):
        practice.transition_to(PracticeStatus.PUBLISHED, user=regional_staff)
    with pytest.raises(ValidationError):
        practice.transition_to(PracticeStatus.RETURNED, user=regional_staff, comment="No")


def test_the_organisation_must_belong_to_the_practices_network(other_network):
    with activate(other_network):
        foreign = OrganizationFactory(name="Bananera del Pacífico")
    practice = GoodPracticeFactory.build(organization=foreign)
    with pytest.raises(ValidationError) as error:
        practice.full_clean()
    assert "organization" in error.value.message_dict


def test_factors_and_languages_are_lists_and_filter_by_one_choice():
    first = GoodPracticeFactory(acceleration_factors=["education", "migration"], languages=["es", "pt"])
    GoodPracticeFactory(acceleration_factors=["agriculture"], languages=["en"])
    first.refresh_from_db()
    assert first.acceleration_factors == ["education", "migration"]
    assert first.acceleration_factor_labels == ["Educación", "Migración"] or first.acceleration_factor_labels == [
        "Education",
        "Migration",
    ]
    assert list(GoodPractice.objects.with_factor("migration")) == [first]
    assert list(GoodPractice.objects.in_language("pt")) == [first]
    assert not GoodPractice.objects.with_factor("indigenous").exists()
