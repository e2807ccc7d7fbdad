"""Self-assessments: one per organisation and year, answered against one questionnaire version."""

import hashlib
import json
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.access import OrganizationScopedQuerySet
from members.models import Organization
from network_site.lifecycle import Lifecycle, LifecycleMixin, Transition
from network_site.networks import scoped_manager
from network_site.storage import PrivateFileField

from .. import notifications
from .questionnaires import CHOICE_KINDS, Question, QuestionKind, Questionnaire, Section
from .scoring import compute_scores, is_visible
from .valuechain import ActionItem


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    REVIEWED = "reviewed", _("Reviewed")


EDITABLE_STATUSES = {AssessmentStatus.DRAFT, AssessmentStatus.RETURNED}
_S = AssessmentStatus
_REVIEW = "supplychain.change_assessment"
#: A self-assessment's moves: the organisation submits, the secretariat reviews or returns it.
ASSESSMENT_LIFECYCLE = Lifecycle(
    transitions=[
        Transition([_S.DRAFT, _S.RETURNED], _S.SUBMITTED, name="submit"),
        Transition([_S.SUBMITTED], _S.REVIEWED, permission=_REVIEW, name="review"),
        Transition(
            [_S.SUBMITTED],
            _S.RETURNED,
            permission=_REVIEW,
            comment_required=_("Say what must change when returning an assessment."),
            name="return",
        ),
    ],
    refused_message=_("A self-assessment cannot go from “%(old)s” to “%(new)s”."),
)
SCORED_STATUSES = {AssessmentStatus.SUBMITTED, AssessmentStatus.REVIEWED}


class Maturity(models.TextChoices):
    INITIAL = "initial", _("Initial")
    DEVELOPING = "developing", _("Developing")
    ESTABLISHED = "established", _("Established")
    ADVANCED = "advanced", _("Advanced")


#: Lower bound (inclusive) of each maturity level's score, highest first.
MATURITY_THRESHOLDS = [
    (Decimal(80), Maturity.ADVANCED),
    (Decimal(60), Maturity.ESTABLISHED),
    (Decimal(40), Maturity.DEVELOPING),
    (Decimal(0), Maturity.INITIAL),
]
#: A section scoring below this gets its recommendation on the results page.
WEAK_SECTION_BELOW = Decimal(60)


def maturity_for(score):
    if score is None:
        return ""
    for threshold, level in MATURITY_THRESHOLDS:
        if score >= threshold:
            return level
    return Maturity.INITIAL


class AssessmentQuerySet(OrganizationScopedQuerySet):
    def scored(self):
        return self.filter(status__in=SCORED_STATUSES)


