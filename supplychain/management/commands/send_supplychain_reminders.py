import datetime

from django.core.management.base import BaseCommand, CommandError

from supplychain import reminders


class Command(BaseCommand):
    help = (
        "E-mail the value-chain calendar's notices: self-assessment reminders 30, 7 and 1 days before the "
        "year's deadline to organisations without a submitted assessment, and the referral steps that became "
        "late to the secretariat. Idempotent: run it daily (cron); a second run the same day sends nothing new."
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
                "Value-chain notices sent: {assessments} self-assessment reminders, "
                "{referrals} late referral steps to the secretariat.".format(**counts)
            )
        )
