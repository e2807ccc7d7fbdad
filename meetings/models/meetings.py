"""Meetings and their agenda; a meeting's lifecycle and who receives its e-mails."""

import datetime
import uuid

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.fields import RichTextField
from wagtail.log_actions import log
from wagtail.models import Orderable
from wagtail.search import index

from members.access import portal_account_for
from members.models import Person, PortalAccount
from network_site.lifecycle import Lifecycle, LifecycleMixin, Transition, actor
from network_site.models import NetworkOwnedModel
from network_site.networks import scoped_manager

from .. import notifications
from .agreements import Agreement
from .choices import MINUTES_LOCKED, NOT_YET_HELD, MeetingKind, MeetingStatus, ReplyStatus, S, default_reminder_days
from .invitations import Invitation

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


class MeetingSeries(NetworkOwnedModel):
    """Meetings that follow one another, numbered (e.g. the network's "Sesión ordinaria" 1, 2, 3...)."""

    name = models.CharField(_("name"), max_length=200, help_text=_("For example: Sesión ordinaria"))
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.ORDINARY)
    interval_weeks = models.PositiveSmallIntegerField(
        _("weeks between sessions"),
        default=4,
        help_text=_("Used to propose the date of the next session when a meeting is copied."),
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["network", "name"], name="meetings_series_name_per_network")]

    def __str__(self):
        return self.name

    def next_number(self):
        highest = self.meetings.aggregate(highest=models.Max("number"))["highest"]
        return (highest or 0) + 1

    def session_title(self, number):
        return _("%(series)s no. %(number)s") % {"series": self.name, "number": number}

    def get_admin_url(self):
        return reverse("meetings_admin:series", args=[self.pk])


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


