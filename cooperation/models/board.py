"""The cooperation board's records: demands (demandas) and offers (ofertas) that each network
posts, the South-South cooperation agreements (acuerdos de cooperación Sur-Sur) the regional staff
make from them, their activities (actividades) and the follow-up of each activity.

Demands and offers belong to the network that posted them. An agreement belongs to every network
that is a party to it: each of their staff sees it (``scoped_manager`` through ``networks``, each
record once), the regional staff see all.
An activity's states, moves and overdue rule are those of a meeting's agreement (meetings).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models.agreements import AGREEMENT_LIFECYCLE
from network_site.lifecycle import Lifecycle, LifecycleMixin, Transition, actor
from network_site.models import Network, NetworkOwnedModel
from network_site.networks import scoped_manager

from ..choices import OPEN_ACTIVITY_STATES, ActivityStatus, BoardState, ThematicArea

_B = BoardState


def _may_match(user, post):
    from ..permissions import can_match

    return can_match(user)


#: A demand's or an offer's moves: matched by an agreement (regional staff, ``cooperation.matching``),
#: closed, or open again.
BOARD_LIFECYCLE = Lifecycle(
    field="state",
    transitions=[
        Transition([_B.OPEN], _B.MATCHED, name="match", permission=_may_match),
        Transition([_B.OPEN, _B.MATCHED], _B.CLOSED, name="close"),
        Transition([_B.MATCHED, _B.CLOSED], _B.OPEN, name="reopen"),
    ],
    refused_message=_("A demand or an offer cannot go from “%(old)s” to “%(new)s”."),
)

#: An activity moves as a meeting's agreement does (pending, in progress, done; dropped with a reason).
ACTIVITY_LIFECYCLE = Lifecycle(
    transitions=list(AGREEMENT_LIFECYCLE.transitions),
    refused_message=_("An activity cannot go from “%(old)s” to “%(new)s”."),
)


class BoardQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=BoardState.OPEN)

    def public(self):
        return self.filter(is_public=True)


class BoardPost(LifecycleMixin, NetworkOwnedModel):
    """What a demand and an offer share: a network's post on the cooperation board."""

    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    topic = models.CharField(_("thematic area"), max_length=30, choices=ThematicArea.choices, db_index=True)
    contact_name = models.CharField(
        _("contact person"), max_length=200, blank=True, help_text=_("Seen by the secretariats only, never in public.")
    )
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("Seen by the secretariats only, never in public.")
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the regional site's cooperation board while open.")
    )
    state = models.CharField(
        _("state"), max_length=10, choices=BoardState.choices, default=BoardState.OPEN, db_index=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    lifecycle = BOARD_LIFECYCLE

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.title} ({self.network})" if self.network_id else self.title


class CooperationDemand(BoardPost):
    """A network's demand (demanda): what it needs from the others."""

    objects = scoped_manager(BoardQuerySet)

    class Meta(BoardPost.Meta):
        verbose_name = _("cooperation demand")
        verbose_name_plural = _("cooperation demands")


class CooperationOffer(BoardPost):
    """A network's offer (oferta): the experience it can share."""

    objects = scoped_manager(BoardQuerySet)

    class Meta(BoardPost.Meta):
        verbose_name = _("cooperation offer")
        verbose_name_plural = _("cooperation offers")


def _overdue_activities(today):
    return CooperationActivity.objects.filter(
        agreement_id=OuterRef("pk"), status__in=OPEN_ACTIVITY_STATES, due_date__lt=today
    )


class AgreementQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def with_overdue(self, today=None):
        """Annotated ``has_overdue``: one of its activities is open past its due date."""
        today = today or timezone.localdate()
        return self.annotate(has_overdue=Exists(_overdue_activities(today)))

    def overdue(self, today=None):
        """Agreements with an activity open past its due date."""
        today = today or timezone.localdate()
        return self.filter(Exists(_overdue_activities(today)))


