"""Backups: `backup` writes one archive (database, media, private files) that `restore` brings back
into a fresh database, with the same records and the same file bytes (network_site.backups).

The archive is made in this process from the test database (transactional tests: pg_dump and
SQLite's backup see committed rows only); it is restored by `manage.py restore` in another
process, with production settings, into a new database (a new SQLite file, or a new PostgreSQL
database restore_test_<pid>) and new media folders, then read with a connection of its own.
"""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from commitments.models import Commitment, Evidence, ProgressReport
from home.models import NewsPage
from members.models import Organization
from network_site.backups import model_tables
from network_site.models import CustomImage
from tests.commitments.factories import ApprovedCommitmentFactory
from tests.home.factories import ImageFactory, NewsIndexPageFactory, NewsPageFactory
from tests.members.factories import OrganizationFactory

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = connection.vendor == "postgresql"


def png_bytes(size):
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, "PNG")
    return buffer.getvalue()


EVIDENCE_BYTES = png_bytes((31, 17))
#: Settings of the restoring process that must not come from this one's environment.
DROPPED = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "BASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


# --- The restoring side: a fresh database and folders, another process -------------------------


class FreshInstallation:
    """A new, empty database and empty media folders, and `manage.py` run against them."""

    def __init__(self, tmp_path):
        self.media = tmp_path / "restored-media"
        self.private = tmp_path / "restored-private"
        self.generation = tmp_path / "cache-generation"
        self.generation.touch()
        if POSTGRES:
            import psycopg

            params = dict(connection.get_connection_params())
            self.server = {k: params[k] for k in ("host", "port", "user", "password") if params.get(k)}
            self.name = f"restore_test_{os.getpid()}"
            with psycopg.connect(dbname=connection.settings_dict["NAME"], autocommit=True, **self.server) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
                admin.execute(f'CREATE DATABASE "{self.name}"')
            auth = self.server.get("user", "")
            if self.server.get("password"):
                auth += ":" + self.server["password"]
            host = self.server.get("host", "")
            port = f":{self.server['port']}" if self.server.get("port") else ""
            self.url = f"postgres://{auth}@{host}{port}/{self.name}"
        else:
            self.file = tmp_path / "restored.sqlite3"
            self.url = f"sqlite:///{self.file}"

    def manage(self, *args):
        environment = {k: v for k, v in os.environ.items() if k not in DROPPED and not k.startswith("AWS_")}
        environment.update(
            DJANGO_SETTINGS_MODULE="network_site.settings.production",
            SECRET_KEY="backup-test-" + "x" * 50,
            ALLOWED_HOSTS="localhost",
            BASE_URL="https://red.example.org",
            DATABASE_URL=self.url,
            MEDIA_ROOT=str(self.media),
            PRIVATE_MEDIA_ROOT=str(self.private),
            CACHE_GENERATION_FILE=str(self.generation),
        )
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )

    def query(self, sql, *params):
        """The rows of a query on the restored database, through a connection of its own."""
        if POSTGRES:
            import psycopg

            with psycopg.connect(dbname=self.name, **self.server) as restored:
                return restored.execute(sql, params).fetchall()
        restored = sqlite3.connect(self.file)
        try:
            return restored.execute(sql.replace("%s", "?"), params).fetchall()
        finally:
            restored.close()

    def execute(self, sql, *params):
        """Change the restored database (committed)."""
        if POSTGRES:
            import psycopg

            with psycopg.connect(dbname=self.name, **self.server) as restored:
                restored.execute(sql, params)
            return
        restored = sqlite3.connect(self.file)
        try:
            with restored:
                restored.execute(sql.replace("%s", "?"), params)
        finally:
            restored.close()

    def count(self, model):
        return self.query(f'SELECT COUNT(*) FROM "{model._meta.db_table}"')[0][0]  # noqa: S608

    def drop(self):
        if POSTGRES:
            import psycopg

            with psycopg.connect(dbname=connection.settings_dict["NAME"], autocommit=True, **self.server) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def fresh(tmp_path):
    installation = FreshInstallation(tmp_path)
    yield installation
    installation.drop()


# --- The records ------------------------------------------------------------------------------


@pytest.fixture
def records(default_network):
    """An organisation with an approved commitment whose first report has an evidence file
    (private storage), and a news item with its lead image (public media)."""
    organization = OrganizationFactory(name="Empresa Respaldada S.A.", short_name="Respaldada")
    commitment = ApprovedCommitmentFactory(organization=organization, title="Compromiso respaldado")
    report = commitment.reports.order_by("period_start").first()
    evidence = Evidence.objects.create(
        report=report,
        file=SimpleUploadedFile("foto.png", EVIDENCE_BYTES),
        original_name="foto.png",
        content_type="image/png",
        size=len(EVIDENCE_BYTES),
        kind="image",
    )
    index = NewsIndexPageFactory(parent=default_network.site.root_page)
    news = NewsPageFactory(parent=index, title="Noticia respaldada", lead_image=ImageFactory(title="Foto respaldada"))
    return {"organization": organization, "commitment": commitment, "evidence": evidence, "news": news}


