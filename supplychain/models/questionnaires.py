"""Versioned questionnaire templates: Questionnaire → Section → Question → Option.

A version that has assessments (and so answers) is locked: saving or deleting it, its
sections, questions or options raises `QuestionnaireLocked`. The secretariat makes a new
version with `Questionnaire.new_version()`, which deep-copies it (keys are kept, so answers
of earlier years pre-fill the new version question by question).
"""

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from members.models import OrganizationSize
from network_site.lifecycle import Lifecycle, LifecycleMixin, Transition
from network_site.models import NetworkOwnedModel
from network_site.networks import scoped_manager


class QuestionnaireLocked(ValidationError):
    """A questionnaire version that has answers cannot change."""

    def __init__(self, questionnaire=None):
        super().__init__(
            _("This questionnaire version already has answers and cannot change; create a new version instead."),
            code="locked",
        )


def localized(obj, field):
    """`obj.<field>_<active language>`, falling back to Spanish."""
    language = (translation.get_language() or "es").split("-")[0]
    value = getattr(obj, f"{field}_{language}", "") if language != "es" else ""
    return value or getattr(obj, f"{field}_es", "")


class QuestionnaireStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


#: A draft (or an archived version) is published; a published one is archived, or goes back to
#: draft; the secretariat makes these moves (the admin's "Publish" button and the status field).
QUESTIONNAIRE_LIFECYCLE = Lifecycle(
    transitions=[
        Transition(
            [QuestionnaireStatus.DRAFT, QuestionnaireStatus.ARCHIVED],
            QuestionnaireStatus.PUBLISHED,
            permission="supplychain.change_questionnaire",
            name="publish",
        ),
        Transition(
            [QuestionnaireStatus.DRAFT, QuestionnaireStatus.PUBLISHED],
            QuestionnaireStatus.ARCHIVED,
            permission="supplychain.change_questionnaire",
            name="archive",
        ),
        Transition(
            [QuestionnaireStatus.PUBLISHED],
            QuestionnaireStatus.DRAFT,
            permission="supplychain.change_questionnaire",
            name="unpublish",
        ),
    ],
    refused_message=_("A questionnaire version cannot go from “%(old)s” to “%(new)s”."),
)


class QuestionnaireQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=QuestionnaireStatus.PUBLISHED)

    def current(self):
        """The version new assessments start on: the latest published one."""
        return self.published().order_by("-published_at", "-version").first()


