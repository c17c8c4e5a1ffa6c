"""Pages work under the Content-Security-Policy: the browser reports no blocked script, style or
image on the main page types and on the API docs (Swagger UI from our own static files)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_browser_blocks_nothing_on_our_pages(page, community, organiser):
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    login(page, organiser.email, PASSWORD)
    for path in ["/", f"/c/{community.slug}/", "/me/", "/api/docs"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert page.locator(".swagger-ui").count() == 1  # the docs page rendered with our files
    assert refused == []
