from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from wagtail.models import ModelLogEntry

from supplychain.models import (
    Assessment,
    Option,
    Question,
    Questionnaire,
    QuestionnaireLocked,
    Section,
)
from supplychain.models.scoring import recompute

from .factories import answer, questions_by_key, submitted_assessment

pytestmark = pytest.mark.django_db


def test_default_questionnaire_ships_with_migrations():
    default = Questionnaire.objects.get(code="oit-oie", version=1)
    assert default.status == "published"
    questions = Question.objects.filter(section__questionnaire=default)
    assert questions.count() >= 40
    sections = list(default.sections.values_list("key", flat=True))
    assert len(sections) == 9
    assert {"politica", "verificacion-edad", "adolescentes", "remediacion", "quejas", "comunidad"} <= set(sections)
    assert not questions.filter(text_en="").exists()
    assert not questions.filter(text_es="").exists()
    assert questions.exclude(condition_option=None).count() >= 3
    assert Option.objects.filter(question__section__questionnaire=default, signals_risk=True).exists()
    # Every condition points at an option of the same version.
    for question in questions.exclude(condition_option=None).select_related("condition_option__question__section"):
        assert question.condition_option.question.section.questionnaire_id == default.pk


def test_current_is_latest_published(questionnaire):
    assert Questionnaire.objects.current() == questionnaire


def test_scores_recomputed_from_stored_answers_equal_stored_scores(organization, questionnaire):
    assessment = submitted_assessment(organization, questionnaire, q1="si", q2=("a",), q3=4)
    assessment.refresh_from_db()
    # Section A: q1 100×2 + q2 50×1 → 250/3 = 83.3; Section B: q3 (4−1)×25=75 ×1 + q6 missing 0 ×1 → 37.5
    stored = {s.section_key: s.score for s in assessment.section_scores.all()}
    assert stored == {"a": Decimal("83.3"), "b": Decimal("37.5")}
    # Overall: (200 + 50 + 75 + 0) / 5 = 65
    assert assessment.overall_score == Decimal("65.0")
    assert assessment.maturity == "established"
    result = recompute(assessment)
    assert result.overall == assessment.overall_score
    assert {s.key: result.sections[s.pk] for s in assessment.questionnaire.sections.all()} == stored


def test_risk_flags_and_hidden_conditional_questions(organization, questionnaire):
    assessment = Assessment.objects.create(organization=organization, year=2024, questionnaire=questionnaire)
    answer(assessment, "q1", choices=["no"])
    answer(assessment, "q2", choices=["a", "b"])  # hidden: q1 is not "si", so it does not count
    answer(assessment, "q3", number=1)
    assessment.transition_to("submitted")
    assessment.refresh_from_db()
    assert assessment.overall_score == Decimal("0.0")
    assert assessment.maturity == "initial"
    assert {flag["question"] for flag in assessment.risk_flags} == {"q1", "q3"}
    # Weak answers became action items, with the question's own recommended action.
    actions = {item.question_key: item for item in assessment.action_items.all()}
    assert {"q1", "q3", "q6"} <= set(actions)
    assert actions["q1"].action == "Adoptar una política"
    assert actions["q1"].due_date is not None


def test_submit_refuses_missing_required_answers(organization, questionnaire):
    from django.core.exceptions import ValidationError

    assessment = Assessment.objects.create(organization=organization, year=2024, questionnaire=questionnaire)
    answer(assessment, "q1", choices=["si"])
    with pytest.raises(ValidationError):
        assessment.transition_to("submitted")
    assessment.refresh_from_db()
    assert assessment.status == "draft"
    assert assessment.overall_score is None


def test_a_version_with_answers_cannot_change(organization, questionnaire):
    assessment = Assessment.objects.create(organization=organization, year=2024, questionnaire=questionnaire)
    answer(assessment, "q1", choices=["si"])
    questions = questions_by_key(questionnaire)
    q1 = questions["q1"]
    q1.text_es = "Otra pregunta"
    with pytest.raises(QuestionnaireLocked):
        q1.save()
    with pytest.raises(QuestionnaireLocked):
        q1.options.first().delete()
    with pytest.raises(QuestionnaireLocked):
        Option.objects.create(question=q1, key="quiza", label_es="Quizá")
    with pytest.raises(QuestionnaireLocked):
        Section.objects.create(questionnaire=questionnaire, key="c", title_es="Nueva")
    questionnaire.name = "Otro nombre"
    with pytest.raises(QuestionnaireLocked):
        questionnaire.save()
    with pytest.raises(QuestionnaireLocked):
        Questionnaire.objects.get(pk=questionnaire.pk).delete()
    assert Question.objects.get(pk=q1.pk).text_es == "¿Política?"
    # Its life cycle may still change (archiving a used version).
    fresh = Questionnaire.objects.get(pk=questionnaire.pk)
    fresh.status = "archived"
    fresh.save()
    assert Questionnaire.objects.get(pk=questionnaire.pk).status == "archived"


def test_new_version_deep_copies_and_is_editable(organization, questionnaire):
    Assessment.objects.create(organization=organization, year=2024, questionnaire=questionnaire)
    copy = questionnaire.new_version()
    assert copy.version == 2 and copy.status == "draft" and copy.based_on == questionnaire
    old = questions_by_key(questionnaire)
    new = questions_by_key(copy)
    assert set(old) == set(new)
    assert new["q2"].condition_option.question == new["q1"]
    assert new["q2"].condition_option.key == "si"
    assert list(new["q1"].options.values_list("key", "score", "signals_risk")) == list(
        old["q1"].options.values_list("key", "score", "signals_risk")
    )
    new["q1"].text_es = "Cambiada"
    new["q1"].save()
    assert Question.objects.get(pk=old["q1"].pk).text_es == "¿Política?"


