import datetime

from django.core.management.base import BaseCommand, CommandError

from commitments import reminders


class Command(BaseCommand):
    help = (
        "E-mail progress-report reminders (30, 7 and 1 days before the deadline, and after it), the list of "
        "overdue organisations to the secretariat, and pending pledge re-signing requests. Idempotent: run it "
        "daily (cron or the task worker); a second run the same day sends nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD), for tests and catch-up.")

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as exc:
                raise CommandError(f"Invalid date {date!r}; use YYYY-MM-DD.") from exc
        counts = reminders.run(today)
        self.stdout.write(
            self.style.SUCCESS(
                "Reminders sent: {reports} to organisations, {secretariat} to the secretariat, "
                "{pledge} pledge re-signing requests.".format(**counts)
            )
        )
