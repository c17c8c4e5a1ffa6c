"""`linli backup FILE` and `linli restore FILE`: a round trip on SQLite and on PostgreSQL, and
the refusals that keep a restore from overwriting a site or trusting a damaged archive."""

from __future__ import annotations

import io
import json
import os
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site.linli_process import environment, linli

POSTGRES = os.environ.get("LINLI_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def _seed(env: dict[str, str]) -> None:
    """A small site: migrated, one community, one uploaded file."""
    linli(env, "migrate", "--verbosity", "0")
    linli(env, "community", "create", "--slug", "wutong", "--name", "梧桐社区", "--city", "成都市")
    media = Path(env["LINLI_DATA_DIR"]) / "media" / "photos"
    media.mkdir(parents=True, exist_ok=True)
    (media / "gate.jpg").write_bytes(b"\xff\xd8 a photo of the gate")


def _check_restored(env: dict[str, str], original_key: str) -> None:
    linli(env, "migrate", "--verbosity", "0")
    assert "wutong\t梧桐社区" in linli(env, "community", "list")
    data = Path(env["LINLI_DATA_DIR"])
    assert (data / "media" / "photos" / "gate.jpg").read_bytes() == b"\xff\xd8 a photo of the gate"
    assert (data / "secret_key").read_text() == original_key


def test_it_round_trips_a_sqlite_site(tmp_path):
    source = environment(tmp_path / "site")
    _seed(source)
    key = (tmp_path / "site" / "secret_key").read_text()
    archive = tmp_path / "backup.tar.gz"
    assert "backup written" in linli(source, "backup", str(archive))
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert {"manifest.json", "database.sqlite3", "secret_key", "media/photos/gate.jpg"} <= set(
        names
    )
    assert manifest["database"] == "sqlite" and len(manifest["files"]["secret_key"]) == 64
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    target = environment(tmp_path / "restored")
    assert "restored sqlite database" in linli(target, "restore", str(archive))
    _check_restored(target, key)


def test_it_refuses_to_restore_over_a_site_with_data(tmp_path):
    env = environment(tmp_path / "site")
    _seed(env)
    archive = tmp_path / "backup.tar.gz"
    linli(env, "backup", str(archive))
    output = linli(env, "restore", str(archive), check=False)
    assert "already holds tables" in output


def _tamper(archive: Path, name: str, data: bytes) -> Path:
    damaged = archive.with_name("damaged.tar.gz")
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read() if member.isfile() else b""  # type: ignore[union-attr]
            if member.name == name:
                content = data
                member.size = len(data)
            target.addfile(member, io.BytesIO(content))
    return damaged


def test_it_refuses_an_archive_whose_checksum_does_not_match(tmp_path):
    env = environment(tmp_path / "site")
    _seed(env)
    archive = tmp_path / "backup.tar.gz"
    linli(env, "backup", str(archive))
    damaged = _tamper(archive, "media/photos/gate.jpg", b"something else")
    assert "archive intact" in linli(env, "restore", "--check", str(archive))
    empty = environment(tmp_path / "empty")
    output = linli(empty, "restore", str(damaged), check=False)
    assert "checksum mismatch for media/photos/gate.jpg" in output
    assert not (tmp_path / "empty" / "media" / "photos").exists()


@pytest.fixture
def postgres_databases() -> Iterator[tuple[str, str]]:
    psycopg = pytest.importorskip("psycopg")
    base = POSTGRES.rsplit("/", 1)[0]
    names = [f"linli_site_bk_{uuid.uuid4().hex[:8]}", f"linli_site_rs_{uuid.uuid4().hex[:8]}"]
    try:
        admin = psycopg.connect(POSTGRES, autocommit=True)
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL server")
    with admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{base}/{names[0]}", f"{base}/{names[1]}"
        finally:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_it_round_trips_a_postgresql_site_into_a_new_database(tmp_path, postgres_databases):
    source_url, target_url = postgres_databases
    source = environment(tmp_path / "site", DATABASE_URL=source_url)
    _seed(source)
    key = (tmp_path / "site" / "secret_key").read_text()
    archive = tmp_path / "backup.tar.gz"
    linli(source, "backup", str(archive))
    target = environment(tmp_path / "restored", DATABASE_URL=target_url)
    assert "restored postgresql database" in linli(target, "restore", str(archive))
    _check_restored(target, key)
    assert "already holds tables" in linli(target, "restore", str(archive), check=False)


def test_it_refuses_an_archive_that_would_write_outside_the_data_folder(tmp_path):
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        data = b"owned"
        info = tarfile.TarInfo("../outside.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    output = linli(environment(tmp_path / "empty"), "restore", str(evil), check=False)
    assert "unsafe member" in output
    assert not (tmp_path / "outside.txt").exists()
