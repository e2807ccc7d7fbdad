from pathlib import Path

from django.core.management.base import CommandError

from network_site.spreadsheets import import_file

from ._resource_command import ResourceCommand


class Command(ResourceCommand):
    help = "Import a CSV or XLSX file into a resource, all or nothing (e.g. organizations, people)."
    act = "import"

    def add_resource_arguments(self, parser):
        parser.add_argument("file", help="Path of the CSV or XLSX file.")
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; write nothing.")

    def handle(self, *args, resource, file, dry_run, user, network=None, **options):
        resource_class = self.get_resource_class(resource)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        instance = resource_class(user=self.get_acting_user(user))
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
