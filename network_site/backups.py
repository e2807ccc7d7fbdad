"""Backups: one archive holds the database, the public media and the private files; it restores
into an empty database (``manage.py backup`` / ``manage.py restore``, docs/deployment.md).

The archive is a ``.tar.gz`` (or a plain ``.tar``) with:

- ``database/db.dump`` (PostgreSQL, ``pg_dump --format=custom``) or ``database/db.sqlite3``
  (SQLite, a copy made with SQLite's online backup API);
- ``media/…``: ``MEDIA_ROOT`` (images, their renditions, logos);
- ``private/…``: ``PRIVATE_MEDIA_ROOT`` (evidence, attachments, minutes, documents, imports);
- ``manifest.json`` (last): the application's version, the date, the database vendor, the
  migrations applied and the number of rows of every model *in the dumped snapshot*, the size
  and SHA-256 of every member, and the warnings of the run.

Consistency. The database is one snapshot: on PostgreSQL a repeatable-read transaction exports
its snapshot, ``pg_dump --snapshot`` dumps exactly it and the manifest's counts are read in it;
on SQLite the backup API copies the file in one step under a read lock. The files are copied
*after* the snapshot: the application writes a file before the row naming it, so every row of
the snapshot already had its file on disk when the copy began. Files uploaded meanwhile come as
harmless extras (no row names them); only a file deleted between the snapshot and its copy
(a record deleted during the backup) can be missing, and the run says so.

Files on S3 (``AWS_STORAGE_BUCKET_NAME`` / ``AWS_PRIVATE_BUCKET_NAME``) are not in the archive:
only a local file system storage is copied; the run warns and the manifest records it (use the
bucket's own versioning and replication).
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
import zlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections

#: Version of the archive's layout (manifest["format"]).
FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_MEMBER = {"postgresql": "database/db.dump", "sqlite": "database/db.sqlite3"}
#: Archive folder -> (setting of its local root, name of its storage in STORAGES).
FILE_TREES = {"media": ("MEDIA_ROOT", "default"), "private": ("PRIVATE_MEDIA_ROOT", "private")}
#: OPTIONS of a Django PostgreSQL database that are not libpq connection parameters.
DJANGO_ONLY_OPTIONS = {"isolation_level", "server_side_binding", "assume_role", "pool", "cursor_factory"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or a restore that cannot be done; the message says why and what to do."""


# --- Backup ---------------------------------------------------------------------------------------


def default_archive_name(now=None):
    now = now or datetime.datetime.now(datetime.UTC)
    return f"backup-{now:%Y%m%d-%H%M%S}.tar.gz"


