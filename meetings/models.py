"""Meetings convened by the secretariat: agenda, invitations, attendance, minutes and agreements.

A meeting moves planned → convened → held → minutes draft → minutes circulated → minutes
approved (→ published); it may be cancelled before it is held. Agreements (acuerdos) move
pending → in progress → done, or dropped with a reason. Every change goes through the one
lifecycle mechanism (`transition_to`, `network_site.lifecycle`), which checks the move and
records who, when and why in the one history (Wagtail's audit log).
"""

import datetime
import os
import uuid

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.http import Http404
from django.template.defaultfilters import truncatewords_html
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.log_actions import log
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from members.access import OrganizationScopedQuerySet, portal_account_for
from members.models import Organization, Person, PortalAccount
from network_site.caching import cached
from network_site.lifecycle import Lifecycle, LifecycleMixin, Transition
from network_site.routing import RememberedPageMixin
from network_site.storage import PrivateFileField
from network_site.uploads import UploadValidator

from . import notifications

INVITATION_SALT = "meetings.invitation"
DEFAULT_REMINDER_DAYS = 2


def default_reminder_days():
    return getattr(settings, "MEETINGS_REMINDER_DAYS", DEFAULT_REMINDER_DAYS)


def _actor(user):
    return user if getattr(user, "is_authenticated", False) else None


class MeetingKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary meeting")
    EXTRAORDINARY = "extraordinary", _("Extraordinary meeting")
    WORKING_SESSION = "working_session", _("Working session")
    CONVERSATORIO = "conversatorio", _("Conversatorio")
    EXCHANGE_VISIT = "exchange_visit", _("Exchange visit")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONVENED = "convened", _("Convened")
    HELD = "held", _("Held")
    MINUTES_DRAFT = "minutes_draft", _("Minutes in draft")
    MINUTES_CIRCULATED = "minutes_circulated", _("Minutes circulated for comments")
    MINUTES_APPROVED = "minutes_approved", _("Minutes approved")
    PUBLISHED = "published", _("Minutes published")
    CANCELLED = "cancelled", _("Cancelled")


S = MeetingStatus
_CHANGE_MEETING = "meetings.change_meeting"
#: A meeting's moves; each named after the secretariat's button that makes it.
MEETING_LIFECYCLE = Lifecycle(
    transitions=[
        Transition([S.PLANNED], S.CONVENED, permission=_CHANGE_MEETING, name="convene"),
        Transition([S.CONVENED], S.HELD, permission=_CHANGE_MEETING, name="held"),
        Transition([S.HELD], S.MINUTES_DRAFT, permission=_CHANGE_MEETING, name="minutes_draft"),
        Transition([S.MINUTES_DRAFT], S.MINUTES_CIRCULATED, permission=_CHANGE_MEETING, name="circulate"),
        Transition([S.MINUTES_CIRCULATED], S.MINUTES_DRAFT, permission=_CHANGE_MEETING, name="back_to_draft"),
        Transition(
            [S.MINUTES_DRAFT, S.MINUTES_CIRCULATED], S.MINUTES_APPROVED, permission=_CHANGE_MEETING, name="approve"
        ),
        Transition([S.MINUTES_APPROVED], S.PUBLISHED, permission=_CHANGE_MEETING, name="publish"),
        Transition([S.PUBLISHED], S.MINUTES_APPROVED, permission=_CHANGE_MEETING, name="unpublish"),
        Transition(
            [S.PLANNED, S.CONVENED],
            S.CANCELLED,
            permission=_CHANGE_MEETING,
            comment_required=_("Say why the meeting is cancelled; invitees will read it."),
            name="cancel",
        ),
    ],
    refused_message=_("A meeting cannot go from “%(old)s” to “%(new)s”."),
)
#: States in which the minutes can no longer be edited.
MINUTES_LOCKED = {S.MINUTES_APPROVED, S.PUBLISHED}
#: States in which the meeting has not taken place yet (it can be rescheduled or cancelled).
NOT_YET_HELD = {S.PLANNED, S.CONVENED}


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.filter(end__gte=now).exclude(status=S.CANCELLED).order_by("start")

    def past(self, now=None):
        now = now or timezone.now()
        return self.filter(end__lt=now).order_by("-start")

    def public(self):
        return self.filter(is_public=True).exclude(status=S.CANCELLED)

    def published(self):
        return self.filter(status=S.PUBLISHED)

    def for_organization(self, organization):
        """Meetings to which the organisation, or one of its people, was invited."""
        org_id = getattr(organization, "pk", organization)
        invited = Invitation.objects.filter(meeting=OuterRef("pk")).filter(
            Q(organization_id=org_id) | Q(person__organization_id=org_id)
        )
        return self.filter(Exists(invited))

    def for_user(self, user):
        account = portal_account_for(user)
        if account is None:
            return self.none()
        return self.for_organization(account.organization_id)


