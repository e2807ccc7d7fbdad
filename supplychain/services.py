"""Saving a section's answers, question by question, with optimistic locking; starting and
pre-filling a year's assessment."""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .forms import field_name
from .models import (
    Answer,
    Assessment,
    AssessmentRound,
    Question,
    Questionnaire,
    RoundState,
    canonical_value,
    fingerprint,
)
from .models.questionnaires import CHOICE_KINDS, QuestionKind


def revision_field(question):
    return f"rev_{question.key}"


def fingerprint_field(question):
    return f"fp_{question.key}"


@dataclass
class Conflict:
    question: object
    other_value: str
    other_user: str
    other_time: object


@dataclass
class SaveOutcome:
    saved: list = field(default_factory=list)
    conflicts: dict = field(default_factory=dict)  # question pk → Conflict
    #: What the form must carry next time, per question pk: (revision, fingerprint).
    tokens: dict = field(default_factory=dict)


def tokens_for(questions, answers):
    tokens = {}
    for question in questions:
        answer = answers.get(question.pk)
        if answer is None:
            tokens[question.pk] = (0, fingerprint(canonical_value(question.kind)))
        else:
            tokens[question.pk] = (answer.revision, fingerprint(answer.canonical()))
    return tokens


def _posted_canonical(question, form, answer):
    choices, number, text, upload = form.value_parts(question)
    if question.kind == QuestionKind.EVIDENCE:
        # No new upload keeps the stored file: the answer did not change.
        return None if upload is None else canonical_value(question.kind, file_name=upload.name), upload
    return canonical_value(question.kind, choices, number, text), (choices, number, text)


def save_section(assessment, questions, form, data, user):
    """Save each valid, changed answer of the bound and validated `form`.

    `data` is the POST: it carries, per question, the revision and fingerprint the person
    loaded. An answer someone else changed since (a newer revision) is refused — the other
    value is reported — unless both typed the same; the others are saved (merged per question).
    """
    outcome = SaveOutcome()
    with transaction.atomic():
        current = {
            a.question_id: a
            for a in Answer.objects.select_for_update(of=("self",))
            .filter(assessment=assessment, question__in=questions)
            .select_related("updated_by")
        }
        for question in questions:
            name = field_name(question)
            answer = current.get(question.pk)
            if answer is not None:
                answer.question = question
            if name in form.errors:
                continue
            try:
                loaded_revision = int(data.get(revision_field(question), 0))
            except (TypeError, ValueError):
                loaded_revision = 0
            loaded_fingerprint = data.get(fingerprint_field(question), "")
            posted, parts = _posted_canonical(question, form, answer)
            if posted is None:
                continue  # evidence without a new file
            if fingerprint(posted) == loaded_fingerprint and question.kind != QuestionKind.EVIDENCE:
                continue  # this person did not change it: keep whatever is stored now
            stored_revision = answer.revision if answer is not None else 0
            stored = answer.canonical() if answer is not None else canonical_value(question.kind)
            if posted == stored:
                continue
            if stored_revision != loaded_revision:
                outcome.conflicts[question.pk] = Conflict(
                    question=question,
                    other_value=answer.display() if answer is not None else "",
                    other_user=str(answer.updated_by or "") if answer is not None else "",
                    other_time=answer.updated_at if answer is not None else None,
                )
                continue
            if answer is None:
                answer = Answer(assessment=assessment, question=question, revision=0)
            if question.kind == QuestionKind.EVIDENCE:
                answer.file = parts
            else:
                choices, number, text = parts
                answer.choices = choices if question.kind in CHOICE_KINDS else []
                answer.number = number
                answer.text = text
            answer.revision = stored_revision + 1
            answer.updated_by = user
            if answer.pk:
                answer.save()
            else:
                try:
                    with transaction.atomic():
                        answer.save()
                except IntegrityError:
                    # Someone created it between our read and our write: report, keep theirs.
                    other = Answer.objects.select_related("updated_by").get(assessment=assessment, question=question)
                    other.question = question
                    outcome.conflicts[question.pk] = Conflict(
                        question, other.display(), str(other.updated_by or ""), other.updated_at
                    )
                    current[question.pk] = other
                    continue
            current[question.pk] = answer
            outcome.saved.append(question)
    outcome.tokens = tokens_for(questions, current)
    return outcome


