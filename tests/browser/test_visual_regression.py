"""Key pages look as they did: screenshots compared with stored baselines (issue 24).

Each page is drawn by Chromium at a fixed size, with fixed data (the test community of
tests/conftest.py), a fixed clock, animations off and the caret hidden, then compared pixel by
pixel with ``tests/browser/baselines/<name>.png``: the test fails when the size differs or when
more than ``TOLERANCE`` of the pixels differ by more than ``NOISE`` in some colour channel (font
anti-aliasing differs a little between machines). On a failure the new picture and a difference
picture are written to ``test-artifacts/``.

After an intended change of the look, regenerate the baselines and review them before committing:

    LINLI_UPDATE_BASELINES=1 .venv/bin/python -m pytest tests/browser/test_visual_regression.py -n 0
"""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops

from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASELINES = Path(__file__).resolve().parent / "baselines"
UPDATE = os.environ.get("LINLI_UPDATE_BASELINES") == "1"
NOISE = 48  # a channel differing by less than this is anti-aliasing, not a change
TOLERANCE = 0.005  # at most 0.5% of the pixels may differ by more than NOISE
FROZEN = datetime(2026, 5, 12, 9, 30, tzinfo=UTC)


def differing_share(expected: Image.Image, actual: Image.Image) -> float:
    """The share of pixels where some channel differs by more than ``NOISE``."""
    difference = ImageChops.difference(expected.convert("RGB"), actual.convert("RGB"))
    strongest = difference.convert("L").point(lambda v: 255 if v > NOISE // 3 else 0)
    # ``convert("L")`` weights the channels (about a third each): a change of NOISE in one
    # channel shows as at least NOISE // 3 here.
    histogram = strongest.histogram()
    return histogram[255] / (expected.width * expected.height)


def compare(page: Any, name: str) -> None:
    page.evaluate("document.fonts.ready")
    png = page.screenshot(full_page=True, animations="disabled", caret="hide")
    baseline = BASELINES / f"{name}.png"
    if UPDATE or not baseline.exists():
        if not UPDATE and os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"no baseline {baseline} (make it with LINLI_UPDATE_BASELINES=1)")
        BASELINES.mkdir(exist_ok=True)
        baseline.write_bytes(png)
        if not UPDATE:
            pytest.skip(f"baseline {baseline.name} written: review and commit it")
        return
    actual = Image.open(io.BytesIO(png))
    expected = Image.open(baseline)
    problem = None
    if actual.size != expected.size:
        problem = f"size {actual.size} instead of {expected.size}"
    else:
        share = differing_share(expected, actual)
        if share > TOLERANCE:
            problem = f"{share:.2%} of the pixels differ (at most {TOLERANCE:.2%} may)"
    if problem:
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / f"visual-{name}.png").write_bytes(png)
        if actual.size == expected.size:
            ImageChops.difference(expected.convert("RGB"), actual.convert("RGB")).save(
                ARTIFACTS / f"visual-{name}-difference.png"
            )
        pytest.fail(f"{name} looks different from its baseline: {problem}")


@pytest.fixture
def still(page, time_machine):  # type: ignore[no-untyped-def]
    """The page fixture with the clock fixed (dates on the page do not move)."""
    time_machine.move_to(FROZEN, tick=False)
    return page


def test_the_sign_in_page_looks_as_it_did(still, community):
    still.goto("/accounts/login/")
    compare(still, "sign-in-zh-hans")


def test_the_community_home_looks_as_it_did_to_a_visitor(still, community):
    still.goto(f"/c/{community.slug}/")
    compare(still, "community-home-visitor-zh-hans")


def test_the_community_home_in_large_text_and_english(still, community):
    still.goto(f"/c/{community.slug}/")
    still.click("button[lang=en]")
    still.click("text=Large text")
    still.wait_for_load_state("networkidle")
    compare(still, "community-home-visitor-en-large")


def test_the_comparison_notices_a_changed_page(still, community):
    """The check itself: the same page with one heading changed is refused."""
    still.goto("/accounts/login/")
    baseline = Image.open(BASELINES / "sign-in-zh-hans.png")
    still.evaluate(
        "document.querySelector('h1').textContent = '完全不同的标题 - a different heading'"
    )
    changed = Image.open(io.BytesIO(still.screenshot(full_page=True, animations="disabled")))
    assert changed.size != baseline.size or differing_share(baseline, changed) > TOLERANCE
    assert differing_share(baseline, baseline) == 0
