"""The one lifecycle mechanism: a declared table of transitions per model, one call, one history.

A model declares its states' moves once::

    class Commitment(LifecycleMixin, models.Model):
        lifecycle = Lifecycle(
            field="status",
            transitions=[
                Transition([DRAFT], SUBMITTED, name="submit"),
                Transition([SUBMITTED], APPROVED, permission="commitments.change_commitment"),
                Transition([SUBMITTED], DRAFT, comment_required=_("Say why it is returned.")),
            ],
        )

        def on_transition(self, old, new, *, user, comment, **extra):
            if new == SUBMITTED:
                self.submitted_at = timezone.now()
                return ["submitted_at"]
            return []

and every change goes through one call::

    commitment.transition_to(SUBMITTED, user=request.user, comment="")

which checks the move is declared (and its condition holds), that the user may make it and that
a required comment was given (a translated ``ValidationError`` otherwise, and nothing changes),
lets the model set its own fields (``on_transition``), saves with ``update_fields``, records ONE
entry in Wagtail's audit log (action ``lifecycle.transition``, data ``{"from", "to", "comment"}``
plus what ``transition_log_data`` adds) and runs ``after_transition`` (the e-mails) once the
transaction commits. ``history()`` returns those entries, newest first;
``lifecycle/history.html`` shows them.

``user=None`` is the system (demo data, imports, commands): permissions are checked only for a user.
The core knows no domain: it reads the labels of the states from the model's field choices.
"""

import dataclasses
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as audit_log

#: The one audit-log action of every state change.
TRANSITION_ACTION = "lifecycle.transition"
ANY = "*"


@dataclass(frozen=True)
class Transition:
    """A declared move from any of ``source`` (or ``"*"``) to ``target``.

    ``permission``: a permission name (``"app.codename"``) or ``callable(user, obj) -> bool``.
    ``condition``: ``callable(obj) -> bool``, a rule of the object itself (e.g. not a partner).
    ``comment_required``: ``True`` or the message to show when the comment is missing.
    """

    source: tuple | str
    target: str
    permission: object = None
    condition: object = None
    comment_required: object = False
    name: str | None = None

    def __post_init__(self):
        if self.source != ANY:
            object.__setattr__(self, "source", tuple(self.source))

    def leaves(self, state):
        """Whether this move starts from ``state`` ("*": any state but its own target)."""
        return state in self.source if self.source != ANY else state != self.target

    def permits(self, user, obj):
        if self.permission is None or user is None:
            return True
        if callable(self.permission):
            return bool(self.permission(user, obj))
        return bool(getattr(user, "is_authenticated", False) and user.has_perm(self.permission))


@dataclass
class Lifecycle:
    """The declared transitions of one model's ``field``."""

    field: str = "status"
    transitions: list = dataclasses.field(default_factory=list)
    #: "%(old)s" and "%(new)s" are the states' labels; ``None``: the core's generic message.
    refused_message: object = None

    def find(self, source, target, name=None):
        """The declared move from ``source`` to ``target`` (the one called ``name``, when given)."""
        for candidate in self.transitions:
            if candidate.target == target and candidate.leaves(source) and name in (None, candidate.name):
                return candidate
        return None

    def leaving(self, source):
        """The declared transitions that leave ``source``, in declaration order."""
        return [t for t in self.transitions if t.leaves(source)]

    def target_named(self, name):
        """The target of the transitions called ``name`` (e.g. "approve"), or None."""
        return next((t.target for t in self.transitions if t.name == name), None)

    def targets(self, source):
        """Declared targets from ``source``, in declaration order, without repeats."""
        seen = []
        for candidate in self.transitions:
            if candidate.leaves(source) and candidate.target not in seen:
                seen.append(candidate.target)
        return seen


def actor(user):
    """The user to record as who made a change: None for anonymous users and the system."""
    return user if getattr(user, "is_authenticated", False) else None


def state_label(model, state):
    """The label of ``state`` in the choices of ``model``'s lifecycle field (the value if unknown)."""
    lifecycle = getattr(model, "lifecycle", None)
    if not state:
        return ""
    if lifecycle is None:
        return str(state)
    choices = dict(model._meta.get_field(lifecycle.field).flatchoices)
    return str(choices.get(state, state))


