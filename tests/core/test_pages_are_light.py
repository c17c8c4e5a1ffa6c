"""A typical page with its CSS and JS weighs under 100 KB, for slow phones and small data plans."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import client_for

STATIC = Path(__file__).resolve().parents[2] / "linli" / "static"


def weight(html: str) -> int:
    total = len(html.encode())
    for asset in re.findall(r'(?:href|src)="/static/([^"]+)"', html):
        total += (STATIC / asset).stat().st_size
    return total


def test_typical_pages_weigh_under_100_kb(community, organiser, household):
    pages = [
        (None, f"/c/{community.slug}/"),
        (None, "/accounts/register/"),
        (organiser, f"/c/{community.slug}/manage/members/"),
    ]
    for user, url in pages:
        html = client_for(user).get(url).content.decode()
        assert weight(html) < 100_000, url


def test_pages_work_without_javascript(community):
    html = client_for(None).get(f"/c/{community.slug}/").content.decode()
    assert "<script" not in html  # everything is plain HTML forms and links
