"""Factories and builders for the supplychain tests."""

import datetime

import factory

from django.utils import timezone

from supplychain.models import (
    ActionItem,
    Assessment,
    AssessmentRound,
    Option,
    Question,
    Questionnaire,
    Referral,
    RiskRegion,
    RiskSector,
    Section,
    Supplier,
)
from tests.members.factories import OrganizationFactory


def make_questionnaire(code="prueba"):
    """A small published questionnaire that is the current one:

    section A: q1 yes/no (weight 2; "no" signals risk; required for all sizes),
               q2 multiple (weight 1; options a=50, b=50), shown only when q1 = si;
    section B: q3 scale (weight 1; risk below 2; required), q4 number (weight 0),
               q5 text (weight 0), q6 evidence (weight 1).
    """
    questionnaire = Questionnaire.objects.create(
        code=code,
        name="Cuestionario de prueba",
        version=1,
        status="published",
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    a = Section.objects.create(
        questionnaire=questionnaire,
        key="a",
        order=1,
        title_es="Sección A",
        title_en="Section A",
        recommendation_es="Recomendación A",
        recommendation_en="Recommendation A",
    )
    b = Section.objects.create(
        questionnaire=questionnaire,
        key="b",
        order=2,
        title_es="Sección B",
        title_en="Section B",
        recommendation_es="Recomendación B",
        recommendation_en="Recommendation B",
    )
    q1 = Question.objects.create(
        section=a,
        key="q1",
        order=1,
        kind="yes_no",
        text_es="¿Política?",
        text_en="Policy?",
        weight=2,
        required_sizes=["micro", "small", "medium", "large"],
        action_es="Adoptar una política",
        action_en="Adopt a policy",
    )
    yes = Option.objects.create(question=q1, key="si", order=1, label_es="Sí", label_en="Yes", score=100)
    Option.objects.create(question=q1, key="no", order=2, label_es="No", label_en="No", score=0, signals_risk=True)
    q2 = Question.objects.create(
        section=a,
        key="q2",
        order=2,
        kind="multiple",
        text_es="¿Alcance?",
        text_en="Scope?",
        weight=1,
        condition_option=yes,
    )
    Option.objects.create(question=q2, key="a", order=1, label_es="Propias", label_en="Own", score=50)
    Option.objects.create(question=q2, key="b", order=2, label_es="Proveedores", label_en="Suppliers", score=50)
    Question.objects.create(
        section=b,
        key="q3",
        order=1,
        kind="scale",
        text_es="¿Visitas?",
        text_en="Visits?",
        weight=1,
        risk_if_below=2,
        required_sizes=["micro", "small", "medium", "large"],
    )
    Question.objects.create(
        section=b, key="q4", order=2, kind="number", text_es="¿Cuántos?", text_en="How many?", weight=0
    )
    Question.objects.create(
        section=b, key="q5", order=3, kind="text", text_es="Comentarios", text_en="Comments", weight=0
    )
    Question.objects.create(
        section=b, key="q6", order=4, kind="evidence", text_es="Evidencia", text_en="Evidence", weight=1
    )
    return questionnaire


def questions_by_key(questionnaire):
    """The questionnaire's questions by key."""
    return {q.key: q for q in Question.objects.filter(section__questionnaire=questionnaire)}


def answer(assessment, key, *, choices=None, number=None, text="", file=""):
    """Store (or replace) the answer of ``assessment`` to the question ``key``."""
    from supplychain.models import Answer

    question = Question.objects.get(section__questionnaire=assessment.questionnaire, key=key)
    return Answer.objects.update_or_create(
        assessment=assessment,
        question=question,
        defaults={"choices": choices or [], "number": number, "text": text, "file": file},
    )[0]


def submitted_assessment(organization, questionnaire, *, year=None, q1="si", q2=("a",), q3=4, user=None):
    """An assessment of ``organization`` that answers q1-q3 and is submitted (so scored)."""
    assessment = Assessment.objects.create(
        organization=organization, year=year or timezone.localdate().year, questionnaire=questionnaire
    )
    answer(assessment, "q1", choices=[q1])
    if q2:
        answer(assessment, "q2", choices=list(q2))
    answer(assessment, "q3", number=q3)
    assessment.transition_to("submitted", user=user)
    return assessment


class RiskSectorFactory(factory.django.DjangoModelFactory):
    """A sector of the child-labour risk map, reused by its Spanish name."""

    class Meta:
        model = RiskSector
        django_get_or_create = ("name_es",)

    name_es = factory.Sequence(lambda n: f"Sector de prueba {n}")
    risk = "medium"


class RiskRegionFactory(factory.django.DjangoModelFactory):
    """A region of the child-labour risk map, reused by name."""

    class Meta:
        model = RiskRegion
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Región de prueba {n}")
    risk = "low"


class SupplierFactory(factory.django.DjangoModelFactory):
    """A supplier of an organisation, in a risk sector and region."""

    class Meta:
        model = Supplier

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Proveedor {n}")
    sector = factory.SubFactory(RiskSectorFactory)
    region = factory.SubFactory(RiskRegionFactory)


class ActionItemFactory(factory.django.DjangoModelFactory):
    """An action of an organisation's improvement plan, due in 30 days."""

    class Meta:
        model = ActionItem

    organization = factory.SubFactory(OrganizationFactory)
    finding = "Sin cláusula en contratos"
    action = factory.Sequence(lambda n: f"Acción {n}")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class ReferralFactory(factory.django.DjangoModelFactory):
    """A referral of detected child labour (two children, hazardous work) to the authorities."""

    class Meta:
        model = Referral

    organization = factory.SubFactory(OrganizationFactory)
    detected_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=20))
    region = factory.SubFactory(RiskRegionFactory)
    activity = "Cosecha de café"
    girls_12_14 = 1
    boys_15_17 = 1
    hazardous = True


class AssessmentRoundFactory(factory.django.DjangoModelFactory):
    """A year's self-assessment round: open since 30 days ago, its deadline in 30 days."""

    class Meta:
        model = AssessmentRound
        django_get_or_create = ("year",)

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
