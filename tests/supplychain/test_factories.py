import pytest

from django.utils import timezone

from supplychain.models import Questionnaire

from .factories import (
    ActionItemFactory,
    AssessmentRoundFactory,
    ReferralFactory,
    RiskRegionFactory,
    RiskSectorFactory,
    SupplierFactory,
    answer,
    make_questionnaire,
    questions_by_key,
    submitted_assessment,
)

pytestmark = pytest.mark.django_db


def test_make_questionnaire_builds_the_current_questionnaire_with_six_questions():
    questionnaire = make_questionnaire()
    assert Questionnaire.objects.current() == questionnaire
    questions = questions_by_key(questionnaire)
    assert sorted(questions) == ["q1", "q2", "q3", "q4", "q5", "q6"]
    assert questions["q2"].condition_option.key == "si"


def test_submitted_assessment_is_scored(organization):
    questionnaire = make_questionnaire()
    assessment = submitted_assessment(organization, questionnaire)
    assert assessment.status == "submitted" and assessment.overall_score is not None
    assert answer(assessment, "q4", number=3).number == 3


def test_risk_map_factories_reuse_names():
    assert RiskSectorFactory(name_es="Café") == RiskSectorFactory(name_es="Café")
    assert RiskRegionFactory(name="Los Santos") == RiskRegionFactory(name="Los Santos")


def test_supplier_action_and_referral_factories():
    supplier = SupplierFactory()
    assert supplier.organization.pk and supplier.sector.pk and supplier.region.pk
    action = ActionItemFactory()
    assert action.organization.pk and action.due_date > timezone.localdate()
    referral = ReferralFactory()
    assert referral.status == "identified" and referral.hazardous
    assert referral.organization.pk and referral.region.pk


def test_assessment_round_factory_is_open_today():
    assessment_round = AssessmentRoundFactory()
    assert assessment_round.year == timezone.localdate().year and assessment_round.is_open()