class Questionnaire(LifecycleMixin, ClusterableModel, NetworkOwnedModel):
    code = models.SlugField(
        _("code"),
        max_length=50,
        default="oit-oie",
        help_text=_("Identifies the questionnaire across its versions."),
    )
    name = models.CharField(_("name"), max_length=200)
    version = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=12, choices=QuestionnaireStatus.choices, default=QuestionnaireStatus.DRAFT
    )
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    based_on = models.ForeignKey(
        "self", verbose_name=_("based on"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = scoped_manager(QuestionnaireQuerySet)
    lifecycle = QUESTIONNAIRE_LIFECYCLE

    #: Fields that may change on a locked version (its life cycle, not its content).
    LIFECYCLE_FIELDS = {"status", "published_at"}

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["network", "code", "version"], name="supplychain_questionnaire_version")
        ]

    def __str__(self):
        return f"{self.name} (v{self.version})"

    @property
    def description(self):
        return localized(self, "description")

    @property
    def is_locked(self):
        """Whether any assessment was started on this version (its answers depend on it)."""
        if not self.pk:
            return False
        return self.assessments.exists()

    def _content_changed(self):
        old = type(self).objects.filter(pk=self.pk).values().first()
        if old is None:
            return False
        for field in self._meta.concrete_fields:
            if field.attname in self.LIFECYCLE_FIELDS or field.attname in ("id", "created_at"):
                continue
            if old.get(field.attname) != getattr(self, field.attname):
                return True
        return False

    def save(self, *args, **kwargs):
        if self.pk and self.is_locked and self._content_changed():
            raise QuestionnaireLocked(self)
        if self.status == QuestionnaireStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_locked:
            raise QuestionnaireLocked(self)
        return super().delete(*args, **kwargs)

    # --- Lifecycle (network_site.lifecycle): transition_to(status, user=...) -------------------

    def on_transition(self, old, new, *, user, comment, **extra):
        if new == QuestionnaireStatus.PUBLISHED:  # new self-assessments start on the latest published
            self.published_at = timezone.now()
            return ["published_at"]
        return []

    @transaction.atomic
    def new_version(self, *, user=None):
        """Deep-copy this version (sections, questions, options, conditions) into a new draft."""
        latest = Questionnaire.objects.filter(code=self.code).aggregate(models.Max("version"))["version__max"] or 0
        copy = Questionnaire.objects.create(
            code=self.code,
            name=self.name,
            version=latest + 1,
            status=QuestionnaireStatus.DRAFT,
            description_es=self.description_es,
            description_en=self.description_en,
            based_on=self,
        )
        option_map = {}
        conditions = []
        for section in self.sections.prefetch_related("questions__options"):
            new_section = Section.objects.create(
                **{
                    f.attname: getattr(section, f.attname)
                    for f in Section._meta.concrete_fields
                    if f.attname not in ("id", "questionnaire_id")
                },
                questionnaire=copy,
            )
            for question in section.questions.all():
                values = {
                    f.attname: getattr(question, f.attname)
                    for f in Question._meta.concrete_fields
                    if f.attname not in ("id", "section_id", "condition_option_id")
                }
                new_question = Question.objects.create(section=new_section, **values)
                if question.condition_option_id:
                    conditions.append((new_question, question.condition_option_id))
                for option in question.options.all():
                    option_values = {
                        f.attname: getattr(option, f.attname)
                        for f in Option._meta.concrete_fields
                        if f.attname not in ("id", "question_id")
                    }
                    option_map[option.pk] = Option.objects.create(question=new_question, **option_values)
        for new_question, old_option_id in conditions:
            new_question.condition_option = option_map.get(old_option_id)
            new_question.save(update_fields=["condition_option"])
        log(instance=copy, action="supplychain.questionnaire_new_version", user=user, data={"from": self.pk})
        return copy


class LockedByQuestionnaireMixin:
    """Sections, questions and options follow their questionnaire's lock."""

    def get_questionnaire(self):
        raise NotImplementedError

    def _check_unlocked(self):
        questionnaire = self.get_questionnaire()
        if questionnaire is not None and questionnaire.is_locked:
            raise QuestionnaireLocked(questionnaire)

    def save(self, *args, **kwargs):
        self._check_unlocked()
        if self.pk:
            # Moving an object out of a locked version is a change of that version too.
            previous = type(self).objects.filter(pk=self.pk).first()
            if previous is not None:
                previous._check_unlocked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check_unlocked()
        return super().delete(*args, **kwargs)