class Assessment(LifecycleMixin, models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire version"), on_delete=models.PROTECT, related_name="assessments"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT, db_index=True
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    prefilled_from = models.ForeignKey(
        "self", verbose_name=_("pre-filled from"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_comment = models.TextField(_("secretariat's comment"), blank=True)
    overall_score = models.DecimalField(_("overall score"), max_digits=5, decimal_places=1, null=True, blank=True)
    maturity = models.CharField(_("maturity level"), max_length=12, choices=Maturity.choices, blank=True)
    risk_flags = models.JSONField(_("risk flags"), default=list, blank=True)

    objects = scoped_manager(AssessmentQuerySet, "organization__network")
    lifecycle = ASSESSMENT_LIFECYCLE

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["-year", "organization__name"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="supplychain_assessment_year")]

    def __str__(self):
        return f"{self.organization} · {self.year}"

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def is_scored(self):
        return self.status in SCORED_STATUSES

    # --- Answers and visibility -----------------------------------------------------------

    def load_structure(self):
        """Sections with their questions and options (3 queries), and answers by question id (1)."""
        sections = list(
            self.questionnaire.sections.prefetch_related("questions__options", "questions__condition_option")
        )
        questions = {q.pk: q for s in sections for q in s.questions.all()}
        answers = {}
        for answer in self.answers.select_related("updated_by"):
            answer.question = questions.get(answer.question_id) or answer.question
            answers[answer.question_id] = answer
        return sections, answers

    visible = staticmethod(is_visible)

    def completion(self, sections=None, answers=None):
        """Per section: (section, answered, visible, missing required) — from loaded data."""
        if sections is None:
            sections, answers = self.load_structure()
        size = self.organization.size
        rows = []
        for section in sections:
            answered = visible = 0
            missing = []
            for question in section.questions.all():
                if not self.visible(question, answers):
                    continue
                visible += 1
                answer = answers.get(question.pk)
                if answer is not None and answer.has_value:
                    answered += 1
                elif question.is_required_for(size):
                    missing.append(question)
            rows.append(SectionCompletion(section, answered, visible, missing))
        return rows

    # --- Lifecycle (network_site.lifecycle): transition_to(status, user=..., comment=...) -------

    def validate_transition(self, old, new, *, user, comment, **extra):
        if new != AssessmentStatus.SUBMITTED:
            return
        sections, answers = self.load_structure()
        missing = [q for row in self.completion(sections, answers) for q in row.missing]
        if missing:
            raise ValidationError(
                _("%(n)s required questions are still unanswered.") % {"n": len(missing)}, code="incomplete"
            )
        self._loaded = sections, answers

    def on_transition(self, old, new, *, user, comment, **extra):
        if new == AssessmentStatus.SUBMITTED:
            return self._score(user)
        self.reviewed_at = timezone.now()
        self.reviewed_by = user
        self.review_comment = comment
        return ["reviewed_at", "reviewed_by", "review_comment"]

    def _score(self, user):
        """Scores from the version it was filled against; weak answers become action items."""
        sections, answers = self._loaded
        result = compute_scores(self.questionnaire, sections, answers)
        self.overall_score = result.overall
        self.maturity = maturity_for(result.overall)
        self.risk_flags = result.risk_flags
        self.submitted_at = timezone.now()
        self.submitted_by = user
        self.section_scores.all().delete()
        SectionScore.objects.bulk_create(
            SectionScore(assessment=self, section=section, section_key=section.key, score=result.sections[section.pk])
            for section in sections
            if result.sections.get(section.pk) is not None
        )
        ActionItem.create_from_weak_answers(self, result)
        self.score_result = result
        return ["overall_score", "maturity", "risk_flags", "submitted_at", "submitted_by"]

    def transition_log_data(self, old, new, *, user, comment, **extra):
        if new == AssessmentStatus.SUBMITTED:
            return {"overall": str(self.overall_score), "maturity": self.maturity}
        return {}

    def after_transition(self, old, new, *, user, comment, **extra):
        if new in (AssessmentStatus.REVIEWED, AssessmentStatus.RETURNED):
            notifications.notify_representatives(self, returned=new == AssessmentStatus.RETURNED)


class SectionCompletion:
    def __init__(self, section, answered, visible, missing):
        self.section, self.answered, self.visible, self.missing = section, answered, visible, missing

    @property
    def percent(self):
        return round(100 * self.answered / self.visible) if self.visible else 100

    @property
    def is_complete(self):
        return not self.missing and self.answered == self.visible


def evidence_upload_to(instance, filename):
    return f"supplychain/evidence/{instance.assessment.organization_id}/{instance.assessment.year}/{filename}"


class AnswerQuerySet(OrganizationScopedQuerySet):
    organization_lookup = "assessment__organization"


class Answer(models.Model):
    """One question's answer; `revision` grows on every change (optimistic locking)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    choices = models.JSONField(_("chosen options"), default=list, blank=True)
    number = models.DecimalField(_("number"), max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    file = PrivateFileField(_("evidence file"), upload_to=evidence_upload_to, blank=True, max_length=300)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = scoped_manager(AnswerQuerySet, "assessment__organization__network")

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["assessment", "question"], name="supplychain_answer_once")]

    def __str__(self):
        return f"{self.assessment} · {self.question.key}"

    @property
    def has_value(self):
        return bool(self.choices) or self.number is not None or bool(self.text.strip()) or bool(self.file)

    def canonical(self):
        """A comparable form of the value (what two people may disagree on)."""
        return canonical_value(
            self.question.kind, self.choices, self.number, self.text, self.file.name if self.file else ""
        )

    def display(self):
        """The value as a person reads it, in the active language."""
        question = self.question
        if question.kind in CHOICE_KINDS:
            labels = {o.key: o.label for o in question.options.all()}
            return ", ".join(str(labels.get(k, k)) for k in self.choices or [])
        if question.kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
            return "" if self.number is None else f"{self.number.normalize():f}"
        if question.kind == QuestionKind.EVIDENCE:
            return self.file.name.rsplit("/", 1)[-1] if self.file else ""
        return self.text


def canonical_value(kind, choices=None, number=None, text="", file_name=""):
    if kind in CHOICE_KINDS:
        return sorted(choices or [])
    if kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
        return None if number is None else f"{Decimal(number).normalize():f}"
    if kind == QuestionKind.EVIDENCE:
        return file_name or ""
    return (text or "").strip()


def fingerprint(value):
    """A short, stable digest of a canonical value, carried by the form to detect changes."""
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:16]


class SectionScore(models.Model):
    """A submitted assessment's score in one section (0–100), stored for benchmarks."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="section_scores")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="scores")
    section_key = models.SlugField(_("section key"), max_length=50, db_index=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = _("section score")
        verbose_name_plural = _("section scores")
        ordering = ["section__order"]
        constraints = [models.UniqueConstraint(fields=["assessment", "section"], name="supplychain_section_score")]

    def __str__(self):
        return f"{self.assessment} · {self.section_key}: {self.score}"
