from commitments import reminders
from network_site.commands import DailyNoticesCommand


class Command(DailyNoticesCommand):
    help = (
        "E-mail progress-report reminders (30, 7 and 1 days before the deadline, and after it), the list of "
        "overdue organisations to the secretariat, and pending pledge re-signing requests. Idempotent: run it "
        "daily (cron or the task worker); a second run the same day sends nothing new."
    )
    run = reminders.run
    summary = (
        "Reminders sent: {reports} to organisations, {secretariat} to the secretariat, "
        "{pledge} pledge re-signing requests."
    )
