"""One ``linli sweep`` runs every registered sweep; the worker queues them every five minutes;
the three old commands still work and say they are deprecated."""

from __future__ import annotations

import threading
from io import StringIO

import pytest
from django.core.management import call_command

from linli.core import sweep
from linli.core.kit import modules

SWEEPS = {
    "linli.core.tasks.outbox_sweep_task",
    "linli.meetings.tasks.sweep_task",
    "linli.volunteering.tasks.sweep_task",
    "linli.sharing.tasks.sweep_task",
    "linli.insights.tasks.sweep_task",
    "linli.votes.tasks.sweep_task",  # seals the box of closed votes
    "linli.feedback.tasks.remind_late_items",
    "linli.disclosure.tasks.sweep_task",
    "linli.governance.tasks.sweep_task",  # ends seats whose term is over
}


def test_every_module_s_sweep_is_registered():
    assert {task.module_path for task in modules.sweep_tasks()} == SWEEPS


def test_linli_sweep_runs_them_all(db):
    out = StringIO()
    call_command("sweep", stdout=out)
    text = out.getvalue()
    for name in SWEEPS:
        assert name in text
    assert "reminders sent 0" in text and "emails sent 0" in text


def test_the_schedule_queues_every_sweep(db, monkeypatch):
    queued = []
    for task in modules.sweep_tasks():
        monkeypatch.setattr(
            type(task), "enqueue", lambda self, *a, **k: queued.append(self.module_path)
        )
    assert sweep.enqueue_all() == len(SWEEPS)
    assert set(queued) == SWEEPS


def test_the_schedule_repeats_and_outlives_a_failure():
    stop = threading.Event()
    calls = []

    def job():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database away")
        if len(calls) == 3:
            stop.set()

    sweep.repeat(0.001, job, stop)
    assert len(calls) == 3


def test_the_worker_starts_the_schedule(monkeypatch):
    from linli import cli

    started = []
    monkeypatch.setattr(sweep, "start_schedule", lambda every: started.append(every))
    monkeypatch.setattr(cli, "_setup", lambda: None)
    monkeypatch.setattr(cli, "_manage", lambda *args: None)
    monkeypatch.setenv("LINLI_SWEEP_EVERY", "300")
    cli.worker([])
    monkeypatch.setenv("LINLI_SWEEP_EVERY", "0")
    cli.worker([])
    assert started == [300.0]


@pytest.mark.parametrize("old", ["meetings_sweep", "volunteering_sweep", "sharing_sweep"])
def test_the_old_commands_still_sweep_and_say_they_are_deprecated(db, old):
    out, err = StringIO(), StringIO()
    call_command(old, stdout=out, stderr=err)
    assert "deprecated" in err.getvalue() and "linli sweep" in err.getvalue()
    assert out.getvalue().strip()
