"""The attendance register of a meeting."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from members.access import OrganizationScopedQuerySet
from members.models import Organization, Person
from network_site.networks import scoped_manager

from .choices import BODY_ORDER, AttendanceBody, AttendanceRole, AttendanceStatus


class AttendanceQuerySet(OrganizationScopedQuerySet):
    def in_list_order(self):
        """Grouped by body like the seed's participant list, then by organisation and name."""
        return self.annotate(body_order=BODY_ORDER).order_by("body_order", "organization_name", "name", "pk")


class Attendance(models.Model):
    """One person's attendance at a meeting, with the organisation they represent."""

    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance"
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

    objects = scoped_manager(AttendanceQuerySet, "meeting__network")

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
