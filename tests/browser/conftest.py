"""Playwright driving Debian's Chromium against a live server, with axe-core on every page."""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

CHROMIUM = "/usr/bin/chromium"
# Pages wait up to 15 s for what they act on; assertions that wait for the next
# page (expect(...).to_be_visible()) wait as long, so a busy machine is no failure.
PAGE_TIMEOUT_MS = 15_000
expect.set_options(timeout=PAGE_TIMEOUT_MS)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _waits_for_the_page_it_opens(act: Callable[..., Any]) -> Callable[..., Any]:
    """A click or key press that submits a form or follows a link returns once the browser has
    *asked* for the next page, not once it has arrived; on a busy machine the next line of the
    test then reads the old page. Wrapped, the action returns when the next page's document is
    in (or the request ended as a download or failed), so every test reads the page it opened."""

    @functools.wraps(act)
    def acting(self: Any, *args: Any, **kwargs: Any) -> Any:
        page = self if isinstance(self, Page) else self.page
        asked: list[Any] = []
        ended: list[Any] = []

        def on_request(request: Any) -> None:
            if request.is_navigation_request() and request.frame == page.main_frame:
                asked.append(request)

        def on_arrival(frame: Any) -> None:
            if frame == page.main_frame:
                ended.append(frame)

        def on_end(*_: Any) -> None:
            ended.append(None)

        hooks = {
            "request": on_request,
            "framenavigated": on_arrival,
            "download": on_end,
            "requestfailed": lambda request: request in asked and on_end(),
            "close": on_end,
        }
        for event, hook in hooks.items():
            page.on(event, hook)
        try:
            result = act(self, *args, **kwargs)
            deadline = time.monotonic() + PAGE_TIMEOUT_MS / 1000
            while asked and not ended and time.monotonic() < deadline:
                page.wait_for_timeout(25)
            if asked and ended and ended[-1] is not None:
                page.wait_for_load_state("domcontentloaded")
        finally:
            for event, hook in hooks.items():
                page.remove_listener(event, hook)
        return result

    return acting


for _kind in (Page, Locator):
    for _action in ("click", "press"):
        setattr(_kind, _action, _waits_for_the_page_it_opens(getattr(_kind, _action)))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Debian's chromium is not installed (/usr/bin/chromium)")
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1100, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    yield page
    context.close()


def check_axe(page: Any, name: str = "") -> None:
    """Zero axe-core violations (WCAG 2.1 A and AA) on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    violations = results.response["violations"]
    summary = "\n".join(
        f"{v['id']}: {v['help']} -> {[n['target'] for n in v['nodes']][:5]}" for v in violations
    )
    assert not violations, f"axe violations on {name or page.url}:\n{summary}"


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def login(page: Any, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")


@pytest.fixture
def signed_in(browser: Any, live_server: Any) -> Iterator[Callable[[Any], Any]]:
    """Open a new page signed in as ``user`` (its own browser context, so several people can
    take turns); every context still open is closed after the test."""
    from tests.conftest import PASSWORD

    contexts: list[Any] = []

    def open_as(user: Any) -> Any:
        context = browser.new_context(
            base_url=live_server.url, locale="zh-CN", viewport={"width": 1100, "height": 900}
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        login(page, user.email, PASSWORD)
        return page

    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture
def seated_body(community: Any, organiser: Any, household: Any) -> Callable[..., Any]:
    """A resident body set up as the governance walks need it: a chair, a secretary and a member
    who sign in (in ``language``), and 王阿姨, seated without an account (at the household given
    as ``wang_at``). Returns the three accounts by office and the body."""
    from linli.core.models import Member
    from linli.governance import services
    from linli.governance.models import Constituency, Office
    from tests.conftest import make_person
    from tests.governance.conftest import CHARTER, offline, seated_a_month_ago

    def seat(
        kind: str, name: str, language: str, wang_at: Any = None
    ) -> tuple[dict[str, Any], Any]:
        people = {
            office: make_person(
                community, f"{office}@test.org", household=household, language=language
            )
            for office in ("chair", "secretary", "member")
        }
        body = services.create_body(organiser, community, kind=kind, name=name, charter=CHARTER)
        for office, constituency, title in (
            ("chair", Constituency.COURTYARD, Office.CHAIR),
            ("secretary", Constituency.STAFF, Office.SECRETARY),
            ("member", Constituency.COURTYARD, Office.MEMBER),
        ):
            member = Member.objects.get(user=people[office])
            services.seat_member(organiser, body, member, constituency, title)
        wang = offline(community, "王阿姨", wang_at)
        services.seat_member(organiser, body, wang, Constituency.COURTYARD)
        seated_a_month_ago(body)
        return people, body

    return seat