class Meeting(LifecycleMixin, index.Indexed, ClusterableModel):
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.ORDINARY)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    description = models.TextField(_("description"), blank=True)
    convening_body = models.CharField(
        _("convening body"), max_length=200, default="Secretaría técnica (MTSS)", blank=True
    )
    is_public = models.BooleanField(
        _("show on the public calendar"),
        default=False,
        help_text=_("Public meetings appear on the site's calendar and in its iCalendar feed."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED, db_index=True
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder (days before)"),
        default=default_reminder_days,
        help_text=_("Invitees get a reminder this many days before the meeting (0: no reminder)."),
    )
    # Calendar identity: the UID never changes, the sequence grows with every change sent.
    uid = models.UUIDField(_("calendar identifier"), default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0, editable=False)
    convened_at = models.DateTimeField(_("convened at"), null=True, blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True, editable=False)
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True, editable=False)
    # Minutes.
    general_conclusions = RichTextField(_("general conclusions"), blank=True)
    public_summary = RichTextField(
        _("public summary"), blank=True, help_text=_("Shown on the public calendar when the minutes are published.")
    )
    minutes_approved_at = models.DateTimeField(_("minutes approved at"), null=True, blank=True, editable=False)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("minutes approved by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MeetingQuerySet.as_manager()
    lifecycle = MEETING_LIFECYCLE

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("place"),
        index.SearchField("description"),
        index.FilterField("status"),
        index.FilterField("kind"),
        index.FilterField("start"),
    ]

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start"]

    def __str__(self):
        local = timezone.localtime(self.start) if self.start else None
        return f"{self.title} ({local:%d/%m/%Y})" if local else self.title

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The meeting must end after it starts.")})
        if not self.place and not self.online_url:
            raise ValidationError({"place": _("Give a place, an online link, or both.")})

    # --- Derived values -------------------------------------------------------------------

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end)

    @property
    def days(self):
        """The calendar days the meeting spans, in the project's time zone."""
        first, last = self.local_start.date(), self.local_end.date()
        return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]

    @property
    def where(self):
        return " · ".join(part for part in (self.place, self.online_url) if part)

    @property
    def minutes_locked(self):
        return self.status in MINUTES_LOCKED

    @property
    def minutes_visible_to_members(self):
        return self.status in {S.MINUTES_CIRCULATED, S.MINUTES_APPROVED, S.PUBLISHED}

    @property
    def is_cancelled(self):
        return self.status == S.CANCELLED

    @property
    def ical_uid(self):
        return f"meeting-{self.uid}@red-empresas"

    def get_status_badge(self):
        return self.status.replace("_", "-")

    def agenda_by_day(self, items=None):
        """[(day, [items])] grouped by the items' day (items without a day go to the first day)."""
        if items is None:
            prefetched = getattr(self, "_prefetched_objects_cache", {})
            if "agenda_items" in prefetched:
                items = list(self.agenda_items.all())
            else:
                items = list(self.agenda_items.select_related("presenter__organization"))
        first_day = self.local_start.date() if self.start else None
        groups = {}
        for item in items:
            groups.setdefault(item.day or first_day, []).append(item)
        return sorted(groups.items(), key=lambda pair: (pair[0] is None, pair[0] or datetime.date.min))

    def follow_up_agreements(self):
        """Open agreements of earlier meetings: computed when rendered, never copied.

        Only meetings of the last MEETINGS_FOLLOW_UP_DAYS (default 365) days count, so an
        agenda or minutes PDF does not grow with the network's whole history; older open
        agreements stay in the register and on the responsible organisations' dashboards.
        """
        window = datetime.timedelta(days=getattr(settings, "MEETINGS_FOLLOW_UP_DAYS", 365))
        return (
            Agreement.objects.open()
            .filter(meeting__start__lt=self.start, meeting__start__gte=self.start - window)
            .exclude(meeting_id=self.pk)
            .exclude(meeting__status=S.CANCELLED)
            .select_related("meeting")
            .prefetch_related("responsible_organizations", "responsible_people")
            .order_by("due_date", "pk")
        )

    # --- Recipients -----------------------------------------------------------------------

    def recipients(self, *, include_declined=True):
        """{address: invitation} for every invitee address, each address once.

        Invitations to a person or a guest come first, so that their own reply link wins over
        their organisation's invitation. Organisations are reached through their focal points
        and their portal users.
        """
        invitations = self.invitations.select_related("organization", "person__organization")
        if not include_declined:
            invitations = invitations.exclude(status=ReplyStatus.DECLINED)
        invitations = sorted(invitations, key=lambda inv: (inv.kind == "organization", inv.pk))
        org_ids = [inv.organization_id for inv in invitations if inv.organization_id]
        org_addresses = {}
        if org_ids:
            for org_id, email in Person.objects.filter(organization_id__in=org_ids, is_focal_point=True).values_list(
                "organization_id", "email"
            ):
                org_addresses.setdefault(org_id, []).append(email)
            for org_id, email in PortalAccount.objects.filter(
                organization_id__in=org_ids, user__is_active=True
            ).values_list("organization_id", "user__email"):
                org_addresses.setdefault(org_id, []).append(email)
        found = {}
        for invitation in invitations:
            if invitation.kind == "guest":
                addresses = [invitation.guest_email]
            elif invitation.kind == "person":
                addresses = [invitation.person.email]
            else:
                addresses = org_addresses.get(invitation.organization_id, [])
            for address in addresses:
                key = (address or "").strip().lower()
                if key and key not in found:
                    found[key] = invitation
        return found

    # --- Lifecycle (network_site.lifecycle): transition_to(status, user=..., comment=...) -------

    def validate_transition(self, old, new, *, user, comment, **extra):
        if new == S.CONVENED and not self.invitations.exists():
            raise ValidationError(_("Invite at least one organisation, person or guest before convening."))

    def on_transition(self, old, new, *, user, comment, **extra):
        now = timezone.now()
        if new == S.CONVENED:
            self.convened_at = now
            return ["convened_at"]
        if new == S.MINUTES_APPROVED and old != S.PUBLISHED:
            self.minutes_approved_at, self.minutes_approved_by = now, _actor(user)
            return ["minutes_approved_at", "minutes_approved_by"]
        if new == S.CANCELLED:
            self.cancellation_reason = comment
            self.sequence += 1
            return ["cancellation_reason", "sequence"]
        return []

    def transition_log_data(self, old, new, *, user, comment, **extra):
        return {"emails": extra["emails"]} if "emails" in extra else {}

    def convene(self, *, user=None, comment=""):
        """Send the convocation to every invitee (one e-mail per address), then mark it convened."""
        self.check_transition(S.CONVENED, user=user, comment=comment)
        self.validate_transition(self.status, S.CONVENED, user=user, comment=comment)
        sent = notifications.send_convocation(self)
        self.transition_to(S.CONVENED, user=user, comment=comment, emails=sent)
        return sent

    def resend_convocation(self, *, user=None):
        """Send the convocation again (e.g. to newly invited people); the calendar entry is updated."""
        if self.status != S.CONVENED:
            raise ValidationError(_("Only a convened meeting can be sent again."))
        self.sequence += 1
        self.save(update_fields=["sequence", "updated_at"])
        sent = notifications.send_convocation(self, update=True)
        log(instance=self, action="meetings.resend", user=_actor(user), data={"emails": sent})
        return sent

    def cancel(self, *, user=None, comment=""):
        """Cancel (the reason is required); invitees of a convened meeting are told. Returns how many."""
        was_convened = self.status == S.CONVENED
        self.transition_to(S.CANCELLED, user=user, comment=comment)
        return notifications.send_cancellation(self) if was_convened else 0

    @transaction.atomic
    def reschedule(self, start, end, *, user=None, reason="", place=None):
        """Move the meeting; invitees of a convened meeting get an updated calendar entry."""
        if self.status not in NOT_YET_HELD:
            raise ValidationError(_("Only a meeting that has not been held can be rescheduled."))
        if end <= start:
            raise ValidationError(_("The meeting must end after it starts."))
        old = {"start": self.start.isoformat(), "end": self.end.isoformat(), "place": self.place}
        shift = start - self.start
        self.start, self.end = start, end
        if place is not None:
            self.place = place
        self.sequence += 1
        self.reminder_sent_at = None
        self.save(update_fields=["start", "end", "place", "sequence", "reminder_sent_at", "updated_at"])
        # Agenda items keep their position relative to the meeting's first day.
        if shift.days:
            for item in self.agenda_items.exclude(day=None):
                item.day = item.day + datetime.timedelta(days=shift.days)
                item.save(update_fields=["day"])
        log(
            instance=self,
            action="meetings.reschedule",
            user=_actor(user),
            data={"old": old, "new": {"start": start.isoformat(), "end": end.isoformat()}, "reason": reason},
        )
        return notifications.send_reschedule(self, reason=reason) if self.status == S.CONVENED else 0

    # --- URLs -----------------------------------------------------------------------------

    def get_portal_url(self):
        return reverse("meetings_portal:detail", args=[self.pk])

    def get_admin_manage_url(self):
        return reverse("meetings_admin:manage", args=[self.pk])


