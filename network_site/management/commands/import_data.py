from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from network_site.spreadsheets import SpreadsheetError, get_resource_class, import_file, registry


class Command(BaseCommand):
    help = "Import a CSV or XLSX file into a resource, all or nothing (e.g. organizations, people)."

    def add_arguments(self, parser):
        parser.add_argument("resource", help="Resource name: " + ", ".join(sorted(registry)))
        parser.add_argument("file", help="Path of the CSV or XLSX file.")
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; write nothing.")
        parser.add_argument("--user", help="E-mail of the user the import acts for (limits it to their scope).")

    def handle(self, *args, resource, file, dry_run, user, **options):
        try:
            resource_class = get_resource_class(resource)
        except SpreadsheetError as exc:
            raise CommandError(str(exc)) from exc
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        acting_user = None
        if user:
            acting_user = get_user_model().objects.filter(email__iexact=user).first()
            if acting_user is None:
                raise CommandError(f"No user with e-mail {user}")
        instance = resource_class(user=acting_user)
        report = import_file(instance, path.read_bytes(), path.name, dry_run=dry_run)
        totals = ", ".join(f"{key}: {value}" for key, value in report.totals.items())
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(str(warning)))
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(report.errors)} error(s); nothing was written.")
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"Dry run OK, nothing written ({totals})."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {path.name} into {resource} ({totals})."))
