"""A download's URL ends in a format the page can send; any other ending is no page (404), not
the CSV under another name."""

from __future__ import annotations

import re

import pytest
from django.urls import Resolver404, resolve

SENT = {
    "/c/yinxing/surveys/1/export.{}": {"xlsx", "csv"},
    "/c/yinxing/volunteering/report.{}": {"xlsx", "csv"},
    "/c/yinxing/volunteering/teams/1/report.{}": {"xlsx", "csv"},
    "/c/yinxing/insights/figures.{}": {"csv", "json"},
}


@pytest.mark.parametrize("pattern", sorted(SENT))
def test_only_the_formats_a_download_sends_resolve(pattern: str) -> None:
    for fmt in SENT[pattern]:
        assert resolve(pattern.format(fmt)).kwargs["fmt"] == fmt
    for other in {"pdf", "doc", "xls", "xlsx.exe", "csv.html", "", "json", "xlsx"} - SENT[pattern]:
        url = pattern.format(other)
        with pytest.raises(Resolver404, match=re.escape(url.rsplit("/", 1)[-1] + "'")):
            resolve(url)
