"""`restore`: an archive of `backup` into an empty database and the local file folders."""

from django.core.management.base import BaseCommand, CommandError
from django.db import Error as DatabaseError

from network_site.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup`: the database (pg_restore --no-owner on PostgreSQL, "
        "SQLite's backup API) into this installation's database, which must be empty, then the files into "
        "MEDIA_ROOT and PRIVATE_MEDIA_ROOT. A corrupt archive, another database system's or a newer "
        "version's is refused, changing nothing. Run `manage.py migrate` afterwards if the code is newer."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz (or .tar) written by `manage.py backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that is not empty and overwrite existing files (and accept a newer version's "
            "archive).",
        )

    def handle(self, *args, archive, force, **options):
        verbose = options["verbosity"] >= 1
        try:
            restore_backup(
                archive,
                force=force,
                log=lambda line: verbose and self.stdout.write(line),
                warn=lambda line: self.stderr.write(self.style.WARNING(f"Warning: {line}")),
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        except DatabaseError as exc:  # the database cannot be reached or read: say so, no traceback
            raise CommandError(f"The database failed: {exc}") from exc
        if verbose:
            self.stdout.write(self.style.SUCCESS("Restore complete."))