def create_backup(output, *, log=print, warn=print, using="default"):
    """Write the archive to ``output`` (a file, or a folder for a dated name); returns its path.

    The archive appears under its name only once complete (it is written to ``…partial`` and
    renamed) and is readable by its owner only (it holds password hashes and private files).
    """
    output = Path(output)
    if output.is_dir():
        output = output / default_archive_name()
    if output.exists():
        raise BackupError(f"{output} exists already: choose another --output (an archive is never overwritten).")
    if not output.parent.is_dir():
        raise BackupError(f"The folder {output.parent} does not exist.")
    for setting, _storage in FILE_TREES.values():
        root = Path(getattr(settings, setting)).resolve()
        if root == output.resolve().parent or root in output.resolve().parents:
            raise BackupError(f"Write the archive outside {setting} ({root}): it would contain itself.")
    compressed = not output.name.endswith(".tar")
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DATABASE_MEMBER:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    warnings = []

    def warning(message):
        warnings.append(message)
        warn(message)

    partial = output.with_name(output.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="red-backup-") as work:
        dump = Path(work) / Path(DATABASE_MEMBER[vendor]).name
        log(f"Dumping the {vendor} database {connection.settings_dict['NAME']}…")
        if vendor == "postgresql":
            snapshot = dump_postgresql(connection.settings_dict, dump)
        else:
            snapshot = dump_sqlite(connection, dump)
        total = sum(count for count in snapshot["counts"].values() if count)
        log(f"  {total} rows in {len(snapshot['counts'])} tables, {human_size(dump.stat().st_size)}.")
        manifest = {
            "format": FORMAT,
            "application": application_version(),
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "database": {
                "vendor": vendor,
                "member": DATABASE_MEMBER[vendor],
                "server_version": snapshot["server_version"],
            },
            "migrations": snapshot["migrations"],
            "counts": snapshot["counts"],
            "files": {},
            "members": {},
            "warnings": warnings,
        }
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz" if compressed else "w") as tar:
                manifest["members"][DATABASE_MEMBER[vendor]] = add_file(tar, dump, DATABASE_MEMBER[vendor])
                for folder, (setting, storage_name) in FILE_TREES.items():
                    manifest["files"][folder] = add_tree(tar, folder, setting, storage_name, manifest, log, warning)
                data = json.dumps(manifest, indent=2, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
                info.mode = 0o600
                tar.addfile(info, io.BytesIO(data))
            os.replace(partial, output)
        finally:
            if partial.exists():
                partial.unlink()
    log(f"Wrote {output} ({human_size(output.stat().st_size)}).")
    return output


def postgresql_params(settings_dict):
    """libpq parameters of a Django PostgreSQL database (for psycopg and the PG* variables)."""
    params = {
        "dbname": settings_dict.get("NAME") or "",
        "host": settings_dict.get("HOST") or "",
        "port": str(settings_dict.get("PORT") or ""),
        "user": settings_dict.get("USER") or "",
        "password": settings_dict.get("PASSWORD") or "",
    }
    for key, value in (settings_dict.get("OPTIONS") or {}).items():
        if key not in DJANGO_ONLY_OPTIONS and isinstance(value, str | int):
            params[key] = str(value)
    return {key: value for key, value in params.items() if value}


PG_ENVIRONMENT = {
    "dbname": "PGDATABASE",
    "host": "PGHOST",
    "port": "PGPORT",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "application_name": "PGAPPNAME",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
}


def pg_environment(params):
    """The environment for pg_dump/pg_restore: the password never on the command line."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    for key, value in params.items():
        if key in PG_ENVIRONMENT:
            environment[PG_ENVIRONMENT[key]] = value
    return environment


def pg_tool(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed: install PostgreSQL's client programs "
            "(Debian: apt install postgresql-client; the server's major version or newer)."
        )
    return path


def run_pg_tool(arguments, params, what):
    try:
        result = subprocess.run(  # noqa: S603 (our own arguments, no shell)
            arguments, env=pg_environment(params), capture_output=True, text=True, check=False
        )
    except OSError as exc:
        raise BackupError(f"{what} could not run: {exc}") from exc
    if result.returncode != 0:
        raise BackupError(f"{what} failed (exit status {result.returncode}): {result.stderr.strip()}")
    return result


def dump_postgresql(settings_dict, dump):
    """``pg_dump --format=custom`` of the snapshot of a repeatable-read transaction kept open
    meanwhile, and the counts and migrations read in that same snapshot."""
    import psycopg

    pg_dump = pg_tool("pg_dump")
    params = postgresql_params(settings_dict)
    try:
        connection = psycopg.connect(**params)
    except psycopg.Error as exc:
        raise BackupError(f"Cannot connect to the database: {exc}") from exc
    try:
        with connection:
            connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            connection.read_only = True
            with connection.transaction(), connection.cursor() as cursor:
                cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
                snapshot_id, server_version = cursor.fetchone()
                cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
                tables = {row[0] for row in cursor.fetchall()}
                result = read_snapshot(cursor, tables, quote=lambda name: '"' + name.replace('"', '""') + '"')
                run_pg_tool(
                    [pg_dump, "--format=custom", f"--snapshot={snapshot_id}", f"--file={dump}"], params, "pg_dump"
                )
    except psycopg.Error as exc:
        raise BackupError(f"Reading the database failed: {exc}") from exc
    result["server_version"] = server_version
    return result


def dump_sqlite(connection, dump):
    """A copy with SQLite's online backup API (in one step: a consistent snapshot), then the
    counts and migrations read in the copy."""
    if connection.in_atomic_block:
        # SQLite's backup API waits forever for a write transaction of its own source connection.
        raise BackupError("Cannot back up SQLite from inside a transaction (run the command on its own).")
    connection.ensure_connection()
    target = sqlite3.connect(dump)
    try:
        connection.connection.backup(target)
    except sqlite3.Error as exc:
        raise BackupError(f"The SQLite backup failed: {exc}") from exc
    finally:
        target.close()
    copy = sqlite3.connect(dump)
    try:
        cursor = copy.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = {row[0] for row in cursor.fetchall()}
        result = read_snapshot(cursor, tables, quote=lambda name: '"' + name.replace('"', '""') + '"')
    finally:
        copy.close()
    result["server_version"] = sqlite3.sqlite_version
    return result


def model_tables():
    """``app_label.ModelName`` -> table of every model with its own table (many-to-many ones included)."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy:
            tables[meta.label] = meta.db_table
    return dict(sorted(tables.items()))


def read_snapshot(cursor, tables, quote):
    """Rows per model (None: the model's table is not in the database) and migrations applied."""
    counts = {}
    for label, table in model_tables().items():
        if table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (a model's table name)
            counts[label] = cursor.fetchone()[0]
        else:
            counts[label] = None
    migrations = {}
    if "django_migrations" in tables:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        for app, name in cursor.fetchall():
            migrations.setdefault(app, []).append(name)
    return {"counts": counts, "migrations": migrations}


def application_version():
    version = {"name": "", "version": "", "commit": ""}
    try:
        project = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())["project"]
        version.update(name=project.get("name", ""), version=project.get("version", ""))
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        pass
    if (Path(settings.BASE_DIR) / ".git").exists() and shutil.which("git"):
        result = subprocess.run(  # noqa: S603
            ["git", "rev-parse", "HEAD"],  # noqa: S607
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 0:
            version["commit"] = result.stdout.strip()
    return version


class HashingReader:
    """Reads exactly ``size`` bytes of a file for tarfile, hashing them; a file that shrank
    meanwhile is padded with zeros (the archive stays readable) and reported as changed."""

    def __init__(self, handle, size):
        self.handle, self.left, self.digest, self.short = handle, size, hashlib.sha256(), False

    def read(self, n=-1):
        if n is None or n < 0 or n > self.left:
            n = self.left
        data = self.handle.read(n)
        if len(data) < n:
            self.short = True
            data += b"\0" * (n - len(data))
        self.left -= len(data)
        self.digest.update(data)
        return data


def add_file(tar, path, name):
    """Add one file under ``name``; returns its size and SHA-256 (and whether it changed meanwhile)."""
    with open(path, "rb") as handle:
        stat = os.fstat(handle.fileno())
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o600
        reader = HashingReader(handle, stat.st_size)
        tar.addfile(info, reader)
    entry = {"size": stat.st_size, "sha256": reader.digest.hexdigest()}
    if reader.short:
        entry["changed"] = True
    return entry


def add_tree(tar, folder, setting, storage_name, manifest, log, warning):
    """Add the local root of one storage under ``folder/``; returns what the manifest says of it."""
    root = Path(getattr(settings, setting))
    storage = storages[storage_name]
    if not isinstance(storage, FileSystemStorage):
        warning(
            f"{folder}: the storage {storage_name!r} is {type(storage).__module__}.{type(storage).__name__}, not "
            f"the local file system: its files are NOT in this archive (only local storage is backed up; "
            "keep the bucket's own versioning and replication)."
        )
        return {"included": False, "storage": type(storage).__name__, "files": 0, "bytes": 0}
    log(f"Adding {folder} files from {root}…")
    files = size = 0
    if root.is_dir():
        for directory, subfolders, names in os.walk(root):
            subfolders.sort()
            for name in sorted(names):
                path = Path(directory) / name
                if not path.is_file() or path.is_symlink():
                    continue
                relative = path.relative_to(root).as_posix()
                member = f"{folder}/{relative}"
                try:
                    entry = add_file(tar, path, member)
                except FileNotFoundError:
                    warning(f"{member} was deleted during the backup (its record was probably deleted too).")
                    continue
                except OSError as exc:
                    raise BackupError(f"Cannot read {path}: {exc}") from exc
                if entry.get("changed"):
                    warning(f"{member} changed during the backup: its copy may be incomplete.")
                manifest["members"][member] = entry
                files += 1
                size += entry["size"]
    else:
        warning(f"{folder}: {setting} ({root}) does not exist: no {folder} files in the archive.")
    log(f"  {files} files, {human_size(size)}.")
    return {"included": True, "files": files, "bytes": size}


def human_size(size):
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} bytes"


# --- Restore --------------------------------------------------------------------------------------


def read_archive(archive, work, log=print):
    """Unpack ``archive`` into ``work`` and check it against its manifest; returns the manifest.

    Nothing outside ``work`` is touched: a corrupt, truncated or foreign archive is a BackupError.
    """
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"{archive} is not a file.")
    log(f"Reading {archive}…")
    try:
        with tarfile.open(archive, mode="r:*") as tar:
            names = set()
            for member in tar:
                if not (member.isfile() or member.isdir()):
                    raise BackupError(f"{archive} holds {member.name!r}, which is not a plain file.")
                if member.name != MANIFEST and member.name.split("/", 1)[0] not in {"database", *FILE_TREES}:
                    raise BackupError(f"{archive} holds {member.name!r}: not a backup archive of this platform.")
                tar.extract(member, work, filter="data")
                names.add(member.name)
    except BackupError:
        raise
    except (tarfile.TarError, EOFError, zlib.error, OSError, ValueError) as exc:
        raise BackupError(f"{archive} is not a readable backup archive (corrupt or truncated?): {exc}") from exc
    if MANIFEST not in names:
        raise BackupError(f"{archive} has no {MANIFEST}: not a backup archive of this platform (or truncated).")
    try:
        manifest = json.loads((Path(work) / MANIFEST).read_text())
        if not isinstance(manifest, dict):
            raise ValueError("not an object")
        members, vendor = manifest["members"], manifest["database"]["vendor"]
        fmt = manifest["format"]
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"The manifest of {archive} is not readable: {exc}") from exc
    if fmt != FORMAT:
        raise BackupError(f"{archive} is a backup of format {fmt}; this version reads format {FORMAT}.")
    if vendor not in DATABASE_MEMBER or manifest["database"].get("member") not in members:
        raise BackupError(f"{archive} has no database dump.")
    log("Checking the archive's checksums…")
    for name, entry in members.items():
        path = Path(work) / name
        if name not in names or not path.is_file():
            raise BackupError(f"{archive} lacks {name}, which its manifest lists (truncated?).")
        if path.stat().st_size != entry.get("size") or file_sha256(path) != entry.get("sha256"):
            raise BackupError(f"{name} in {archive} does not match its checksum: the archive is corrupt.")
    return manifest


