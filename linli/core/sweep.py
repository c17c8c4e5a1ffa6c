"""The periodic sweeps every module registers (``Module.sweeps``): reminders, expired offers of a
freed place, the mail outbox. ``linli sweep`` runs them all now; ``linli worker`` enqueues them
every few minutes, so no cron line is needed. Each sweep claims what it sends, so two sweeps at
once (two workers, or cron as well as the worker) still send each reminder once."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from .kit import modules

logger = logging.getLogger(__name__)
EVERY_SECONDS = 300


def run_all() -> dict[str, dict[str, int]]:
    """Run every registered sweep in this process; what each did, by the task's dotted name."""
    return {task.module_path: task.call() for task in modules.sweep_tasks()}


def enqueue_all() -> int:
    """Put every registered sweep on the task queue for the worker; how many were queued."""
    tasks = modules.sweep_tasks()
    for task in tasks:
        task.enqueue()
    return len(tasks)


def repeat(every: float, job: Callable[[], object], stop: threading.Event) -> None:
    """Call ``job`` now and then every ``every`` seconds until ``stop`` is set. A failing job is
    logged and tried again next time: the schedule must outlive a database hiccup."""
    while not stop.is_set():
        try:
            job()
        except Exception:  # any failure: log it, keep the schedule
            logger.exception("the periodic sweep could not be queued")
        stop.wait(every)


def start_schedule(every: float = EVERY_SECONDS) -> threading.Event:
    """Enqueue the sweeps every ``every`` seconds from a daemon thread; set the event to stop."""
    stop = threading.Event()
    thread = threading.Thread(
        target=repeat, args=(every, enqueue_all, stop), name="linli-sweep-schedule", daemon=True
    )
    thread.start()
    return stop
