"""`linli serve` logs one JSON object per line: requests with their fields, other records with
their message."""

from __future__ import annotations

import json
import logging
import logging.config

from linli.logs import JsonFormatter, logging_config


def _record(name: str, msg: str, args: object) -> logging.LogRecord:
    record = logging.LogRecord(name, logging.INFO, __file__, 1, msg, None, None)
    record.args = args  # type: ignore[assignment]
    return record


def test_a_request_becomes_named_fields():
    atoms = {
        "h": "10.0.0.7",
        "m": "GET",
        "U": "/c/wutong/",
        "q": "",
        "s": "200",
        "B": "5120",
        "M": "12",
        "a": "Mozilla/5.0",
    }
    line = JsonFormatter().format(_record("gunicorn.access", "%(h)s %(r)s", atoms))
    entry = json.loads(line)
    assert entry["event"] == "request"
    assert (entry["method"], entry["path"], entry["status"], entry["bytes"]) == (
        "GET",
        "/c/wutong/",
        200,
        5120,
    )
    assert entry["remote"] == "10.0.0.7" and entry["duration_ms"] == "12"
    assert "query" not in entry


def test_other_records_keep_their_message_and_exception():
    try:
        raise ValueError("broken")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "linli.health",
            logging.ERROR,
            __file__,
            1,
            "check %s failed",
            ("cache",),
            sys.exc_info(),
        )
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "check cache failed" and entry["level"] == "error"
    assert "ValueError: broken" in entry["exception"]


def test_the_gunicorn_configuration_is_a_valid_logging_configuration():
    from linli import gunicorn_conf

    assert gunicorn_conf.accesslog == "-"
    logging.config.dictConfig(gunicorn_conf.logconfig_dict)
    handler = logging.getLogger("gunicorn.access").handlers[0]
    assert isinstance(handler.formatter, JsonFormatter)
    logging.config.dictConfig(logging_config("text"))
