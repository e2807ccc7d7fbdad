"""Daily: expire background PDFs older than PDF_RESULT_HOURS (their files deleted) in every network."""

from django.core.management.base import BaseCommand

from network_site.background import clean_expired
from network_site.networks import each_network


class Command(BaseCommand):
    help = "Delete the files of background PDFs older than PDF_RESULT_HOURS (the jobs say “expired”)."

    def handle(self, *args, **options):
        total = 0
        for _network in each_network():
            total += clean_expired()
        self.stdout.write(f"{total} rendered document(s) expired.")
