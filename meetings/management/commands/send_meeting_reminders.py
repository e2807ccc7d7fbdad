import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log

from meetings.models import Meeting, MeetingStatus
from meetings.notifications import send_reminder
from network_site.networks import each_network


class Command(BaseCommand):
    help = (
        "E-mail a reminder to the invitees of every convened meeting that starts within its "
        "reminder period (reminder_days, default 2). Idempotent: each meeting is reminded once "
        "(again only after it is rescheduled). Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the meetings; send nothing.")

    def handle(self, *args, dry_run=False, **options):
        for network in each_network():
            self.stdout.write(f"{network}:")
            self.remind(dry_run)

    def remind(self, dry_run):
        """Remind the current network's meetings; returns how many were reminded."""
        now = timezone.now()
        candidates = Meeting.objects.filter(
            status=MeetingStatus.CONVENED, reminder_sent_at__isnull=True, start__gt=now, reminder_days__gt=0
        ).order_by("start")
        total = 0
        for meeting in candidates:
            if meeting.start - datetime.timedelta(days=meeting.reminder_days) > now:
                continue
            if dry_run:
                self.stdout.write(f"Would remind: {meeting}")
                continue
            with transaction.atomic():
                # Claim the meeting first so two runs at once cannot both send.
                claimed = Meeting.objects.filter(pk=meeting.pk, reminder_sent_at__isnull=True).update(
                    reminder_sent_at=timezone.now()
                )
                if not claimed:
                    continue
                sent = send_reminder(meeting)
                log(instance=meeting, action="meetings.reminder", data={"emails": sent})
            total += sent
            self.stdout.write(f"Reminded {sent} addresses of {meeting}")
        self.stdout.write(self.style.SUCCESS(f"Reminders sent: {total}."))
        return total
