"""The one lifecycle mechanism (network_site.lifecycle): declared moves, who may make them, one history."""

import pytest

from django.core.exceptions import ValidationError
from django.utils import translation

from wagtail.models import ModelLogEntry

from commitments.models import Commitment, CommitmentStatus, ProgressReport, ReportStatus
from meetings.models import Agreement, AgreementStatus, Invitation, Meeting, MeetingStatus
from members.models import Application, MembershipStatus, Organization
from network_site.lifecycle import TRANSITION_ACTION, Lifecycle, LifecycleMixin, Transition
from supplychain.models import ActionItem, Assessment, Questionnaire, Referral
from tests.members.factories import OrganizationFactory
from tests.network_site.factories import StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db

A, S, W = MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED, MembershipStatus.WITHDRAWN


@pytest.fixture
def declared(monkeypatch):
    """Organisations with a small declared table: active → suspended (staff, with a comment),
    suspended → active (anyone), and a hook that records what ran after the commit."""
    after = []
    monkeypatch.setattr(
        Organization,
        "lifecycle",
        Lifecycle(
            field="membership_status",
            transitions=[
                Transition([A], S, permission="members.change_organization", comment_required=True),
                Transition([S], A),
                Transition("*", W, permission=lambda user, obj: user.email.endswith("@secretaria.example.org")),
            ],
        ),
    )
    monkeypatch.setattr(Organization, "after_transition", lambda self, old, new, **kw: after.append((old, new)))
    return after


def _entries(obj):
    return list(ModelLogEntry.objects.filter(object_id=str(obj.pk), action=TRANSITION_ACTION))


def test_every_lifecycle_of_the_apps_uses_the_one_mechanism():
    for model in (
        Organization,
        Application,
        Commitment,
        ProgressReport,
        Meeting,
        Agreement,
        Invitation,
        Assessment,
        Referral,
        Questionnaire,
        ActionItem,
    ):
        assert issubclass(model, LifecycleMixin), model
        assert isinstance(model.lifecycle, Lifecycle), model
        field = model._meta.get_field(model.lifecycle.field)
        states = {value for value, _label in field.choices}
        for transition in model.lifecycle.transitions:
            assert transition.target in states, (model, transition)
            assert transition.source == "*" or set(transition.source) <= states, (model, transition)


def test_an_undeclared_transition_is_refused_and_nothing_changes(declared):
    organization = OrganizationFactory(membership_status=S)
    staff = StaffUserFactory()
    assert not organization.can_transition_to(MembershipStatus.APPLICANT, staff)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        organization.transition_to(MembershipStatus.APPLICANT, user=staff, comment="x")
    assert error.value.code == "transition_not_allowed"
    assert "“Suspended” to “Applicant”" in error.value.messages[0]
    organization.refresh_from_db()
    assert organization.membership_status == S
    assert _entries(organization) == [] and declared == []


def test_permission_refused_for_a_user_without_it(declared):
    organization = OrganizationFactory(membership_status=A)
    member = UserFactory(email="alguien@empresa.example.org")
    assert not organization.can_transition_to(S, member)
    with pytest.raises(ValidationError) as error:
        organization.transition_to(S, user=member, comment="Sin informes")
    assert error.value.code == "transition_not_permitted"
    # A callable permission decides with the user and the object.
    assert not organization.can_transition_to(W, member)
    assert organization.can_transition_to(W, UserFactory(email="ana@secretaria.example.org"))
    organization.refresh_from_db()
    assert organization.membership_status == A and _entries(organization) == []


def test_a_required_comment_is_required(declared):
    organization = OrganizationFactory(membership_status=A)
    staff = StaffUserFactory()
    assert organization.can_transition_to(S, staff)  # the comment is asked when the change is made
    with pytest.raises(ValidationError) as error:
        organization.transition_to(S, user=staff, comment="   ")
    assert error.value.code == "comment_required"
    organization.refresh_from_db()
    assert organization.membership_status == A and _entries(organization) == []