class LifecycleMixin:
    """``can_transition_to``, ``transition_to`` and ``history`` for a model that declares ``lifecycle``."""

    lifecycle: Lifecycle

    # --- Reading --------------------------------------------------------------------------

    @property
    def state(self):
        return getattr(self, self.lifecycle.field)

    def available_transitions(self, user=None):
        """The targets this user may move the object to now, in declaration order."""
        return [target for target in self.lifecycle.targets(self.state) if self.can_transition_to(target, user)]

    def can_transition_to(self, target, user=None):
        transition = self.lifecycle.find(self.state, target)
        return (
            transition is not None
            and (transition.condition is None or bool(transition.condition(self)))
            and transition.permits(user, self)
        )

    def history(self):
        """This object's state changes (Wagtail audit-log entries), newest first."""
        from wagtail.models import ModelLogEntry

        return (
            ModelLogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(self, for_concrete_model=False),
                object_id=str(self.pk),
                action=TRANSITION_ACTION,
            )
            .select_related("user")
            .order_by("-timestamp", "-pk")
        )

    # --- Changing ---------------------------------------------------------------------------

    def check_transition(self, target, *, user=None, comment="", name=None):
        """Raise a translated ValidationError unless this user may move the object to ``target``
        (by the transition called ``name``, when given: a button's action never makes another move)."""
        transition = self.lifecycle.find(self.state, target, name)
        if transition is None or (transition.condition is not None and not transition.condition(self)):
            message = self.lifecycle.refused_message or _("“%(model)s” cannot go from “%(old)s” to “%(new)s”.")
            raise ValidationError(
                message
                % {
                    "model": self._meta.verbose_name,
                    "old": state_label(type(self), self.state),
                    "new": state_label(type(self), target),
                },
                code="transition_not_allowed",
            )
        if not transition.permits(user, self):
            raise ValidationError(_("You may not make this change."), code="transition_not_permitted")
        if transition.comment_required and not (comment or "").strip():
            message = transition.comment_required
            if message is True:
                message = _("A comment is required for this change.")
            raise ValidationError(message, code="comment_required")
        return transition

    def validate_transition(self, old, new, *, user, comment, **extra):
        """Override: rules of the model with their own message (raise ValidationError)."""

    def on_transition(self, old, new, *, user, comment, **extra):
        """Override: set the model's own fields for this move; return the extra ``update_fields``."""
        return []

    def after_transition(self, old, new, *, user, comment, **extra):
        """Override: what follows once the change is committed (e-mails...)."""

    def transition_log_data(self, old, new, *, user, comment, **extra):
        """Override: what the history entry keeps besides from, to and comment."""
        return {}

    def transition_to(self, target, *, user=None, comment="", name=None, **extra):
        """Move to ``target`` (checked; by the transition called ``name`` when given), set the fields,
        save, record one history entry; return it."""
        with transaction.atomic():
            self.check_transition(target, user=user, comment=comment, name=name)
            old = self.state
            self.validate_transition(old, target, user=user, comment=comment, **extra)
            setattr(self, self.lifecycle.field, target)
            fields = [self.lifecycle.field]
            fields += self.on_transition(old, target, user=user, comment=comment, **extra) or []
            if any(f.name == "updated_at" for f in self._meta.concrete_fields):
                fields.append("updated_at")
            self.save(update_fields=list(dict.fromkeys(fields)))
            entry = audit_log(
                instance=self,
                action=TRANSITION_ACTION,
                user=actor(user),
                data={
                    "from": old,
                    "to": target,
                    "comment": comment or "",
                    **self.transition_log_data(old, target, user=user, comment=comment, **extra),
                },
            )
            transaction.on_commit(
                lambda: self.after_transition(old, target, user=user, comment=comment or "", **extra)
            )
        return entry


def record_transition(obj, old, new, *, user=None, comment="", timestamp=None, **data):
    """Record, unchecked, a change made outside ``transition_to`` (a spreadsheet import, demo data)."""
    return audit_log(
        instance=obj,
        action=TRANSITION_ACTION,
        user=actor(user),
        timestamp=timestamp or timezone.now(),
        data={"from": old or "", "to": new, "comment": comment or "", **data},
    )


def save_with_transition(form, save, *, user=None):
    """Save a model form that edits the lifecycle field too: ``save()`` (the form's own save, e.g. a
    view's ``form_valid``) writes the other fields with the state unchanged, then a new state goes
    through ``transition_to`` (checked, one history entry), in one transaction.

    A refused change raises its ``ValidationError`` and nothing is saved: the view shows it as the
    field's error. A new object is saved as it is (its first state is no change). Returns ``save()``'s result.
    """
    instance = form.instance
    field = instance.lifecycle.field
    target = getattr(instance, field)
    previous = form.initial.get(field, target) if instance.pk else target
    with transaction.atomic():
        setattr(instance, field, previous)
        try:
            result = save()
            if target != previous:
                instance.transition_to(target, user=user)
        except ValidationError:
            setattr(instance, field, target)  # the form shows what was asked for
            raise
    return result