def test_admin_editing_a_used_version_leads_to_a_new_version(staff_client, organization, questionnaire):
    Assessment.objects.create(organization=organization, year=2024, questionnaire=questionnaire)
    response = staff_client.get(reverse("supplychain_questionnaires:edit", args=[questionnaire.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("supplychain_questionnaires:new_version", args=[questionnaire.pk])
    q1 = questions_by_key(questionnaire)["q1"]
    response = staff_client.post(reverse("supplychain_questions:edit", args=[q1.pk]), {"text_es": "x"})
    assert response.status_code == 302
    assert Question.objects.get(pk=q1.pk).text_es == "¿Política?"
    response = staff_client.post(reverse("supplychain_questionnaires:new_version", args=[questionnaire.pk]))
    copy = Questionnaire.objects.get(code=questionnaire.code, version=2)
    assert response["Location"] == reverse("supplychain_questionnaires:edit", args=[copy.pk])
    assert staff_client.get(reverse("supplychain_questionnaires:edit", args=[copy.pk])).status_code == 200


def test_admin_pages_render(staff_client, organization, questionnaire):
    assessment = submitted_assessment(organization, questionnaire)
    for name in (
        "questionnaires",
        "questions",
        "assessments",
        "suppliers",
        "actions",
        "referrals",
        "risk_sectors",
        "risk_regions",
    ):
        assert staff_client.get(reverse(f"supplychain_{name}:index")).status_code == 200, name
    assert staff_client.get(reverse("supplychain_assessments:inspect", args=[assessment.pk])).status_code == 200
    q1 = questions_by_key(Questionnaire.objects.get(code="oit-oie", version=1))["politica-escrita"]
    assert staff_client.get(reverse("supplychain_questions:inspect", args=[q1.pk])).status_code == 200


@pytest.mark.parametrize(("size", "q4_required"), [("small", False), ("medium", True), ("large", True), ("", True)])
def test_questions_required_by_company_size(organization, questionnaire, size, q4_required):
    """q4 is required for medium and large companies only (and, when the size is unknown, for
    any size); q1 and q3 for every size; q5 for none."""
    Question.objects.filter(section__questionnaire=questionnaire, key="q4").update(required_sizes=["medium", "large"])
    organization.size = size
    organization.save()
    assessment = Assessment.objects.create(organization=organization, year=2024, questionnaire=questionnaire)
    answer(assessment, "q1", choices=["si"])
    missing = {question.key for row in assessment.completion() for question in row.missing}
    assert missing == ({"q3", "q4"} if q4_required else {"q3"})
    answer(assessment, "q3", number=4)
    missing = {question.key for row in assessment.completion() for question in row.missing}
    assert missing == ({"q4"} if q4_required else set())
    if q4_required:
        with pytest.raises(ValidationError):
            assessment.transition_to("submitted")
        assert Assessment.objects.get(pk=assessment.pk).status == "draft"
        answer(assessment, "q4", number=12)
    assessment.transition_to("submitted")
    assert Assessment.objects.get(pk=assessment.pk).status == "submitted"


def test_is_required_for_a_size():
    question = Question(required_sizes=["medium", "large"])
    assert [question.is_required_for(size) for size in ("micro", "small", "medium", "large")] == [
        False,
        False,
        True,
        True,
    ]
    assert question.is_required_for("")  # size unknown: required when required for any size
    assert not Question(required_sizes=[]).is_required_for("")
    assert not Question(required_sizes=[]).is_required_for("large")


def _edit_form_data(form):
    """The POST data of a Wagtail edit form as it was rendered (its inline formsets included)."""
    data = {}
    for part in [form, *[f for formset in form.formsets.values() for f in (formset.management_form, *formset)]]:
        for name in part.fields:
            value = part[name].value()
            if value is not None:
                data[part.add_prefix(name)] = value
    return data


def test_publishing_a_version_goes_through_its_lifecycle(staff_client, staff_user, questionnaire):
    draft = questionnaire.new_version()
    url = reverse("supplychain_questionnaires:publish", args=[draft.pk])
    assert staff_client.post(url, follow=True).status_code == 200
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_at is not None
    entry = draft.history().get()
    assert (entry.user, entry.data) == (staff_user, {"from": "draft", "to": "published", "comment": ""})
    assert not ModelLogEntry.objects.filter(action="supplychain.questionnaire_published").exists()
    # Published again: not a declared move; a message, not an error page, and nothing changes.
    published_at = draft.published_at
    response = staff_client.post(url, follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    draft.refresh_from_db()
    assert draft.published_at == published_at and draft.history().count() == 1
    with translation.override("en"), pytest.raises(ValidationError) as error:
        draft.transition_to("published", user=staff_user)
    assert error.value.messages == ["A questionnaire version cannot go from “Published” to “Published”."]


def test_the_status_field_of_the_edit_form_goes_through_the_lifecycle(staff_client, staff_user, questionnaire):
    draft = questionnaire.new_version()
    url = reverse("supplychain_questionnaires:edit", args=[draft.pk])
    data = _edit_form_data(staff_client.get(url).context["form"])
    data.update(status="archived", name="Cuestionario archivado")
    assert staff_client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.name) == ("archived", "Cuestionario archivado")
    entry = draft.history().get()
    assert (entry.user, entry.data) == (staff_user, {"from": "draft", "to": "archived", "comment": ""})
    # Archived → draft is not declared: the field's error, and nothing of the form is saved.
    data = _edit_form_data(staff_client.get(url).context["form"])
    data.update(status="draft", name="Otro nombre")
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["status"]
    draft.refresh_from_db()
    assert (draft.status, draft.name) == ("archived", "Cuestionario archivado")
    assert draft.history().count() == 1
