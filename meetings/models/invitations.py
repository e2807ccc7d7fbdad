"""Invitations to a meeting (an organisation, a person or a guest) and their replies."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.access import OrganizationScopedQuerySet, portal_account_for
from members.models import Organization, Person
from network_site.lifecycle import Lifecycle, LifecycleMixin, Transition, actor
from network_site.links import absolute_url
from network_site.networks import scoped_manager

from .choices import INVITATION_SALT, NOT_YET_HELD, ReplyStatus


class InvitationQuerySet(OrganizationScopedQuerySet):
    def for_organization(self, organization):
        org_id = getattr(organization, "pk", organization)
        return self.filter(Q(organization_id=org_id) | Q(person__organization_id=org_id))

    def for_user(self, user):
        account = portal_account_for(user)
        if account is None:
            return self.none()
        return self.for_organization(account.organization_id)


#: A reply accepts or declines, and may be given again (changed, or the same with a new note);
#: it never goes back to pending. The meeting must not have been held yet (validate_transition).
REPLIES = [ReplyStatus.PENDING, ReplyStatus.ACCEPTED, ReplyStatus.DECLINED]
INVITATION_LIFECYCLE = Lifecycle(
    transitions=[
        Transition(REPLIES, ReplyStatus.ACCEPTED, name="accept"),
        Transition(REPLIES, ReplyStatus.DECLINED, name="decline"),
    ],
    refused_message=_("Choose accept or decline."),
)


class Invitation(LifecycleMixin, models.Model):
    """An invitation to a member organisation, to one person, or to an external guest.

    Its reply is its lifecycle: ``invitation.transition_to(ReplyStatus.ACCEPTED, user=..., comment=note)``.
    """

    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invitations"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meeting_invitations",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    guest_name = models.CharField(_("guest's name"), max_length=150, blank=True)
    guest_organization = models.CharField(_("guest's organisation"), max_length=200, blank=True)
    guest_email = models.EmailField(_("guest's e-mail"), blank=True)
    status = models.CharField(
        _("reply"), max_length=10, choices=ReplyStatus.choices, default=ReplyStatus.PENDING, db_index=True
    )
    reply_note = models.CharField(_("note with the reply"), max_length=500, blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = scoped_manager(InvitationQuerySet, "meeting__network")
    lifecycle = INVITATION_LIFECYCLE

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["meeting", "organization__name", "person__name", "guest_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organization"],
                condition=Q(organization__isnull=False),
                name="unique_org_invitation",
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"], condition=Q(person__isnull=False), name="unique_person_invitation"
            ),
            models.UniqueConstraint(
                fields=["meeting", "guest_email"], condition=~Q(guest_email=""), name="unique_guest_invitation"
            ),
        ]

    def __str__(self):
        return f"{self.invitee_name} → {self.meeting.title}"

    def clean(self):
        super().clean()
        given = [bool(self.organization_id), bool(self.person_id), bool(self.guest_email)]
        if sum(given) != 1:
            raise ValidationError(_("An invitation is for one organisation, one person, or one guest with an e-mail."))
        if self.guest_email and not self.guest_name:
            raise ValidationError({"guest_name": _("Give the guest's name.")})

    @property
    def kind(self):
        if self.organization_id:
            return "organization"
        if self.person_id:
            return "person"
        return "guest"

    @property
    def invitee_name(self):
        if self.organization_id:
            return self.organization.name
        if self.person_id:
            return f"{self.person.name} ({self.person.organization.display_name})"
        return f"{self.guest_name} ({self.guest_organization})" if self.guest_organization else self.guest_name

    @property
    def token(self):
        return signing.dumps({"i": self.pk, "m": self.meeting_id}, salt=INVITATION_SALT, compress=True)

    @classmethod
    def from_token(cls, token):
        """The invitation a signed token names, or None when the token is forged or stale."""
        try:
            data = signing.loads(token, salt=INVITATION_SALT)
        except signing.BadSignature:
            return None
        if not isinstance(data, dict):
            return None
        return cls.objects.select_related("meeting").filter(pk=data.get("i"), meeting_id=data.get("m")).first()

    def get_reply_url(self):
        return absolute_url(reverse("meetings:reply", args=[self.token]))

    # --- Lifecycle (network_site.lifecycle): the reply, its note as the comment ---------------

    def validate_transition(self, old, new, *, user, comment, **extra):
        if self.meeting.status not in NOT_YET_HELD:
            raise ValidationError(_("This meeting no longer takes replies."), code="closed")

    def on_transition(self, old, new, *, user, comment, **extra):
        self.reply_note = (comment or "")[:500]
        self.replied_at = timezone.now()
        self.replied_by = actor(user)
        return ["reply_note", "replied_at", "replied_by"]
