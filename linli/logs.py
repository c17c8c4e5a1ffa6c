"""Structured logs: one JSON object per line, for ``linli serve`` (web and access logs alike) and
the worker, so a log collector reads fields instead of parsing sentences. No Django import: the
gunicorn master uses it before Django is loaded."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

# gunicorn's access-log atoms worth keeping, under names a reader understands.
ACCESS_FIELDS = {
    "h": "remote",
    "m": "method",
    "U": "path",
    "q": "query",
    "s": "status",
    "B": "bytes",
    "M": "duration_ms",
    "a": "user_agent",
}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            atoms = record.args
            entry["event"] = "request"
            for atom, name in ACCESS_FIELDS.items():
                value = atoms.get(atom)
                if value not in (None, "-", ""):
                    entry[name] = (
                        int(value)
                        if name in {"status", "bytes"} and str(value).isdigit()
                        else value
                    )
        else:
            entry["message"] = record.getMessage()
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def logging_config(fmt: str = "text", level: str = "WARNING") -> dict[str, Any]:
    """A ``dictConfig`` for the root logger and gunicorn's two loggers."""
    formatter = (
        {"()": "linli.logs.JsonFormatter"}
        if fmt == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"linli": formatter},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "linli"},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }
