"""Agreements (acuerdos) taken at meetings and the progress reported on them."""

import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.access import OrganizationScopedQuerySet, portal_account_for
from members.models import Organization, Person
from network_site.lifecycle import Lifecycle, LifecycleMixin, Transition, actor
from network_site.networks import scoped_manager
from network_site.storage import PrivateFileField
from network_site.uploads import UploadValidator

from .choices import OPEN_AGREEMENT_STATES, AgreementStatus

_A = AgreementStatus
#: An agreement's moves; dropping one needs a reason.
AGREEMENT_LIFECYCLE = Lifecycle(
    transitions=[
        Transition([_A.PENDING, _A.DONE], _A.IN_PROGRESS),
        Transition([_A.PENDING, _A.IN_PROGRESS], _A.DONE),
        Transition([_A.PENDING, _A.IN_PROGRESS], _A.DROPPED, comment_required=_("Say why the agreement is dropped.")),
        Transition([_A.IN_PROGRESS, _A.DROPPED], _A.PENDING),
    ],
    refused_message=_("An agreement cannot go from “%(old)s” to “%(new)s”."),
)


EVIDENCE_EXTENSIONS = ("pdf", "docx", "xlsx", "odt", "ods", "jpg", "jpeg", "png", "webp")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
#: Model field validator (the name is kept: migrations refer to it).
validate_evidence = UploadValidator(extensions=EVIDENCE_EXTENSIONS, max_bytes=EVIDENCE_MAX_BYTES)


def evidence_path(instance, filename):
    return f"meetings/agreements/{instance.agreement_id}/{uuid.uuid4().hex[:12]}-{os.path.basename(filename)[-80:]}"


class AgreementQuerySet(OrganizationScopedQuerySet):
    organization_lookup = "responsible_organizations"

    def for_organization(self, organization):
        org_id = getattr(organization, "pk", organization)
        through = Agreement.responsible_organizations.through.objects.filter(
            agreement_id=OuterRef("pk"), organization_id=org_id
        )
        people = Agreement.responsible_people.through.objects.filter(
            agreement_id=OuterRef("pk"), person__organization_id=org_id
        )
        return self.filter(Q(Exists(through)) | Q(Exists(people)))

    def for_user(self, user):
        account = portal_account_for(user)
        if account is None:
            return self.none()
        return self.for_organization(account.organization_id)

    def open(self):
        return self.filter(status__in=OPEN_AGREEMENT_STATES)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)


class Agreement(LifecycleMixin, models.Model):
    """An agreement (acuerdo) taken at a meeting, with who is responsible and by when."""

    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agreements"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("agreement"))
    responsible_organizations = models.ManyToManyField(
        Organization, verbose_name=_("responsible organisations"), blank=True, related_name="meeting_agreements"
    )
    responsible_people = models.ManyToManyField(
        Person, verbose_name=_("responsible people"), blank=True, related_name="meeting_agreements"
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.PENDING, db_index=True
    )
    dropped_reason = models.TextField(_("reason for dropping it"), blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = scoped_manager(AgreementQuerySet, "meeting__network")
    lifecycle = AGREEMENT_LIFECYCLE

    search_fields = []

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:77] + "…"

    def clean(self):
        super().clean()
        if self.status == AgreementStatus.DROPPED and not self.dropped_reason.strip():
            raise ValidationError({"dropped_reason": _("Say why the agreement is dropped.")})

    @property
    def is_open(self):
        return self.status in OPEN_AGREEMENT_STATES

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.is_open and self.due_date is not None and self.due_date < today

    @property
    def overdue(self):
        return self.is_overdue()

    @property
    def responsible_names(self):
        names = [org.display_name for org in self.responsible_organizations.all()]
        names += [person.name for person in self.responsible_people.all()]
        return ", ".join(names)

    # --- Lifecycle (network_site.lifecycle): transition_to(status, user=..., comment=...) -------

    def on_transition(self, old, new, *, user, comment, **extra):
        if new == AgreementStatus.DROPPED:
            self.dropped_reason = comment
        self.done_at = timezone.now() if new == AgreementStatus.DONE else None
        return ["dropped_reason", "done_at"]

    def transition_log_data(self, old, new, *, user, comment, organization=None, **extra):
        return {"organization": organization.pk} if organization is not None else {}

    @transaction.atomic
    def report_progress(self, status, *, user=None, comment="", organization=None, evidence=None):
        """Keep a progress entry (comment, evidence, the status it reports); a new status is a transition."""
        if status != self.status:
            self.transition_to(status, user=user, comment=comment, organization=organization)
        return AgreementUpdate.objects.create(
            agreement=self,
            organization=organization,
            author=actor(user),
            comment=comment,
            status=status,
            evidence=evidence or "",
        )

    def get_portal_url(self):
        return reverse("meetings_portal:agreement", args=[self.pk])


class AgreementUpdateQuerySet(OrganizationScopedQuerySet):
    pass


class AgreementUpdate(models.Model):
    """Progress reported on an agreement: a comment, optional evidence and the status it reports."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="updates"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=AgreementStatus.choices)
    evidence = PrivateFileField(_("evidence"), upload_to=evidence_path, blank=True, validators=[validate_evidence])
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = scoped_manager(AgreementUpdateQuerySet, "agreement__meeting__network")

    class Meta:
        verbose_name = _("progress on an agreement")
        verbose_name_plural = _("progress on agreements")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.agreement} · {self.get_status_display()}"