class AlreadyStarted(Exception):
    pass


class OutsideWindow(Exception):
    """The year's assessment cannot be started today; ``str()`` is the message for the user."""


def window_message(assessment_round, year, today):
    """Why the year's assessment cannot start today ("" when it can)."""
    if assessment_round is None:
        return _("The secretariat has not opened the %(year)s self-assessment yet.") % {"year": year}
    state = assessment_round.state(today)
    if state == RoundState.UPCOMING:
        return _("The %(year)s self-assessment opens on %(date)s.") % {
            "year": year,
            "date": date_format(assessment_round.opens_on, "DATE_FORMAT"),
        }
    if state == RoundState.CLOSED:
        return _(
            "The %(year)s self-assessment closed on %(date)s; ask the secretariat if you still need to file it."
        ) % {"year": year, "date": date_format(assessment_round.closes_on, "DATE_FORMAT")}
    return ""


@transaction.atomic
def start_assessment(organization, *, user, year=None, prefill=True, today=None):
    """This year's assessment, inside the year's window (`AssessmentRound`), on the round's version
    (or the current published one); one per organisation and year."""
    today = today or timezone.localdate()
    year = year or today.year
    existing = Assessment.objects.filter(organization=organization, year=year).first()
    if existing is not None:
        raise AlreadyStarted(existing)
    assessment_round = AssessmentRound.objects.for_year(year)
    message = window_message(assessment_round, year, today)
    if message:
        raise OutsideWindow(message)
    questionnaire = assessment_round.current_questionnaire()
    if questionnaire is None:
        raise Questionnaire.DoesNotExist(_("No questionnaire is published yet."))
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                organization=organization, year=year, questionnaire=questionnaire, started_by=user
            )
    except IntegrityError:
        raise AlreadyStarted(Assessment.objects.get(organization=organization, year=year)) from None
    if prefill:
        previous = Assessment.objects.filter(organization=organization, year__lt=year).order_by("-year").first()
        if previous is not None:
            prefill_from(assessment, previous, user=user)
    return assessment


def prefill_from(assessment, previous, *, user=None):
    """Copy answers whose question key (and kind) exist in the new version; unknown options dropped."""
    targets = {
        q.key: q
        for q in Question.objects.filter(section__questionnaire=assessment.questionnaire).prefetch_related("options")
    }
    copies = []
    for old in previous.answers.select_related("question"):
        target = targets.get(old.question.key)
        if target is None or target.kind != old.question.kind or not old.has_value:
            continue
        choices = old.choices or []
        if target.kind in CHOICE_KINDS:
            valid = {o.key for o in target.options.all()}
            choices = [c for c in choices if c in valid]
            if not choices:
                continue
        copies.append(
            Answer(
                assessment=assessment,
                question=target,
                choices=choices,
                number=old.number,
                text=old.text,
                file=old.file.name if old.file else "",
                revision=1,
                updated_by=user,
            )
        )
    Answer.objects.bulk_create(copies)
    assessment.prefilled_from = previous
    assessment.save(update_fields=["prefilled_from"])
    return len(copies)


def adopt_default_questionnaire():
    """A network with no published questionnaire adopts the regional default: a copy of the first
    published version of the shared ILO-IOE questionnaire (whichever network holds it), made the
    current network's own version and published. None when no network has one to copy."""
    from network_site.networks import scopes_disabled

    from .models import Questionnaire, QuestionnaireStatus

    with scopes_disabled():
        default = (
            Questionnaire.objects.filter(code="oit-oie", status=QuestionnaireStatus.PUBLISHED)
            .order_by("published_at", "pk")
            .first()
        )
    if default is None:
        return None
    copy = default.new_version()
    copy.based_on = None  # another network's version: not linked from this network's admin
    copy.save(update_fields=["based_on"])
    copy.transition_to(QuestionnaireStatus.PUBLISHED, comment="Adopción del cuestionario regional por la red.")
    return copy


def prepare_network(network):
    """``network_created`` hook: the new network adopts the regional questionnaire."""
    from .models import Questionnaire

    if Questionnaire.objects.current() is not None:
        return None
    copy = adopt_default_questionnaire()
    return f"Questionnaire adopted: {copy}" if copy else "No questionnaire to adopt yet."
