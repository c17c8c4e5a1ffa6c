"""The ``linli`` command: ``demo``, ``serve``, ``worker``, ``votes recount``, ``pb tally``,
``opinions analyse``, ``insights rake``; anything else is passed to Django's manage (migrate,
createsuperuser, load_demo, sweep, ...)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

# subprocess, shutil, signal and atexit are imported where used: `linli pb tally` is a short
# command whose start-up is most of its time, and it needs none of them (issue 23).


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linli.settings")
    import django

    django.setup()


def _manage(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


DEMO_MARKER = "THIS-IS-A-DEMO"  # written into a demo's data folder; --reset needs it


def _stop(process: subprocess.Popen[bytes], grace: float = 10.0) -> None:
    """Stop a child started in its own process group, and everything it started."""
    import signal
    import subprocess

    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def _reset_demo(data_dir: Path) -> None:
    """Empty a demo's data folder so the demo is rebuilt; refuse a folder that is not a demo's."""
    import shutil

    database = data_dir / "linli.sqlite3"
    if database.exists() and not (data_dir / DEMO_MARKER).exists():
        raise SystemExit(
            f"linli demo --reset: {data_dir} holds a database that is not a demo's; not touching it"
        )
    for name in ("linli.sqlite3", "linli.sqlite3-wal", "linli.sqlite3-shm", DEMO_MARKER):
        (data_dir / name).unlink(missing_ok=True)
    for folder in ("media", "mail", "cache"):
        shutil.rmtree(data_dir / folder, ignore_errors=True)


def demo(argv: list[str]) -> int:
    import atexit
    import signal
    import subprocess

    parser = argparse.ArgumentParser(
        prog="linli demo", description="Run linli with a demo community."
    )
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--data-dir", default=os.environ.get("LINLI_DATA_DIR", "linli-data"))
    parser.add_argument(
        "--no-worker", action="store_true", help="do not start the background worker"
    )
    parser.add_argument(
        "--reset", action="store_true", help="throw the demo's data away and load it afresh"
    )
    args = parser.parse_args(argv)
    data_dir = Path(args.data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    if args.reset:
        _reset_demo(data_dir)
    os.environ["LINLI_DATA_DIR"] = str(data_dir)
    os.environ["LINLI_DEMO"] = "1"
    # DEBUG stays off: the demo shows the site's own translated 404 and 500 pages, never Django's
    # debug page with every URL pattern; static files are served by whitenoise in demo mode.
    os.environ.setdefault("DEBUG", "0")
    allowed = os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
    os.environ["ALLOWED_HOSTS"] = f"{allowed},{args.host}"
    os.environ.setdefault("SITE_URL", f"http://{args.host}:{args.port}")
    os.environ.setdefault("LINLI_LOG_FORMAT", "text")
    _setup()
    from linli.core.models import Community

    _manage("migrate", "--verbosity", "0")
    if not Community.objects.exists():
        print("Loading the demo community (first start only)...", flush=True)
        _manage("load_demo")
        (data_dir / DEMO_MARKER).write_text("linli demo data: `linli demo --reset` rebuilds it\n")
    worker = None
    if not args.no_worker:
        # Its own process group, so stopping the demo stops the worker and anything it started.
        worker = subprocess.Popen(
            [sys.executable, "-m", "linli.cli", "worker"],
            env=os.environ.copy(),
            start_new_session=True,
        )
        atexit.register(_stop, worker)
    # SIGTERM (systemd, docker stop, kill) ends the demo like Ctrl-C does: through `finally`.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(0))
    print(
        f"linli demo: http://{args.host}:{args.port}/  (accounts in README; password linli-demo)",
        flush=True,
    )
    try:
        _manage("runserver", f"{args.host}:{args.port}", "--noreload", "--skip-checks")
    except KeyboardInterrupt:
        pass
    finally:
        if worker is not None:
            _stop(worker)
    return 0


def serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="linli serve", description="Run linli in production.")
    parser.add_argument("--bind", default=os.environ.get("BIND", "0.0.0.0:8000"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3")))
    args = parser.parse_args(argv)
    os.environ.setdefault("LINLI_LOG_FORMAT", "json")  # one JSON object per log line
    _setup()
    _manage("collectstatic", "--noinput", "--verbosity", "0")
    if os.environ.get("LINLI_MIGRATE_ON_START", "1") == "1":
        _manage("migrate", "--verbosity", "0")
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "linli.wsgi:application",
        "--config",
        "python:linli.gunicorn_conf",
        "--bind",
        args.bind,
        "--workers",
        str(args.workers),
        "--timeout",
        os.environ.get("GUNICORN_TIMEOUT", "60"),
    ]
    os.execv(sys.executable, command)  # noqa: S606
    return 0


def worker(argv: list[str]) -> int:
    """The task worker, which also queues every module's periodic sweep every five minutes
    (``LINLI_SWEEP_EVERY`` seconds; 0 turns that off, e.g. on all but one of several workers)."""
    # Opinion maps are recomputed here; their matrices are small, and OpenBLAS's threads only
    # fight over a shared machine's cores. Must be set before NumPy loads.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("LINLI_LOG_FORMAT", "json")
    _setup()
    from django.conf import settings

    from linli.core.sweep import EVERY_SECONDS, start_schedule

    every = float(os.environ.get("LINLI_SWEEP_EVERY", EVERY_SECONDS))
    if every > 0:
        start_schedule(every)
    if settings.REDIS_URL:
        # django-tasks-rq's jobs need its Job class; RQ's default one cannot run them.
        _manage("rqworker", "default", "--job-class", "django_tasks_rq.Job", *argv)
    else:
        _manage("db_worker", *argv)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(__doc__)
        print(
            "Commands: demo [--reset], serve, worker, sweep, createsuperuser, community create/appoint,"
            " backup FILE, restore FILE, load_demo, votes recount, pb tally/import/export,"
            " opinions analyse, insights rake, and every Django command."
        )
        return 0
    command, rest = args[0], args[1:]
    if command == "demo":
        return demo(rest)
    if command == "serve":
        return serve(rest)
    if command == "worker":
        return worker(rest)
    if command == "votes" and rest[:1] == ["recount"]:
        from linli.votes.recount import main as recount_main

        return recount_main(rest[1:])
    if command == "pb" and rest[:1] == ["tally"]:
        from linli.budgeting.tally_file import main as pb_tally_main

        return pb_tally_main(rest[1:])
    if command == "pb" and rest[:1] in (["import"], ["export"]):
        from linli.budgeting.cli import main as pb_main

        return pb_main(rest)
    if command == "opinions" and rest[:1] == ["analyse"]:
        # The matrices are small: OpenBLAS's threads only fight over a shared machine's cores
        # (an eigendecomposition took seconds instead of 0.1 s). Must be set before NumPy loads.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        from linli.opinions.cli import main as opinions_main

        return opinions_main(rest[1:])
    if command == "insights" and rest[:1] == ["rake"]:
        from linli.insights.cli import main as insights_main

        return insights_main(rest)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linli.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["linli", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
