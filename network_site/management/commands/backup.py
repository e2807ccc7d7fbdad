"""`backup`: one archive with the database, the public media and the private files (network_site.backups)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import Error as DatabaseError

from network_site.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write one consistent archive (.tar.gz, or .tar) of the database (pg_dump --format=custom on "
        "PostgreSQL, SQLite's online backup), MEDIA_ROOT and PRIVATE_MEDIA_ROOT, with a manifest. Files on "
        "S3 are not included (the command warns). Restore it with `manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=".",
            help="Archive to write (.tar.gz or .tar), or a folder for backup-<UTC date>.tar.gz (default: here).",
        )

    def handle(self, *args, output, **options):
        verbose = options["verbosity"] >= 1
        try:
            create_backup(
                output,
                log=lambda line: verbose and self.stdout.write(line),
                warn=lambda line: self.stderr.write(self.style.WARNING(f"Warning: {line}")),
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except DatabaseError as exc:  # the database cannot be reached or read: say so, no traceback
            raise CommandError(f"The database failed: {exc}") from exc
