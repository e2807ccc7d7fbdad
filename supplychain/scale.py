"""Scale data of the supplychain app: suppliers and scored self-assessments with their answers."""

import datetime
from decimal import Decimal

from django.utils import timezone

from network_site.scale_data import aware, fast_insert, pick

from .models import (
    Answer,
    Assessment,
    AssessmentStatus,
    QuestionKind,
    Questionnaire,
    RiskRegion,
    RiskSector,
    SectionScore,
    Supplier,
    SupplierTier,
    maturity_for,
)
from .models.scoring import compute_scores

SIZES = {"tiny": {"assessments": 6}, "national": {"assessments": 250}, "regional": {"assessments": 10_000}}
ANSWER_COLUMNS = ["assessment", "question", "choices", "number", "text", "file", "revision", "updated_at"]
#: Distinct sets of answers shared by the generated self-assessments.
ANSWER_PROFILES = 40


def generate(run):
    with run.step("suppliers"):
        make_suppliers(run)
    with run.step("self-assessments"):
        make_assessments(run)


def make_suppliers(run):
    """Most active members keep a few suppliers on their value-chain map."""
    rng = run.rng
    sectors = list(RiskSector.objects.all()) or [None]
    risk_regions = list(RiskRegion.objects.all()) or [None]
    suppliers = []
    for organization in run.active:
        for index in range(rng.randint(1, 4)):
            suppliers.append(
                Supplier(
                    organization=organization,
                    name=f"Proveedor {index + 1} de {organization.short_name}",
                    tier=rng.choice(SupplierTier.values),
                    sector=rng.choice(sectors),
                    region=rng.choice(risk_regions),
                    products="Materia prima agrícola",
                    workers=rng.randint(3, 400),
                )
            )
    Supplier.objects.bulk_create(suppliers, batch_size=run.batch)
    run.stdout.write(f"  {len(suppliers):,} suppliers")


def make_assessments(run):
    rng, total = run.rng, run.sizes["assessments"]
    questionnaire = Questionnaire.objects.current()
    members = [o for o in run.active if not o.is_partner]
    if questionnaire is None or not members or not total:
        run.stdout.write("  no published questionnaire or no active member: skipped")
        return
    sections = list(questionnaire.sections.prefetch_related("questions__options", "questions__condition_option"))
    questions = [q for s in sections for q in s.questions.all()]

    # A few dozen answer profiles, from weak to mature, each scored once with the app's own
    # scoring and shared by many assessments (scoring each one would dominate the run time).
    profiles = []
    for number in range(ANSWER_PROFILES):
        skill = (number + 0.5) / ANSWER_PROFILES
        answers = {}
        for question in questions:
            answer = Answer(question=question)
            options = sorted(question.options.all(), key=lambda o: o.score)
            if question.kind in (QuestionKind.YES_NO, QuestionKind.SINGLE) and options:
                position = int(skill * len(options) + rng.uniform(-0.5, 0.5))
                answer.choices = [options[max(0, min(len(options) - 1, position))].key]
            elif question.kind == QuestionKind.MULTIPLE and options:
                answer.choices = [o.key for o in options if rng.random() < skill]
            elif question.kind == QuestionKind.SCALE:
                answer.number = Decimal(max(1, min(5, round(1 + skill * 4 + rng.uniform(-1, 1)))))
            elif question.kind == QuestionKind.NUMBER:
                answer.number = Decimal(rng.randint(0, 200))
            elif question.kind == QuestionKind.TEXT:
                answer.text = "Contamos con un procedimiento documentado."
            else:
                continue  # evidence questions: no file in synthetic data
            answers[question.pk] = answer
        result = compute_scores(questionnaire, sections, answers)
        rows = [(pk, a.choices, a.number, a.text) for pk, a in answers.items()]
        profiles.append((rows, rows[::2], result))

    progress = run.progress("self-assessments", total)
    chunk_size = max(run.batch // 10, 100)
    year, now = run.today.year, timezone.now()
    for chunk_start in range(0, total, chunk_size):
        assessments, chosen = [], []
        for index in range(chunk_start, min(total, chunk_start + chunk_size)):
            organization = members[index % len(members)]
            status = pick(rng, {"reviewed": 45, "submitted": 30, "draft": 20, "returned": 5})
            profile = rng.choice(profiles)
            assessment = Assessment(
                organization=organization,
                year=year - index // len(members),
                questionnaire=questionnaire,
                status=status,
            )
            if status != AssessmentStatus.DRAFT:
                result = profile[2]
                assessment.overall_score = result.overall
                assessment.maturity = maturity_for(result.overall)
                assessment.risk_flags = result.risk_flags
                assessment.submitted_at = aware(datetime.date(assessment.year, 3, 15))
                if status == AssessmentStatus.REVIEWED:
                    assessment.reviewed_at = aware(datetime.date(assessment.year, 4, 15))
            assessments.append(assessment)
            chosen.append(profile)
        Assessment.objects.bulk_create(assessments, batch_size=run.batch)
        if assessments[0].pk is None:
            keys = {(a.organization_id, a.year): a for a in assessments}
            for pk, org_id, a_year in Assessment.objects.filter(
                organization__in=[a.organization_id for a in assessments]
            ).values_list("pk", "organization_id", "year"):
                if (org_id, a_year) in keys:
                    keys[(org_id, a_year)].pk = pk
        answer_rows, score_rows = [], []
        for assessment, (complete, partial, result) in zip(assessments, chosen, strict=True):
            draft = assessment.status == AssessmentStatus.DRAFT
            for question_id, choices, number, text in partial if draft else complete:
                answer_rows.append((assessment.pk, question_id, choices, number, text, "", 1, now))
            if not draft:
                for section in sections:
                    score = result.sections.get(section.pk)
                    if score is not None:
                        score_rows.append((assessment.pk, section.pk, section.key, score))
        fast_insert(Answer, ANSWER_COLUMNS, answer_rows)
        fast_insert(SectionScore, ["assessment", "section", "section_key", "score"], score_rows)
        progress.add(len(assessments))
