"""The ``linli`` command: ``demo``, ``serve``, ``worker``, ``votes recount``, ``pb tally``,
``opinions analyse``, ``insights rake``; anything else is passed to Django's manage (migrate,
createsuperuser, load_demo, sweep, ...)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linli.settings")
    import django

    django.setup()


def _manage(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


def demo(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="linli demo", description="Run linli with a demo community."
    )
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--data-dir", default=os.environ.get("LINLI_DATA_DIR", "linli-data"))
    parser.add_argument(
        "--no-worker", action="store_true", help="do not start the background worker"
    )
    args = parser.parse_args(argv)
    os.environ["LINLI_DATA_DIR"] = str(Path(args.data_dir).resolve())
    os.environ["LINLI_DEMO"] = "1"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("SITE_URL", f"http://{args.host}:{args.port}")
    _setup()
    from linli.core.models import Community

    _manage("migrate", "--verbosity", "0")
    if not Community.objects.exists():
        print("Loading the demo community (first start only)...", flush=True)
        _manage("load_demo")
    worker = None
    if not args.no_worker:
        worker = subprocess.Popen(
            [sys.executable, "-m", "linli.cli", "worker"], env=os.environ.copy()
        )
    print(
        f"linli demo: http://{args.host}:{args.port}/  (accounts in README; password linli-demo)",
        flush=True,
    )
    try:
        _manage("runserver", f"{args.host}:{args.port}", "--noreload", "--skip-checks")
    finally:
        if worker is not None:
            worker.terminate()
    return 0


def serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="linli serve", description="Run linli in production.")
    parser.add_argument("--bind", default=os.environ.get("BIND", "0.0.0.0:8000"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3")))
    args = parser.parse_args(argv)
    _setup()
    _manage("collectstatic", "--noinput", "--verbosity", "0")
    if os.environ.get("LINLI_MIGRATE_ON_START", "1") == "1":
        _manage("migrate", "--verbosity", "0")
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "linli.wsgi:application",
        "--bind",
        args.bind,
        "--workers",
        str(args.workers),
        "--access-logfile",
        "-",
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
    _setup()
    from django.conf import settings

    from linli.core.sweep import EVERY_SECONDS, start_schedule

    every = float(os.environ.get("LINLI_SWEEP_EVERY", EVERY_SECONDS))
    if every > 0:
        start_schedule(every)
    if settings.REDIS_URL:
        _manage("rqworker", "default", *argv)
    else:
        _manage("db_worker", *argv)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(__doc__)
        print(
            "Commands: demo, serve, worker, sweep, load_demo, votes recount,"
            " pb tally/import/export, opinions analyse, insights rake, and every Django command."
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
