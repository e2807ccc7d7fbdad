from network_site.commands import DailyNoticesCommand
from supplychain import reminders


class Command(DailyNoticesCommand):
    help = (
        "E-mail the value-chain calendar's notices: self-assessment reminders 30, 7 and 1 days before the "
        "year's deadline to organisations without a submitted assessment, and the referral steps that became "
        "late to the secretariat. Idempotent: run it daily (cron); a second run the same day sends nothing new."
    )
    run = reminders.run
    summary = (
        "Value-chain notices sent: {assessments} self-assessment reminders, "
        "{referrals} late referral steps to the secretariat."
    )