def file_sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def database_is_empty(connection):
    """No table at all, or only an empty ``django_migrations`` (nothing migrated yet)."""
    tables = set(connection.introspection.table_names())
    if not tables:
        return True
    if tables == {"django_migrations"}:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM django_migrations")
            return cursor.fetchone()[0] == 0
    return False


def unknown_migrations(manifest):
    """Migrations applied in the archive that this code does not have (a newer version's)."""
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return sorted(
        f"{app}.{name}"
        for app, names in manifest.get("migrations", {}).items()
        for name in names
        if app in {config.label for config in apps.get_app_configs()} and (app, name) not in known
    )


def restore_backup(archive, *, force=False, log=print, warn=print, using="default"):
    """Restore ``archive`` into the (empty) database and the local file roots.

    Refuses, changing nothing, a corrupt archive, another vendor's, a newer version's (unless
    ``force``), a database that is not empty and files that would be overwritten (unless
    ``force``). Returns the manifest."""
    connection = connections[using]
    with tempfile.TemporaryDirectory(prefix="red-restore-") as work:
        manifest = read_archive(archive, work, log)
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise BackupError(
                f"{archive} holds a {vendor} database; this installation's database is {connection.vendor}. "
                "Restore it on the same database system (then move data with dumpdata/loaddata if you must)."
            )
        newer = unknown_migrations(manifest)
        if newer and not force:
            raise BackupError(
                f"{archive} comes from a newer version of the application ({len(newer)} migrations this code "
                f"does not have, e.g. {newer[0]}): deploy that version first (or --force)."
            )
        if not database_is_empty(connection):
            if not force:
                raise BackupError(
                    f"The database {connection.settings_dict['NAME']} is not empty: restore into a new, empty "
                    "database (PostgreSQL: createdb; SQLite: a new file), or add --force to replace its contents. "
                    "Nothing was changed."
                )
            warn(f"--force: replacing the contents of the database {connection.settings_dict['NAME']}.")
        targets = file_targets(manifest, warn)
        conflicts = [
            str(target)
            for source, target in file_moves(work, targets)
            if target.exists() and (not target.is_file() or file_sha256(target) != file_sha256(source))
        ]
        if conflicts and not force:
            raise BackupError(
                f"{len(conflicts)} files of the archive exist already with other contents (e.g. {conflicts[0]}): "
                "restore into empty folders, or add --force to overwrite them. Nothing was changed."
            )
        database = Path(work) / manifest["database"]["member"]
        log(f"Restoring the {vendor} database into {connection.settings_dict['NAME']}…")
        if vendor == "postgresql":
            restore_postgresql(connection, database, clean=force)
        else:
            restore_sqlite(connection, database)
        for folder, root in targets.items():
            count = 0
            log(f"Restoring {folder} files into {root}…")
            for source, target in file_moves(work, {folder: root}):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
                count += 1
            log(f"  {count} files.")
    from network_site import page_cache

    page_cache.invalidate()
    total = sum(count for count in manifest["counts"].values() if count)
    log(f"Restored {total} rows and the files of the backup of {manifest['created_at']}.")
    pending = pending_migrations(connection)
    if pending:
        log(f"This code has {pending} migrations the backup has not applied: run `manage.py migrate` now.")
    return manifest


