from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from network_site.spreadsheets import FORMATS, SpreadsheetError, export_resource, get_resource_class, registry


class Command(BaseCommand):
    help = "Export a resource to CSV or XLSX; the columns are the import's columns."

    def add_arguments(self, parser):
        parser.add_argument("resource", help="Resource name: " + ", ".join(sorted(registry)))
        parser.add_argument("--format", choices=FORMATS, default="xlsx")
        parser.add_argument("--output", required=True, help="Path of the file to write.")
        parser.add_argument("--user", help="E-mail of the user the export acts for (limits it to their scope).")

    def handle(self, *args, resource, format, output, user, **options):
        try:
            resource_class = get_resource_class(resource)
        except SpreadsheetError as exc:
            raise CommandError(str(exc)) from exc
        acting_user = None
        if user:
            acting_user = get_user_model().objects.filter(email__iexact=user).first()
            if acting_user is None:
                raise CommandError(f"No user with e-mail {user}")
        data = export_resource(resource_class(user=acting_user), format)
        Path(output).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({len(data)} bytes)."))