class Meeting(LifecycleMixin, index.Indexed, ClusterableModel, NetworkOwnedModel):
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
    series = models.ForeignKey(
        MeetingSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        help_text=_("The series of meetings this one belongs to (e.g. the ordinary sessions)."),
    )
    number = models.PositiveIntegerField(
        _("session number"), null=True, blank=True, help_text=_("Its number within the series.")
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
    minutes_comments_due = models.DateField(
        _("comments on the minutes until"),
        null=True,
        blank=True,
        help_text=_("Set when the minutes are circulated: attendees may comment in the portal until this day."),
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

    objects = scoped_manager(MeetingQuerySet)
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
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number"],
                condition=Q(series__isnull=False, number__isnull=False),
                name="unique_session_number_in_series",
            )
        ]

    def __str__(self):
        local = timezone.localtime(self.start) if self.start else None
        return f"{self.title} ({local:%d/%m/%Y})" if local else self.title

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The meeting must end after it starts.")})
        if not self.place and not self.online_url:
            raise ValidationError({"place": _("Give a place, an online link, or both.")})
        if self.number is not None and self.series_id is None:
            raise ValidationError({"number": _("A session number needs a series.")})
        if self.series_id and self.number is not None:
            taken = Meeting.objects.filter(series_id=self.series_id, number=self.number).exclude(pk=self.pk)
            if taken.exists():
                raise ValidationError({"number": _("This series already has a session with this number.")})

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

    def has_started(self, now=None):
        return self.start <= (now or timezone.now())

    @property
    def has_public_summary(self):
        return bool(strip_tags(self.public_summary or "").replace("&nbsp;", " ").strip())

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
        if new == S.HELD and not self.has_started():
            raise ValidationError(
                _("The meeting has not started yet: it can be marked held from %(start)s.")
                % {"start": formats.date_format(self.local_start, "DATETIME_FORMAT")},
                code="not_started",
            )
        if new == S.PUBLISHED and not self.has_public_summary:
            raise ValidationError(_("Write the public summary before publishing it."), code="summary_required")

    def on_transition(self, old, new, *, user, comment, **extra):
        now = timezone.now()
        if new == S.CONVENED:
            self.convened_at = now
            return ["convened_at"]
        if new == S.MINUTES_APPROVED and old != S.PUBLISHED:
            self.minutes_approved_at, self.minutes_approved_by = now, actor(user)
            return ["minutes_approved_at", "minutes_approved_by"]
        if new == S.PUBLISHED and not self.is_public:
            # The summary is read on the public calendar, which lists only public meetings.
            self.is_public = True
            return ["is_public"]
        if new == S.CANCELLED:
            self.cancellation_reason = comment
            self.sequence += 1
            return ["cancellation_reason", "sequence"]
        return []

    def transition_log_data(self, old, new, *, user, comment, **extra):
        return {"emails": extra["emails"]} if "emails" in extra else {}

    def convene(self, *, user=None, comment=""):
        """Mark it convened, then send the convocation to every invitee (one e-mail per address).

        The e-mails leave once the change is made (and committed, when no outer transaction holds
        it), like the cancellation's; the history entry keeps how many addresses it reaches.
        Returns that number.
        """
        self.transition_to(S.CONVENED, user=user, comment=comment, emails=len(self.recipients()))
        return notifications.send_convocation(self)

    def resend_convocation(self, *, user=None):
        """Send the convocation again (e.g. to newly invited people); the calendar entry is updated."""
        if self.status != S.CONVENED:
            raise ValidationError(_("Only a convened meeting can be sent again."))
        self.sequence += 1
        self.save(update_fields=["sequence", "updated_at"])
        sent = notifications.send_convocation(self, update=True)
        log(instance=self, action="meetings.resend", user=actor(user), data={"emails": sent})
        return sent

    def cancel(self, *, user=None, comment=""):
        """Cancel (the reason is required); invitees of a convened meeting are told. Returns how many."""
        was_convened = self.status == S.CONVENED
        self.transition_to(S.CANCELLED, user=user, comment=comment)
        return notifications.send_cancellation(self) if was_convened else 0

    def circulate_minutes(self, comments_due, *, user=None, comment=""):
        """Circulate the minutes for comments until ``comments_due`` (a day after today): attendees
        get an e-mail with the deadline and the portal link (meetings.notifications), and see
        "minutes to comment" on their dashboard until then. Returns how many addresses it reached."""
        if comments_due is None or comments_due <= timezone.localdate():
            raise ValidationError(
                {"comments_due": _("The deadline for comments must be a day after today.")}, code="past_deadline"
            )
        recipients = notifications.minutes_recipients(self)
        due_text = formats.date_format(comments_due, "DATE_FORMAT")
        with transaction.atomic():
            self.minutes_comments_due = comments_due
            self.save(update_fields=["minutes_comments_due", "updated_at"])
            self.transition_to(
                S.MINUTES_CIRCULATED,
                user=user,
                comment=comment or _("Comments until %(date)s.") % {"date": due_text},
                name="circulate",
                emails=len(recipients),
            )
        return notifications.send_minutes_for_comment(self, recipients)

    @transaction.atomic
    def reschedule(self, start, end, *, user=None, reason="", place=None):
        """Move the meeting; invitees of a convened meeting get an updated calendar entry."""
        if self.status not in NOT_YET_HELD:
            raise ValidationError(_("Only a meeting that has not been held can be rescheduled."))
        if end <= start:
            raise ValidationError(_("The meeting must end after it starts."))
        old = {"start": self.start.isoformat(), "end": self.end.isoformat(), "place": self.place}
        # Days between the local start dates: a negative timedelta's .days floors (−103 days −1 h
        # is −104 days), which would move the agenda one day too far back.
        shift_days = (timezone.localtime(start).date() - self.local_start.date()).days
        self.start, self.end = start, end
        if place is not None:
            self.place = place
        self.sequence += 1
        self.reminder_sent_at = None
        self.save(update_fields=["start", "end", "place", "sequence", "reminder_sent_at", "updated_at"])
        # Agenda items keep their position relative to the meeting's first day.
        if shift_days:
            for item in self.agenda_items.exclude(day=None):
                item.day = item.day + datetime.timedelta(days=shift_days)
                item.save(update_fields=["day"])
        log(
            instance=self,
            action="meetings.reschedule",
            user=actor(user),
            data={"old": old, "new": {"start": start.isoformat(), "end": end.isoformat()}, "reason": reason},
        )
        return notifications.send_reschedule(self, reason=reason) if self.status == S.CONVENED else 0

    # --- Copy for the next session ------------------------------------------------------------

    def proposed_next_start(self):
        """The proposed start of the next session: the series' latest session plus its interval
        (repeated until it is in the future)."""
        latest = self
        weeks = 4
        if self.series_id:
            weeks = self.series.interval_weeks or 4
            latest = self.series.meetings.order_by("-start").first() or self
        step = datetime.timedelta(weeks=weeks)
        proposed = max(latest.start, self.start) + step
        now = timezone.now()
        if proposed < now:  # an old meeting copied: the first date of its rhythm still to come
            proposed += step * ((now - proposed) // step + 1)
        return proposed

    @transaction.atomic
    def copy_for_next_session(self, *, start, end=None, title=None, user=None, invite_same=False):
        """A new planned meeting with this one's details and agenda (as a template).

        In a series, the copy is the series' next session (next number). Never copied: the
        invitations' replies, the attendance, the minutes (notes, conclusions, summary,
        attachments) and the agreements. With ``invite_same`` the same organisations, people
        and guests are invited again, with no reply yet. The copy is not on the public calendar
        until the secretariat puts it there.
        """
        end = end or start + (self.end - self.start)
        number = self.series.next_number() if self.series_id else None
        if not title:
            title = self.series.session_title(number) if self.series_id else self.title
        copy = Meeting(
            title=title,
            kind=self.kind,
            start=start,
            end=end,
            place=self.place,
            online_url=self.online_url,
            description=self.description,
            convening_body=self.convening_body,
            is_public=False,  # on the public calendar only when the secretariat says so
            reminder_days=self.reminder_days,
            series_id=self.series_id,
            number=number,
        )
        copy.full_clean()
        copy.save()
        shift = timezone.localtime(start).date() - self.local_start.date()
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(
                    meeting=copy,
                    sort_order=item.sort_order,
                    day=item.day + shift if item.day else None,
                    start_time=item.start_time,
                    duration_minutes=item.duration_minutes,
                    session=item.session,
                    title=item.title,
                    description=item.description,
                    presenter_id=item.presenter_id,
                    presenters_text=item.presenters_text,
                    place=item.place,
                )
                for item in self.agenda_items.all()
            ]
        )
        if invite_same:
            Invitation.objects.bulk_create(
                [
                    Invitation(
                        meeting=copy,
                        organization_id=invitation.organization_id,
                        person_id=invitation.person_id,
                        guest_name=invitation.guest_name,
                        guest_organization=invitation.guest_organization,
                        guest_email=invitation.guest_email,
                    )
                    for invitation in self.invitations.all()
                ]
            )
        log(instance=copy, action="wagtail.create", user=actor(user), data={"copied_from": self.pk})
        return copy

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
