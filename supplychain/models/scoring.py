"""Scores of a self-assessment, computed only from its stored answers and its own version.

- A question scores 0–100: the chosen option's score (yes/no, single choice); the chosen
  options' scores added up to 100 (multiple choice); (value − 1) × 25 (scale 1–5); 100 when
  a file was given (evidence). Number and text questions inform but do not score.
- A section's score is the weighted mean of its visible scored questions (unanswered = 0);
  the overall score is the weighted mean of every visible scored question.
- A risk flag is a chosen option that signals risk, or a scale/number answer below the
  question's `risk_if_below`.

Pure functions of the loaded structure: they live beside the models that call them and
import only the questionnaire's definitions.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .questionnaires import CHOICE_KINDS, QuestionKind

ONE_DECIMAL = Decimal("0.1")
#: An answer scoring below this (or signalling risk) becomes an action item on submission.
WEAK_ANSWER_BELOW = Decimal(50)


def is_visible(question, answers_by_question):
    """A conditional question is shown only when its condition's option was chosen."""
    option = question.condition_option
    if option is None:
        return True
    answer = answers_by_question.get(option.question_id)
    return bool(answer and option.key in (answer.choices or []))


@dataclass
class WeakAnswer:
    question: object
    score: Decimal | None
    display: str
    risk: bool


@dataclass
class ScoreResult:
    overall: Decimal | None
    sections: dict  # section pk → Decimal or None
    risk_flags: list = field(default_factory=list)
    weak_answers: list = field(default_factory=list)


def question_score(question, answer):
    """0–100 for a scored question (None when the kind does not score)."""
    if not question.is_scored:
        return None
    if answer is None or not answer.has_value:
        return Decimal(0)
    if question.kind in CHOICE_KINDS:
        scores = {o.key: o.score for o in question.options.all()}
        total = sum(scores.get(key, 0) for key in answer.choices or [])
        return Decimal(min(total, 100))
    if question.kind == QuestionKind.SCALE:
        value = min(max(Decimal(answer.number), Decimal(1)), Decimal(5))
        return (value - 1) * 25
    if question.kind == QuestionKind.EVIDENCE:
        return Decimal(100) if answer.file else Decimal(0)
    return None


def is_risky(question, answer):
    if answer is None or not answer.has_value:
        return False
    if question.kind in CHOICE_KINDS:
        risky = {o.key for o in question.options.all() if o.signals_risk}
        return bool(risky.intersection(answer.choices or []))
    if question.kind in (QuestionKind.SCALE, QuestionKind.NUMBER) and question.risk_if_below is not None:
        return answer.number is not None and answer.number < question.risk_if_below
    return False


def _round(value):
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def compute_scores(questionnaire, sections, answers):
    """Scores from loaded structure (`Assessment.load_structure()`): no queries of its own."""
    section_scores = {}
    total_weighted = Decimal(0)
    total_weight = 0
    flags, weak = [], []
    for section in sections:
        weighted, weight = Decimal(0), 0
        for question in section.questions.all():
            if not is_visible(question, answers):
                continue
            answer = answers.get(question.pk)
            score = question_score(question, answer)
            risky = is_risky(question, answer)
            display = answer.display() if answer is not None else ""
            if risky:
                flags.append(
                    {
                        "question": question.key,
                        "section": section.key,
                        "text_es": question.text_es,
                        "text_en": question.text_en,
                        "answer": display,
                    }
                )
            if score is not None:
                weighted += score * question.weight
                weight += question.weight
            if risky or (score is not None and score < WEAK_ANSWER_BELOW):
                weak.append(WeakAnswer(question, score, display, risky))
        section_scores[section.pk] = _round(weighted / weight) if weight else None
        total_weighted += weighted
        total_weight += weight
    overall = _round(total_weighted / total_weight) if total_weight else None
    return ScoreResult(overall=overall, sections=section_scores, risk_flags=flags, weak_answers=weak)


def recompute(assessment):
    """Scores recomputed from what is stored now (used by tests and the admin's check)."""
    sections, answers = assessment.load_structure()
    return compute_scores(assessment.questionnaire, sections, answers)