def transition_entries(items, *, timestamp=None):
    """Unsaved history entries for changes made in bulk (``[(obj, old, new, user, comment)]``).

    For imports that write many objects with one query: ``ModelLogEntry.objects.bulk_create``
    the result to record them in one INSERT.
    """
    from wagtail.models import ModelLogEntry

    timestamp = timestamp or timezone.now()
    entries = []
    for obj, old, new, user, comment in items:
        entries.append(
            ModelLogEntry(
                content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
                object_id=str(obj.pk),
                label=str(obj)[:255] or f"{type(obj).__name__} {obj.pk}",
                action=TRANSITION_ACTION,
                timestamp=timestamp,
                user=actor(user),
                data={"from": old, "to": new, "comment": comment or ""},
            )
        )
    return entries


class TransitionFormatter(LogFormatter):
    label = _("Change status")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        model = log_entry.content_type.model_class() if log_entry.content_type_id else None
        old = state_label(model, data.get("from")) if model else data.get("from")
        new = state_label(model, data.get("to")) if model else data.get("to")
        if old and old == new:  # a declared move to the same state (an invitation's reply given again)
            return _("Status confirmed: “%(new)s”") % {"new": new}
        if old:
            return _("Status changed from “%(old)s” to “%(new)s”") % {"old": old, "new": new}
        return _("Status set to “%(new)s”") % {"new": new}

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("comment", "")


@hooks.register("register_log_actions")
def register_transition_action(actions):
    actions.register_action(TRANSITION_ACTION)(TransitionFormatter)


# --- Migrations -----------------------------------------------------------------------------------


def migrate_to_one_history(apps, *, model, actions, events=None, label=None):
    """For data migrations: turn a model's old per-app actions and its *Event rows into one history.

    ``model``: "app_label.ModelName". ``actions``: {old action: ``fn(data) -> data``} mapping each
    old entry's data to ``{"from", "to", "comment", ...}``. ``events``: (event model label,
    foreign-key attname, {"from": field, "to": field, "comment": field, "user": attname,
    "timestamp": field}); an event with no matching entry (same object, from and to) becomes one.
    ``label``: ``fn(obj) -> str``, the title of a new entry. Writes with bulk operations.
    """
    app_label, model_name = model.split(".")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    content_type = ContentType.objects.filter(app_label=app_label, model=model_name.lower()).first()
    if content_type is None and events is None:
        return
    if content_type is not None:
        changed = []
        for entry in ModelLogEntry.objects.filter(content_type=content_type, action__in=list(actions)):
            entry.data = actions[entry.action](dict(entry.data or {}))
            entry.action = TRANSITION_ACTION
            changed.append(entry)
        ModelLogEntry.objects.bulk_update(changed, ["action", "data"], batch_size=500)
    if events is None:
        return
    event_label, fk, names = events
    Event = apps.get_model(event_label)
    rows = list(Event.objects.order_by("pk"))
    if not rows:
        return
    if content_type is None:
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model_name.lower())
    recorded = {}
    for object_id, data in ModelLogEntry.objects.filter(
        content_type=content_type, action=TRANSITION_ACTION
    ).values_list("object_id", "data"):
        key = (object_id, (data or {}).get("from") or "", (data or {}).get("to") or "")
        recorded[key] = recorded.get(key, 0) + 1
    Model = apps.get_model(model)
    titles = {}
    if label is not None:
        ids = {getattr(row, fk) for row in rows}
        titles = {str(obj.pk): label(obj) for obj in Model.objects.filter(pk__in=ids)}
    new = []
    for row in rows:
        object_id = str(getattr(row, fk))
        old, to = getattr(row, names["from"]) or "", getattr(row, names["to"])
        key = (object_id, old, to)
        if recorded.get(key):
            recorded[key] -= 1
            continue
        new.append(
            ModelLogEntry(
                content_type=content_type,
                object_id=object_id,
                label=titles.get(object_id) or f"{model_name} {object_id}",
                action=TRANSITION_ACTION,
                timestamp=getattr(row, names["timestamp"]),
                user_id=getattr(row, names["user"]),
                data={"from": old, "to": to, "comment": getattr(row, names["comment"]) or ""},
            )
        )
    ModelLogEntry.objects.bulk_create(new, batch_size=500)


def reason_as_comment(data):
    """``{"from", "to", "reason", ...}`` → ``{"from", "to", "comment", ...}`` (old entries' shape)."""
    data["comment"] = data.pop("reason", "") or data.get("comment", "")
    data.setdefault("from", "")
    return data