class Section(LockedByQuestionnaireMixin, ClusterableModel):
    questionnaire = ParentalKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="sections"
    )
    key = models.SlugField(_("key"), max_length=50, help_text=_("Stable across versions (benchmarks and pre-fill)."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_es = models.CharField(_("title (Spanish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    intro_es = models.TextField(_("introduction (Spanish)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    recommendation_es = models.TextField(
        _("recommendation when weak (Spanish)"), blank=True, help_text=_("Shown when the section scores low.")
    )
    recommendation_en = models.TextField(_("recommendation when weak (English)"), blank=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["questionnaire", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "key"], name="supplychain_section_key")]

    def __str__(self):
        return f"{self.order}. {self.title}"

    def get_questionnaire(self):
        return self.questionnaire if self.questionnaire_id else None

    @property
    def title(self):
        return localized(self, "title")

    @property
    def intro(self):
        return localized(self, "intro")

    @property
    def recommendation(self):
        return localized(self, "recommendation")


class QuestionKind(models.TextChoices):
    YES_NO = "yes_no", _("Yes / no")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE = "scale", _("Scale 1 to 5")
    NUMBER = "number", _("Number")
    TEXT = "text", _("Text")
    EVIDENCE = "evidence", _("Evidence file")


CHOICE_KINDS = {QuestionKind.YES_NO, QuestionKind.SINGLE, QuestionKind.MULTIPLE}
SCORED_KINDS = CHOICE_KINDS | {QuestionKind.SCALE, QuestionKind.EVIDENCE}
ALL_SIZES = [size for size, _label in OrganizationSize.choices]


class Question(LockedByQuestionnaireMixin, ClusterableModel):
    section = ParentalKey(Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(
        _("key"), max_length=60, help_text=_("Stable across versions: last year's answer pre-fills by this key.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.YES_NO)
    text_es = models.TextField(_("question (Spanish)"))
    text_en = models.TextField(_("question (English)"), blank=True)
    help_es = models.TextField(_("help text (Spanish)"), blank=True)
    help_en = models.TextField(_("help text (English)"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, help_text=_("0 means the question informs but does not count in the score.")
    )
    required_sizes = models.JSONField(
        _("required for company sizes"),
        default=list,
        blank=True,
        help_text=_("Company sizes that must answer it; the others may leave it blank."),
    )
    condition_option = models.ForeignKey(
        "Option",
        verbose_name=_("shown only after the answer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dependent_questions",
        help_text=_("The question is shown only when this option of an earlier question was chosen."),
    )
    risk_if_below = models.DecimalField(
        _("risk if below"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Scale and number questions: an answer below this value signals risk."),
    )
    min_value = models.DecimalField(
        _("lowest answer allowed"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Number questions: answers below are refused (empty: 0)."),
    )
    max_value = models.DecimalField(
        _("highest answer allowed"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Number questions: answers above are refused (e.g. 30 for a minimum hiring age)."),
    )
    action_es = models.TextField(_("recommended action (Spanish)"), blank=True)
    action_en = models.TextField(_("recommended action (English)"), blank=True)
    verification_es = models.CharField(_("how it is verified (Spanish)"), max_length=300, blank=True)
    verification_en = models.CharField(_("how it is verified (English)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__order", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["section", "key"], name="supplychain_question_key")]

    def __str__(self):
        return f"{self.key}: {self.text[:80]}"

    def get_questionnaire(self):
        return self.section.questionnaire if self.section_id else None

    def clean(self):
        super().clean()
        unknown = [s for s in self.required_sizes or [] if s not in ALL_SIZES]
        if unknown:
            raise ValidationError({"required_sizes": _("Unknown company sizes: %(s)s") % {"s": ", ".join(unknown)}})
        if self.condition_option_id and self.section_id:
            condition_question = self.condition_option.question
            if condition_question.section.questionnaire_id != self.section.questionnaire_id:
                raise ValidationError(
                    {"condition_option": _("The condition must be an answer of the same questionnaire version.")}
                )
            if condition_question.pk == self.pk:
                raise ValidationError({"condition_option": _("A question cannot depend on itself.")})
        if self.min_value is not None and self.max_value is not None and self.min_value > self.max_value:
            raise ValidationError({"max_value": _("The highest answer allowed cannot be below the lowest.")})

    @property
    def text(self):
        return localized(self, "text")

    @property
    def help(self):
        return localized(self, "help")

    @property
    def action(self):
        return localized(self, "action")

    @property
    def verification(self):
        return localized(self, "verification")

    @property
    def is_scored(self):
        return self.kind in SCORED_KINDS and self.weight > 0

    def is_required_for(self, size):
        """Required for this company size; when the size is not known, required for any size."""
        sizes = self.required_sizes or []
        return size in sizes if size else bool(sizes)


class Option(LockedByQuestionnaireMixin, models.Model):
    question = ParentalKey(Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="options")
    key = models.SlugField(_("key"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    label_es = models.CharField(_("label (Spanish)"), max_length=300)
    label_en = models.CharField(_("label (English)"), max_length=300, blank=True)
    score = models.PositiveSmallIntegerField(
        _("score"), default=0, help_text=_("0 to 100. Multiple choice: the chosen options add up, up to 100.")
    )
    signals_risk = models.BooleanField(_("signals risk"), default=False)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["question", "key"], name="supplychain_option_key")]

    def __str__(self):
        return self.label

    def get_questionnaire(self):
        return self.question.section.questionnaire if self.question_id else None

    def clean(self):
        super().clean()
        if self.score > 100:
            raise ValidationError({"score": _("A score goes from 0 to 100.")})

    @property
    def label(self):
        return localized(self, "label")