def test_one_history_entry_per_change_with_who_from_to_and_comment(declared, django_capture_on_commit_callbacks):
    organization = OrganizationFactory(membership_status=A)
    staff = StaffUserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        entry = organization.transition_to(S, user=staff, comment="Cuotas pendientes")
    with django_capture_on_commit_callbacks(execute=True):
        organization.transition_to(A)  # the system (no user): no permission to check
    organization.refresh_from_db()
    assert organization.membership_status == A
    history = list(organization.history())
    assert len(history) == 2 and history[1] == entry
    assert (entry.user, entry.data) == (staff, {"from": "active", "to": "suspended", "comment": "Cuotas pendientes"})
    assert history[0].user is None and (history[0].data["from"], history[0].data["to"]) == ("suspended", "active")
    assert ModelLogEntry.objects.filter(object_id=str(organization.pk)).count() == 2  # nothing else recorded
    with translation.override("en"):
        assert entry.message == "Status changed from “Active” to “Suspended”"
        assert entry.comment == "Cuotas pendientes"


def test_notifications_run_only_after_the_commit(declared, django_capture_on_commit_callbacks):
    organization = OrganizationFactory(membership_status=A)
    with django_capture_on_commit_callbacks() as callbacks:
        organization.transition_to(S, user=StaffUserFactory(), comment="x")
        assert declared == []  # not yet: the transaction has not committed
    assert len(callbacks) == 1
    callbacks[0]()
    assert declared == [(A, S)]


def test_a_refused_model_rule_rolls_everything_back():
    commitment_status = CommitmentStatus.SUBMITTED
    from tests.commitments.factories import CommitmentFactory

    commitment = CommitmentFactory(indicator_name="")
    with pytest.raises(ValidationError):
        commitment.transition_to(commitment_status)
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.DRAFT and not commitment.history().exists()


def test_available_transitions_follow_the_declaration_order():
    organization = OrganizationFactory(membership_status=A)
    assert organization.available_transitions() == [S, W]
    assert OrganizationFactory(is_partner=True).available_transitions() == []  # a condition of the object


def test_the_history_template_shows_who_from_to_and_comment(declared):
    from django.template.loader import render_to_string

    organization = OrganizationFactory(membership_status=A)
    staff = StaffUserFactory(first_name="Rosa", last_name="Secretaria")
    organization.transition_to(S, user=staff, comment="Sin informes en un año")
    with translation.override("es"):
        html = render_to_string("lifecycle/history.html", {"entries": organization.history(), "heading": "Historial"})
    assert "Rosa Secretaria" in html
    assert "Estado cambiado de «Activo» a «Suspendido»" in html
    assert "Sin informes en un año" in html


@pytest.mark.parametrize(
    ("model", "states"),
    [
        (Meeting, (MeetingStatus.PLANNED, MeetingStatus.CANCELLED)),
        (Agreement, (AgreementStatus.PENDING, AgreementStatus.DONE)),
        (ProgressReport, (ReportStatus.SUBMITTED, ReportStatus.APPROVED)),
    ],
)
def test_each_app_declares_its_moves(model, states):
    old, new = states
    assert model.lifecycle.find(old, new) is not None


def test_agreement_progress_keeps_its_entry_and_a_new_status_is_one_transition():
    from tests.meetings.factories import AgreementFactory

    organization = OrganizationFactory()
    agreement = AgreementFactory(organizations=[organization])
    agreement.report_progress(AgreementStatus.PENDING, comment="Sin cambios aún", organization=organization)
    assert not agreement.history().exists()  # no change of status, only a progress entry
    agreement.report_progress(AgreementStatus.IN_PROGRESS, comment="Avance", organization=organization)
    entry = agreement.history().get()
    assert entry.data == {"from": "pending", "to": "in_progress", "comment": "Avance", "organization": organization.pk}
    assert agreement.updates.count() == 2
    with pytest.raises(ValidationError):
        agreement.transition_to(AgreementStatus.DROPPED)  # a reason is required
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.IN_PROGRESS and agreement.history().count() == 1
