"""The file formats a download's URL may end in. Any other ending is no page (404): before, a
``.pdf`` or ``.doc`` got the CSV under that name, and the audit log recorded a format that was
never sent."""

from __future__ import annotations

from django.urls import register_converter


class _Format:
    regex = ""

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class Spreadsheet(_Format):
    """A table for Excel or any spreadsheet program: ``<spreadsheet:fmt>``."""

    regex = "xlsx|csv"


class OpenData(_Format):
    """Published figures for anyone to reuse: ``<opendata:fmt>``."""

    regex = "csv|json"


def register() -> None:
    """Called once by linli.urls, before any app's URLs are read."""
    register_converter(Spreadsheet, "spreadsheet")
    register_converter(OpenData, "opendata")
