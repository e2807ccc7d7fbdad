"""The board's records: overdue activities, the lifecycle shared with meetings' agreements, and the
scope of an agreement (every party sees it once, nobody else sees it)."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from cooperation.choices import ActivityStatus
from cooperation.models import ActivityUpdate, CooperationActivity, CooperationAgreement, CooperationDemand
from meetings.models import AgreementStatus
from network_site.networks import ScopeError, across, activate
from tests.cooperation.factories import ActivityFactory, AgreementFactory, DemandFactory
from tests.network_site.factories import NetworkFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


def test_activities_use_the_meetings_agreement_states():
    assert ActivityStatus is AgreementStatus
    assert CooperationActivity._meta.get_field("status").default == AgreementStatus.PENDING


@pytest.mark.parametrize(
    ("status", "due", "overdue"),
    [
        (ActivityStatus.PENDING, TODAY - datetime.timedelta(days=1), True),
        (ActivityStatus.IN_PROGRESS, TODAY - datetime.timedelta(days=1), True),
        (ActivityStatus.PENDING, TODAY, False),  # due today is not late yet
        (ActivityStatus.PENDING, None, False),
        (ActivityStatus.DONE, TODAY - datetime.timedelta(days=30), False),
        (ActivityStatus.DROPPED, TODAY - datetime.timedelta(days=30), False),
    ],
)
def test_an_activity_is_overdue_when_open_past_its_due_date(agreement_ab, status, due, overdue):
    activity = ActivityFactory(agreement=agreement_ab, status=status, due_date=due)
    assert activity.is_overdue(TODAY) is overdue
    assert CooperationActivity.objects.overdue(TODAY).filter(pk=activity.pk).exists() is overdue


def test_agreements_with_overdue_activities(default_network, other_network):
    late = AgreementFactory(title="Con retraso", networks=[default_network, other_network])
    on_time = AgreementFactory(title="Al día", networks=[default_network, other_network])
    ActivityFactory(agreement=late, due_date=TODAY - datetime.timedelta(days=3))
    ActivityFactory(agreement=late, due_date=TODAY + datetime.timedelta(days=3))
    ActivityFactory(agreement=on_time, due_date=TODAY - datetime.timedelta(days=3), status=ActivityStatus.DONE)
    assert list(CooperationAgreement.objects.overdue(TODAY)) == [late]
    flags = dict(CooperationAgreement.objects.with_overdue(TODAY).values_list("title", "has_overdue"))
    assert flags == {"Con retraso": True, "Al día": False}
    assert late.has_overdue_activities(TODAY) and not on_time.has_overdue_activities(TODAY)


def test_following_up_moves_the_activity_through_the_lifecycle_with_one_history_entry(agreement_ab, default_network):
    activity = agreement_ab.activities.get(title="Videoconferencia")
    activity.report_progress(ActivityStatus.IN_PROGRESS, comment="Fecha acordada", network=default_network)
    activity.report_progress(ActivityStatus.IN_PROGRESS, comment="Agenda enviada", network=default_network)
    activity.report_progress(ActivityStatus.DONE, comment="Realizada", network=default_network)
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.DONE and activity.done_at is not None
    assert [entry.data["to"] for entry in activity.history()] == ["done", "in_progress"]
    assert ActivityUpdate.objects.filter(activity=activity).count() == 3
    with pytest.raises(ValidationError):
        activity.transition_to(ActivityStatus.DROPPED)  # done cannot be dropped
    with pytest.raises(ValidationError):
        ActivityFactory(agreement=agreement_ab).transition_to(ActivityStatus.DROPPED)  # a reason is required


def test_the_responsible_network_is_a_party(agreement_ab):
    outsider = NetworkFactory(slug="panama", short_name="Panamá", country="PA")
    activity = ActivityFactory.build(agreement=agreement_ab, responsible_network=outsider)
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "responsible_network" in error.value.message_dict


def test_an_agreement_is_seen_by_each_party_once_and_by_no_one_else(default_network, other_network):
    third = NetworkFactory(slug="panama", short_name="Panamá", country="PA")
    both = AgreementFactory(title="Costa Rica y Ecuador", networks=[default_network, other_network])
    other = AgreementFactory(title="Ecuador y Panamá", networks=[other_network, third])
    ActivityFactory(agreement=both)
    with activate(default_network):
        assert list(CooperationAgreement.objects.all()) == [both]
        assert CooperationActivity.objects.count() == 1
    with activate(third):
        assert list(CooperationAgreement.objects.all()) == [other]
        assert not CooperationActivity.objects.exists()
    with across([default_network, other_network]):  # a staff member of both networks
        agreements = list(CooperationAgreement.objects.order_by("title"))
        assert agreements == [both, other]  # each once, not once per network
        assert CooperationAgreement.objects.count() == 2
        assert CooperationActivity.objects.count() == 1
    with across(None):
        assert CooperationAgreement.objects.count() == 2


def test_demands_are_scoped_to_their_network(default_network, other_network):
    DemandFactory(title="De Costa Rica")
    with activate(other_network):
        DemandFactory(title="De Ecuador")
        assert list(CooperationDemand.objects.values_list("title", flat=True)) == ["De Ecuador"]


def test_a_query_without_a_scope_fails():
    from django_scopes import scope

    with scope(), pytest.raises(ScopeError):  # scopes on, no network named
        list(CooperationAgreement.objects.all())


def test_end_before_start_is_refused(default_network, other_network):
    agreement = AgreementFactory.build(
        start_date=timezone.localdate(), end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        agreement.full_clean()