def backup(tmp_path, name="backup.tar.gz"):
    out, err = io.StringIO(), io.StringIO()
    call_command("backup", output=str(tmp_path / name), stdout=out, stderr=err)
    return tmp_path / name, out.getvalue(), err.getvalue()


def manifest_of(archive):
    with tarfile.open(archive) as tar:
        return json.load(tar.extractfile("manifest.json")), tar.getnames()


# --- Backup and restore -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_archive_restores_into_a_fresh_database_with_the_same_records_and_files(tmp_path, records, fresh):
    image = records["news"].lead_image
    image_bytes = Path(image.file.path).read_bytes()
    evidence = records["evidence"]
    live = {model: model._base_manager.count() for model in (Organization, Commitment, ProgressReport, Evidence)}
    live.update({CustomImage: CustomImage.objects.count(), NewsPage: NewsPage.objects.count()})

    archive, out, err = backup(tmp_path)

    assert "Dumping the" in out and f"Wrote {archive}" in out
    assert err == ""
    assert archive.stat().st_mode & 0o077 == 0  # private files and password hashes: the owner's only
    manifest, names = manifest_of(archive)
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["application"]["version"]
    assert "0001_initial" in manifest["migrations"]["network_site"]
    for model, count in live.items():
        assert manifest["counts"][model._meta.label] == count > 0
    assert f"private/{evidence.file.name}" in names
    assert f"media/{image.file.name}" in names

    result = fresh.manage("restore", str(archive))

    assert result.returncode == 0, result.stderr
    assert "Restore complete." in result.stdout
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        applied = set(cursor.fetchall())
    assert set(fresh.query("SELECT app, name FROM django_migrations")) == applied
    # Every table has the rows the manifest counted, and the records are the same.
    for label, table in model_tables().items():
        if manifest["counts"][label] is not None:
            assert fresh.query(f'SELECT COUNT(*) FROM "{table}"')[0][0] == manifest["counts"][label], label  # noqa: S608
    for model, count in live.items():
        assert fresh.count(model) == count
    assert fresh.query("SELECT name FROM members_organization WHERE id = %s", records["organization"].pk) == [
        ("Empresa Respaldada S.A.",)
    ]
    assert fresh.query("SELECT file, report_id FROM commitments_evidence WHERE id = %s", evidence.pk) == [
        (evidence.file.name, evidence.report_id)
    ]
    assert fresh.query("SELECT file FROM network_site_customimage WHERE id = %s", image.pk) == [(image.file.name,)]
    # The same file bytes, each in its own folder (the private file never under the public one).
    assert (fresh.private / evidence.file.name).read_bytes() == EVIDENCE_BYTES
    assert (fresh.media / image.file.name).read_bytes() == image_bytes
    assert not (fresh.media / evidence.file.name).exists()

    # The restored database is no longer empty: a second restore refuses, with no traceback.
    again = fresh.manage("restore", str(archive))
    assert again.returncode == 1
    assert "is not empty" in again.stderr and "Traceback" not in again.stderr
    assert fresh.count(Organization) == live[Organization]

    # --force replaces the contents: the same records again, not twice.
    fresh.execute("UPDATE members_organization SET name = 'Cambiada' WHERE id = %s", records["organization"].pk)
    (fresh.private / evidence.file.name).write_bytes(b"changed")
    forced = fresh.manage("restore", "--force", str(archive))
    assert forced.returncode == 0, forced.stderr
    assert "--force" in forced.stderr
    for model, count in live.items():
        assert fresh.count(model) == count
    assert fresh.query("SELECT name FROM members_organization WHERE id = %s", records["organization"].pk) == [
        ("Empresa Respaldada S.A.",)
    ]
    assert (fresh.private / evidence.file.name).read_bytes() == EVIDENCE_BYTES


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_into_a_database_that_is_not_empty_refuses_and_changes_nothing(tmp_path, records, settings):
    archive, _out, _err = backup(tmp_path)
    records["organization"].name = "Cambiada después del respaldo"
    records["organization"].save()
    evidence_path = Path(settings.PRIVATE_MEDIA_ROOT) / records["evidence"].file.name
    evidence_path.write_bytes(b"changed after the backup")
    counts = {model: model._base_manager.count() for model in (Organization, Commitment, Evidence)}

    with pytest.raises(CommandError, match="is not empty.*Nothing was changed"):
        call_command("restore", str(archive), stdout=io.StringIO(), stderr=io.StringIO())

    assert Organization.objects.get(pk=records["organization"].pk).name == "Cambiada después del respaldo"
    assert {model: model._base_manager.count() for model in counts} == counts
    assert evidence_path.read_bytes() == b"changed after the backup"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_files_on_s3_are_not_in_the_archive_and_the_backup_says_so(tmp_path, settings):
    settings.AWS_STORAGE_BUCKET_NAME = "red-media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": "red-media"}},
    }

    archive, _out, err = backup(tmp_path)

    assert "media" in err and "NOT in this archive" in err
    manifest, names = manifest_of(archive)
    assert manifest["files"]["media"]["included"] is False
    assert manifest["files"]["private"]["included"] is True
    assert any("NOT in this archive" in warning for warning in manifest["warnings"])
    assert not [name for name in names if name.startswith("media/")]


