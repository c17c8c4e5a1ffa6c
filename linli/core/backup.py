"""One-file backups of a site and their restore.

A backup is a gzipped tar archive holding:

- ``database.sqlite3`` (taken with SQLite's online backup API, so a live WAL database is copied
  consistently while the site runs) or ``database.pgdump`` (``pg_dump --format=custom``);
- ``media/...``: every uploaded file;
- ``secret_key``: signed links, password-reset tokens and sessions depend on it;
- ``manifest.json``: the format, the database kind, and the SHA-256 of every other member.

``restore`` refuses a target that already holds data and an archive whose checksums do not match,
so a mistyped command can never overwrite a running site.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections

FORMAT = 1
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A refusal: the message says what is wrong and what to do."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def database_kind(alias: str = "default") -> str:
    engine = settings.DATABASES[alias]["ENGINE"]
    if "sqlite" in engine:
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"cannot back up a database with the engine {engine}")


def _pg_environment(alias: str = "default") -> dict[str, str]:
    """libpq's environment variables for the database, so no password appears in a process list."""
    db: dict[str, Any] = dict(settings.DATABASES[alias])
    env = dict(os.environ)
    for key, name in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ]:
        if db.get(name):
            env[key] = str(db[name])
    return env


def _dump_database(folder: Path) -> str:
    kind = database_kind()
    if kind == "sqlite":
        target = folder / "database.sqlite3"
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target.name
    target = folder / "database.pgdump"
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)],
        env=_pg_environment(),
        check=True,
    )
    return target.name


def create(archive: Path) -> dict[str, Any]:
    """Write a backup of the database, the uploads and the secret key to ``archive``."""
    with tempfile.TemporaryDirectory(prefix="linli-backup-") as tmp:
        folder = Path(tmp)
        names = [_dump_database(folder)]
        (folder / "secret_key").write_text(settings.SECRET_KEY)
        names.append("secret_key")
        media = Path(settings.MEDIA_ROOT)
        media_files = sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []
        files = {name: _sha256(folder / name) for name in names}
        for path in media_files:
            files["media/" + path.relative_to(media).as_posix()] = _sha256(path)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(),
            "database": database_kind(),
            "files": files,
        }
        archive.parent.mkdir(parents=True, exist_ok=True)
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mode = 0o600
            tar.addfile(info, io.BytesIO(data))
            for name in names:
                tar.add(folder / name, arcname=name)
            for path in media_files:
                tar.add(path, arcname="media/" + path.relative_to(media).as_posix())
        partial.chmod(0o600)  # the archive holds the secret key and personal data
        partial.replace(archive)  # never leave a half-written file under the real name
    return manifest


def _extract_safely(tar: tarfile.TarFile, folder: Path) -> None:
    """Only plain files and folders inside ``folder``: a crafted archive cannot write elsewhere."""
    for member in tar.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"the archive holds an unsafe member: {member.name}")
    if hasattr(tarfile, "data_filter"):  # Python 3.11.4+: the standard library checks too
        tar.extractall(folder, filter="data")
    else:
        tar.extractall(folder)  # noqa: S202 - every member was checked above


@contextmanager
def _unpacked(archive: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Unpack into a temporary folder and check every checksum before anything is restored."""
    with tempfile.TemporaryDirectory(prefix="linli-restore-") as tmp:
        folder = Path(tmp)
        try:
            with tarfile.open(archive, "r:*") as tar:
                _extract_safely(tar, folder)
        except (tarfile.TarError, OSError) as error:
            raise BackupError(f"not a readable linli backup: {error}") from error
        try:
            manifest = json.loads((folder / MANIFEST).read_text())
        except (OSError, ValueError) as error:
            raise BackupError("the archive has no readable manifest.json") from error
        if manifest.get("format") != FORMAT:
            raise BackupError(f"unknown backup format {manifest.get('format')!r}")
        present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {
            MANIFEST
        }
        expected = set(manifest["files"])
        if present != expected:
            raise BackupError(
                "the archive does not hold the files its manifest lists: "
                f"missing {sorted(expected - present)}, unexpected {sorted(present - expected)}"
            )
        for name, digest in manifest["files"].items():
            if _sha256(folder / name) != digest:
                raise BackupError(f"checksum mismatch for {name}: the archive is damaged")
        yield folder, manifest


def verify(archive: Path) -> dict[str, Any]:
    with _unpacked(archive) as (_folder, manifest):
        return manifest


def _sqlite_has_tables(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0] > 0


def _refuse_unless_empty(kind: str) -> None:
    if kind == "sqlite":
        if _sqlite_has_tables(Path(settings.DATABASES["default"]["NAME"])):
            raise BackupError(
                "the database in the data folder already holds tables: restore into an empty "
                "data folder (set LINLI_DATA_DIR to a new folder)"
            )
    else:
        with connections["default"].cursor() as cursor:
            tables = connections["default"].introspection.table_names(cursor)
        if tables:
            raise BackupError(
                "the database already holds tables: restore into a new, empty database "
                "(createdb, then point DATABASE_URL at it)"
            )
    media = Path(settings.MEDIA_ROOT)
    if media.exists() and any(p.is_file() for p in media.rglob("*")):
        raise BackupError(f"the uploads folder {media} is not empty: restore into an empty one")


def restore(archive: Path) -> dict[str, Any]:
    """Restore a backup into an empty data folder and an empty database of the same kind."""
    kind = database_kind()
    with _unpacked(archive) as (folder, manifest):
        if manifest["database"] != kind:
            raise BackupError(
                f"the backup holds a {manifest['database']} database but this site uses {kind}: "
                "restore into the same kind of database"
            )
        _refuse_unless_empty(kind)
        connections.close_all()
        if kind == "sqlite":
            target = Path(settings.DATABASES["default"]["NAME"])
            for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
                leftover.unlink(missing_ok=True)
            shutil.copyfile(folder / "database.sqlite3", target)
        else:
            subprocess.run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                    "--dbname",
                    _pg_environment()["PGDATABASE"],
                    str(folder / "database.pgdump"),
                ],
                env=_pg_environment(),
                check=True,
            )
        media = Path(settings.MEDIA_ROOT)
        if (folder / "media").exists():
            shutil.copytree(folder / "media", media, dirs_exist_ok=True)
        key_file = Path(settings.DATA_DIR) / "secret_key"
        key_file.write_text((folder / "secret_key").read_text())
        key_file.chmod(0o600)
    return manifest
