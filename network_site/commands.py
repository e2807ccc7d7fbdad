"""Base classes of the apps' management commands."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from network_site.networks import each_network


class DailyNoticesCommand(BaseCommand):
    """A command run once a day (cron or a systemd timer) that sends an app's dated notices.

    Subclasses set ``help``, ``run`` (``fn(today or None) -> dict`` of counts; idempotent: a second
    run the same day sends nothing new) and ``summary`` (a format string over those counts).
    ``--date`` acts as if today were another day, for tests and catch-up. It runs once per network,
    inside ``activate(network)``: "today" is the network's date in its time zone, and every query
    and notice is that network's.
    """

    run = None
    summary = ""

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD), for tests and catch-up.")

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as exc:
                raise CommandError(f"Invalid date {date!r}; use YYYY-MM-DD.") from exc
        for network in each_network():
            counts = type(self).run(today)
            self.stdout.write(self.style.SUCCESS(f"{network}: " + self.summary.format(**counts)))