def file_targets(manifest, warn):
    """Archive folder -> local root it restores into (a tree not in the archive, or whose
    storage here is not local, is skipped with a warning)."""
    targets = {}
    for folder, (setting, storage_name) in FILE_TREES.items():
        described = manifest.get("files", {}).get(folder, {})
        if not described.get("included"):
            warn(f"{folder}: the archive has no {folder} files (its storage was not local when it was made).")
            continue
        storage = storages[storage_name]
        if not isinstance(storage, FileSystemStorage):
            warn(
                f"{folder}: the storage {storage_name!r} here is not the local file system: its "
                f"{described.get('files', 0)} files are not restored (copy them to the bucket yourself)."
            )
            continue
        targets[folder] = Path(getattr(settings, setting))
    return targets


def file_moves(work, targets):
    """(unpacked file, where it goes) of every file of the archive's trees in ``targets``."""
    for folder, root in targets.items():
        unpacked = Path(work) / folder
        if not unpacked.is_dir():
            continue
        for path in sorted(unpacked.rglob("*")):
            if path.is_file():
                yield path, root / path.relative_to(unpacked)


def restore_postgresql(connection, dump, clean=False):
    """``pg_restore --no-owner --no-privileges`` in one transaction: all of it or nothing."""
    pg_restore = pg_tool("pg_restore")
    params = postgresql_params(connection.settings_dict)
    connection.close()
    arguments = [pg_restore, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
    if clean:
        arguments += ["--clean", "--if-exists"]
    run_pg_tool([*arguments, f"--dbname={params.get('dbname', '')}", str(dump)], params, "pg_restore")


def restore_sqlite(connection, copy):
    """The copy written into the database with SQLite's backup API (safe with the file open)."""
    source = sqlite3.connect(copy)
    try:
        result = source.execute("PRAGMA integrity_check").fetchone()
        if result[0] != "ok":
            raise BackupError(f"The archive's SQLite database is damaged: {result[0]}")
        connection.ensure_connection()
        source.backup(connection.connection)
    except sqlite3.Error as exc:
        raise BackupError(f"The SQLite restore failed: {exc}") from exc
    finally:
        source.close()
        connection.close()


def pending_migrations(connection):
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
