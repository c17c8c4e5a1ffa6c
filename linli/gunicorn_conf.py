"""gunicorn settings for ``linli serve``: JSON-lines logs (``LINLI_LOG_FORMAT=text`` for plain)."""

import os

from linli.logs import logging_config

accesslog = "-"
logconfig_dict = logging_config(
    os.environ.get("LINLI_LOG_FORMAT", "json"), os.environ.get("LOG_LEVEL", "WARNING")
)