class AgendaItem(Orderable):
    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    day = models.DateField(_("day"), null=True, blank=True, help_text=_("Empty: the meeting's first day."))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), null=True, blank=True)
    session = models.CharField(_("session"), max_length=120, blank=True, help_text=_("For example: Sesión A"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    presenter = models.ForeignKey(
        Person,
        verbose_name=_("presenter (contact person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    presenters_text = models.CharField(
        _("presenters"), max_length=500, blank=True, help_text=_("Names and institutions, as they should appear.")
    )
    place = models.CharField(_("place"), max_length=255, blank=True, help_text=_("Only if it differs."))
    notes = RichTextField(_("minutes: main ideas"), blank=True)
    conclusions = RichTextField(_("minutes: conclusions"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title

    @property
    def end_time(self):
        if self.start_time is None or not self.duration_minutes:
            return None
        moment = datetime.datetime.combine(datetime.date(2000, 1, 1), self.start_time)
        return (moment + datetime.timedelta(minutes=self.duration_minutes)).time()

    @property
    def presenters(self):
        names = []
        if self.presenter_id:
            person = self.presenter
            names.append(f"{person.name}, {person.organization.display_name}")
        if self.presenters_text:
            names.append(self.presenters_text)
        return "; ".join(names)


class ReplyStatus(models.TextChoices):
    PENDING = "pending", _("Pending reply")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class InvitationQuerySet(OrganizationScopedQuerySet):
    def for_organization(self, organization):
        org_id = getattr(organization, "pk", organization)
        return self.filter(Q(organization_id=org_id) | Q(person__organization_id=org_id))

    def for_user(self, user):
        account = portal_account_for(user)
        if account is None:
            return self.none()
        return self.for_organization(account.organization_id)


class Invitation(models.Model):
    """An invitation to a member organisation, to one person, or to an external guest."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invitations"
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

    objects = InvitationQuerySet.as_manager()

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
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("meetings:reply", args=[self.token])

    @transaction.atomic
    def reply(self, status, *, user=None, note=""):
        if status not in (ReplyStatus.ACCEPTED, ReplyStatus.DECLINED):
            raise ValidationError(_("Choose accept or decline."))
        if self.meeting.status not in NOT_YET_HELD:
            raise ValidationError(_("This meeting no longer takes replies."))
        old = self.status
        self.status = status
        self.reply_note = note[:500]
        self.replied_at = timezone.now()
        self.replied_by = _actor(user)
        self.save(update_fields=["status", "reply_note", "replied_at", "replied_by"])
        log(
            instance=self.meeting,
            action="meetings.reply",
            user=_actor(user),
            data={"invitation": self.pk, "invitee": self.invitee_name, "from": old, "to": status, "reason": note},
        )


class AttendanceBody(models.TextChoices):
    """The groups of the seed's participant list, in its order."""

    STEERING_COMMITTEE = "steering_committee", _("Steering committee")
    NETWORK_MEMBERS = "network_members", _("Network members")
    GUESTS = "guests", _("Guests")
    INTERNATIONAL = "international", _("International organisations")


BODY_ORDER = Case(
    *[When(body=value, then=Value(position)) for position, value in enumerate(AttendanceBody.values)],
    default=Value(99),
    output_field=IntegerField(),
)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


class AttendanceRole(models.TextChoices):
    DELEGATE = "delegate", _("Delegate")
    ALTERNATE = "alternate", _("Alternate")


class AttendanceQuerySet(OrganizationScopedQuerySet):
    def in_list_order(self):
        """Grouped by body like the seed's participant list, then by organisation and name."""
        return self.annotate(body_order=BODY_ORDER).order_by("body_order", "organization_name", "name", "pk")


class Attendance(models.Model):
    """One person's attendance at a meeting, with the organisation they represent."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("contact person"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_attendance",
    )
    organization_name = models.CharField(
        _("organisation (as listed)"),
        max_length=200,
        blank=True,
        help_text=_("Filled from the organisation if empty."),
    )
    body = models.CharField(
        _("body"), max_length=20, choices=AttendanceBody.choices, default=AttendanceBody.NETWORK_MEMBERS
    )
    status = models.CharField(
        _("attendance"), max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT
    )
    role = models.CharField(_("role"), max_length=10, choices=AttendanceRole.choices, default=AttendanceRole.DELEGATE)
    notes = models.CharField(_("notes"), max_length=255, blank=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "body", "organization_name", "name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "name"], name="unique_attendee_per_meeting")]

    def __str__(self):
        return f"{self.name} ({self.organization_name})"

    def save(self, *args, **kwargs):
        if self.organization_id and not self.organization_name:
            self.organization_name = self.organization.display_name
        if self.person_id and not self.email:
            self.email = self.person.email
        super().save(*args, **kwargs)


class MinutesComment(models.Model):
    """A comment of an attendee's organisation on circulated minutes (portal)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes_comments"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment on the minutes")
        verbose_name_plural = _("comments on the minutes")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.organization} · {self.created_at:%d/%m/%Y}"


# --- Uploads ----------------------------------------------------------------------------------

ATTACHMENT_EXTENSIONS = ("pdf", "pptx", "ppt", "docx", "xlsx", "odp", "odt", "ods", "jpg", "jpeg", "png", "webp")
IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp")
ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024
EVIDENCE_EXTENSIONS = ("pdf", "docx", "xlsx", "odt", "ods", "jpg", "jpeg", "png", "webp")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


#: Model field validators (the names are kept: migrations refer to them).
validate_attachment = UploadValidator(extensions=ATTACHMENT_EXTENSIONS, max_bytes=ATTACHMENT_MAX_BYTES)
validate_evidence = UploadValidator(extensions=EVIDENCE_EXTENSIONS, max_bytes=EVIDENCE_MAX_BYTES)


def attachment_path(instance, filename):
    return f"meetings/{instance.meeting_id or 'new'}/{uuid.uuid4().hex[:12]}-{os.path.basename(filename)[-80:]}"


def evidence_path(instance, filename):
    return f"meetings/agreements/{instance.agreement_id}/{uuid.uuid4().hex[:12]}-{os.path.basename(filename)[-80:]}"


class MinutesAttachment(Orderable):
    """A presentation, photo or document attached to the minutes."""

    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=255)
    file = PrivateFileField(_("file"), upload_to=attachment_path, validators=[validate_attachment])
    agenda_session = models.CharField(_("session"), max_length=120, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title

    @property
    def is_image(self):
        return os.path.splitext(self.file.name)[1].lower().lstrip(".") in IMAGE_EXTENSIONS


# --- Agreements -------------------------------------------------------------------------------


class AgreementStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_AGREEMENT_STATES = (AgreementStatus.PENDING, AgreementStatus.IN_PROGRESS)
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
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agreements"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
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

    objects = AgreementQuerySet.as_manager()
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
            author=_actor(user),
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

    objects = AgreementUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress on an agreement")
        verbose_name_plural = _("progress on agreements")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.agreement} · {self.get_status_display()}"


# --- Public calendar ---------------------------------------------------------------------------


class CalendarPage(RememberedPageMixin, RoutablePageMixin, Page):
    """The public calendar: upcoming public meetings and events, and published minutes summaries."""

    intro = RichTextField(_("introduction"), blank=True)
    past_summaries = models.PositiveSmallIntegerField(
        _("published summaries shown"), default=10, help_text=_("How many published minutes summaries to list.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("past_summaries")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "meetings/calendar_page.html"

    class Meta:
        verbose_name = _("calendar page")
        verbose_name_plural = _("calendar pages")

    def upcoming_meetings(self):
        return Meeting.objects.public().upcoming().exclude(status=S.CANCELLED)

    def published_summaries(self):
        return Meeting.objects.public().published().order_by("-start")[: self.past_summaries]

    @path("")
    def index(self, request):
        """Upcoming meetings and past summaries, as plain data built once per cache generation.

        The cached list holds every meeting still upcoming when it was built; those that have
        ended since are dropped here, so the list stays right between two changes.
        """
        data = cached("calendar", self.pk, request.get_host(), builder=lambda: self.listing(request))
        now = timezone.now()
        upcoming = [meeting for meeting in data["upcoming"] if meeting["end"] >= now]
        return self.render(request, context_overrides={"upcoming": upcoming, "summaries": data["summaries"]})

    def listing(self, request):
        from wagtail.templatetags.wagtailcore_tags import richtext

        base_url = self.relative_url(Site.find_for_request(request), request)

        def item(meeting):
            return {
                "title": meeting.title,
                "url": base_url + self.reverse_subpage("meeting", args=(meeting.pk,)),
                "start": meeting.start,
                "end": meeting.end,
                "place": meeting.place,
                "kind": meeting.get_kind_display(),
                "description": Truncator(meeting.description).words(40),
                "summary": truncatewords_html(richtext(meeting.public_summary), 50) if meeting.public_summary else "",
            }

        return {
            "upcoming": [item(meeting) for meeting in self.upcoming_meetings()],
            "summaries": [item(meeting) for meeting in self.published_summaries()],
        }

    @path("<int:meeting_id>/")
    def meeting(self, request, meeting_id):
        meeting = (
            Meeting.objects.public()
            .filter(Q(status__in=[S.PLANNED, S.CONVENED]) | Q(status=S.PUBLISHED))
            .filter(pk=meeting_id)
            .first()
        )
        if meeting is None:
            raise Http404
        return self.render(
            request,
            template="meetings/calendar_meeting.html",
            context_overrides={"meeting": meeting, "agenda_days": meeting.agenda_by_day()},
        )

    @path("feed/", name="feed")
    def feed(self, request):
        from meetings.ics import public_feed_response

        return public_feed_response(self.upcoming_meetings())
