"""What `send_reminders` (and pledge re-signing) already sent."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Organization
from network_site.models import NetworkOwnedModel
from network_site.networks import scoped_manager


class ReminderLog(NetworkOwnedModel):
    """What `send_reminders` (and pledge re-signing) already sent, so that nothing is sent twice."""

    class Kind(models.TextChoices):
        BEFORE_30 = "before_30", _("30 days before the deadline")
        BEFORE_7 = "before_7", _("7 days before the deadline")
        BEFORE_1 = "before_1", _("1 day before the deadline")
        OVERDUE = "overdue", _("After the deadline")
        SECRETARIAT = "secretariat", _("Overdue list for the secretariat")
        PLEDGE = "pledge", _("New pledge version")

    key = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    report = models.ForeignKey(
        "commitments.ProgressReport", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    objects = scoped_manager()

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [models.UniqueConstraint(fields=["network", "key"], name="commitments_reminder_key_per_network")]

    def __str__(self):
        return self.key