class CooperationAgreement(models.Model):
    """A South-South cooperation agreement (acuerdo de cooperación Sur-Sur) between two or more
    networks, answering a demand with one or more offers (``cooperation.matching.match``)."""

    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    networks = models.ManyToManyField(Network, verbose_name=_("networks"), related_name="cooperation_agreements")
    demand = models.ForeignKey(
        CooperationDemand,
        verbose_name=_("demand"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements",
    )
    offers = models.ManyToManyField(CooperationOffer, verbose_name=_("offers"), blank=True, related_name="agreements")
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown with its activities on the regional site's cooperation board.")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = scoped_manager(AgreementQuerySet, "networks")

    class Meta:
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date comes before the start date.")})

    @property
    def network_names(self):
        return ", ".join(str(network) for network in self.networks.all())

    def has_overdue_activities(self, today=None):
        return any(activity.is_overdue(today) for activity in self.activities.all())

    def get_admin_url(self):
        return reverse("cooperation_agreement:inspect", args=[self.pk])


class ActivityQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_ACTIVITY_STATES)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)


class CooperationActivity(LifecycleMixin, models.Model):
    """An activity (actividad) of an agreement: who does what, for which network, by when."""

    agreement = models.ForeignKey(
        CooperationAgreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="activities"
    )
    title = models.CharField(_("activity"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    responsible_name = models.CharField(_("responsible person"), max_length=200, blank=True)
    responsible_network = models.ForeignKey(
        Network,
        verbose_name=_("responsible network"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActivityStatus.choices, default=ActivityStatus.PENDING, db_index=True
    )
    dropped_reason = models.TextField(_("reason for dropping it"), blank=True, editable=False)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = scoped_manager(ActivityQuerySet, "agreement__networks")
    lifecycle = ACTIVITY_LIFECYCLE

    class Meta:
        verbose_name = _("cooperation activity")
        verbose_name_plural = _("cooperation activities")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.responsible_network_id and self.agreement_id and self.agreement.pk:
            parties = set(self.agreement.networks.values_list("pk", flat=True))
            if parties and self.responsible_network_id not in parties:
                raise ValidationError(
                    {"responsible_network": _("The responsible network must be a party to the agreement.")}
                )

    @property
    def is_open(self):
        return self.status in OPEN_ACTIVITY_STATES

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.is_open and self.due_date is not None and self.due_date < today

    @property
    def overdue(self):
        return self.is_overdue()

    # --- Lifecycle (network_site.lifecycle): transition_to(status, user=..., comment=...) -------

    def on_transition(self, old, new, *, user, comment, **extra):
        if new == ActivityStatus.DROPPED:
            self.dropped_reason = comment
        self.done_at = timezone.now() if new == ActivityStatus.DONE else None
        return ["dropped_reason", "done_at"]

    def transition_log_data(self, old, new, *, user, comment, network=None, **extra):
        return {"network": network.pk} if network is not None else {}

    @transaction.atomic
    def report_progress(self, status, *, user=None, comment="", network=None):
        """Keep a follow-up note (comment, the status it reports, the network that wrote it); a new
        status is a transition (checked, one history entry)."""
        if status != self.status:
            self.transition_to(status, user=user, comment=comment, network=network)
        return ActivityUpdate.objects.create(
            activity=self, network=network, author=actor(user), comment=comment, status=status
        )

    def get_admin_url(self):
        return reverse("cooperation_admin:follow_up", args=[self.pk])


class ActivityUpdate(models.Model):
    """A follow-up note on an activity: what was done, by which network, and the status it reports."""

    activity = models.ForeignKey(
        CooperationActivity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="updates"
    )
    network = models.ForeignKey(
        Network, verbose_name=_("network"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.TextField(_("note"))
    status = models.CharField(_("status"), max_length=12, choices=ActivityStatus.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = scoped_manager(models.QuerySet, "activity__agreement__networks")

    class Meta:
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.activity} · {self.get_status_display()}"