def test_an_existing_output_is_never_overwritten(tmp_path, db):
    (tmp_path / "backup.tar.gz").write_bytes(b"yesterday's backup")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", output=str(tmp_path / "backup.tar.gz"), stdout=io.StringIO())
    assert (tmp_path / "backup.tar.gz").read_bytes() == b"yesterday's backup"


# --- Bad archives: a clear error, nothing changed -------------------------------------------------


def archive_with(path, files, manifest=None, **changes):
    """A hand-made archive: ``files`` (name -> bytes) and a manifest describing them, with ``changes``."""
    vendor = connection.vendor
    member = {"postgresql": "database/db.dump", "sqlite": "database/db.sqlite3"}[vendor]
    files = {member: b"not really a database", **files}
    manifest = manifest or {
        "format": 1,
        "created_at": "2026-12-01T03:00:00+00:00",
        "database": {"vendor": vendor, "member": member},
        "migrations": {},
        "counts": {},
        "files": {"media": {"included": True}, "private": {"included": True}},
        "members": {
            name: {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()} for name, data in files.items()
        },
    }
    manifest.update(changes)
    with tarfile.open(path, "w:gz") as tar:
        for name, data in [*files.items(), ("manifest.json", json.dumps(manifest).encode())]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def restore(archive):
    call_command("restore", str(archive), stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: path.write_bytes(os.urandom(4096)) and path, "not a readable backup archive"),
        (
            lambda path: (
                path.write_bytes(archive_with(path, {"media/big.bin": os.urandom(300_000)}).read_bytes()[:150_000])
                and path
            ),
            "not a readable backup archive",
        ),
        (lambda path: path.write_bytes(b"") or path, "not a readable backup archive"),
        (lambda path: archive_with(path, {}, members={}, database={"vendor": "mysql"}), "no database dump"),
        (lambda path: archive_with(path, {"notes/x.txt": b"x"}), "not a backup archive of this platform"),
        (lambda path: archive_with(path, {"media/../../escaped.txt": b"x"}), "not a readable backup archive"),
        (lambda path: archive_with(path, {}, format=7), "format 7"),
    ],
    ids=["garbage", "truncated", "empty", "no-dump", "foreign-member", "path-outside", "newer-format"],
)
def test_a_corrupt_or_foreign_archive_is_a_clear_error(tmp_path, db, make, message):
    archive = make(tmp_path / "bad.tar.gz")
    with pytest.raises(CommandError, match=message):
        restore(archive)
    assert not (tmp_path / "escaped.txt").exists()


def test_an_archive_whose_file_does_not_match_its_checksum_is_refused(tmp_path, db):
    archive = tmp_path / "tampered.tar.gz"
    archive_with(archive, {"private/evidence/x.pdf": b"forged"})
    manifest, _names = manifest_of(archive)
    manifest["members"]["private/evidence/x.pdf"]["sha256"] = hashlib.sha256(b"original").hexdigest()
    archive_with(archive, {"private/evidence/x.pdf": b"forged"}, manifest=manifest)
    with pytest.raises(CommandError, match="does not match its checksum"):
        restore(archive)


def test_an_archive_of_another_database_system_is_refused(tmp_path, db):
    other = "sqlite" if POSTGRES else "postgresql"
    manifest, _names = manifest_of(archive_with(tmp_path / "a.tar.gz", {}))
    member = manifest["database"]["member"]
    manifest["database"] = {"vendor": other, "member": member}
    archive = archive_with(tmp_path / "other.tar.gz", {}, manifest=manifest)
    with pytest.raises(CommandError, match=f"holds a {other} database"):
        restore(archive)


def test_a_corrupt_archive_on_the_command_line_is_an_error_not_a_traceback(tmp_path, fresh):
    (tmp_path / "bad.tar.gz").write_bytes(b"\x1f\x8b" + os.urandom(1000))
    result = fresh.manage("restore", str(tmp_path / "bad.tar.gz"))
    assert result.returncode == 1
    assert "CommandError: " in result.stderr and "not a readable backup archive" in result.stderr
    assert "Traceback" not in result.stderr
    tables = "pg_tables WHERE schemaname = 'public'" if POSTGRES else "sqlite_master"
    assert fresh.query(f"SELECT COUNT(*) FROM {tables}")[0][0] == 0  # noqa: S608 (nothing was created)
