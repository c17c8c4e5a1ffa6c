"""Stopping `linli demo` (Ctrl-C or SIGTERM) stops its worker too; `--reset` rebuilds the demo
and refuses a data folder that is not a demo's."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linli.cli import DEMO_MARKER, _reset_demo
from tests.site.linli_process import ROOT, environment, linli


def _children(pid: int) -> set[int]:
    """Every live descendant of ``pid`` (from /proc), zombies excluded."""
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        parent = frontier.pop()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == parent and fields[0] != "Z":
                found.add(int(entry.name))
                frontier.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder that already has a community, so the demo starts without loading its data."""
    folder = tmp_path_factory.mktemp("demo")
    env = environment(folder)
    linli(env, "migrate", "--verbosity", "0")
    linli(env, "community", "create", "--slug", "demo", "--name", "示范社区")
    return folder


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_stopping_the_demo_stops_its_worker(demo_data, stop_signal):
    port = _free_port()
    demo = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "linli.cli",
            "demo",
            "--port",
            str(port),
            "--data-dir",
            str(demo_data),
        ],
        env=environment(demo_data),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        workers: set[int] = set()
        while time.monotonic() < deadline:
            workers = _children(demo.pid)
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                if workers:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        assert workers, "the demo did not start its worker"
        demo.send_signal(stop_signal)
        assert demo.wait(timeout=30) == 0
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.2)
        assert not [pid for pid in workers if _alive(pid)], "a worker survived the demo"
    finally:
        if demo.poll() is None:
            demo.kill()
        for pid in _children(demo.pid):
            os.kill(pid, signal.SIGKILL)


def test_reset_empties_a_demo_folder(tmp_path):
    (tmp_path / "linli.sqlite3").write_bytes(b"demo data")
    (tmp_path / DEMO_MARKER).write_text("demo")
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "photo.jpg").write_bytes(b"x")
    (tmp_path / "secret_key").write_text("kept")
    _reset_demo(tmp_path)
    assert not (tmp_path / "linli.sqlite3").exists()
    assert not (tmp_path / "media").exists()
    assert (tmp_path / "secret_key").exists()


def test_reset_refuses_a_folder_that_is_not_a_demos(tmp_path):
    (tmp_path / "linli.sqlite3").write_bytes(b"a real site")
    with pytest.raises(SystemExit, match="not a demo"):
        _reset_demo(tmp_path)
    assert (tmp_path / "linli.sqlite3").read_bytes() == b"a real site"
