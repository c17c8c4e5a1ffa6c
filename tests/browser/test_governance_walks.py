"""Resident bodies in the browser, in each of the three languages: the secretary records a show of
hands with the names of those present and a second officer confirms it (the paper path); a member
with a conflict declares it, stands aside and cannot vote, and the record shows why. axe-core on
every page type."""

from __future__ import annotations

import pytest

from linli.core.models import Member
from linli.governance import services
from linli.governance.models import Body, Constituency, Motion, Office
from tests.browser.conftest import check_axe, login
from tests.conftest import PASSWORD, make_person
from tests.governance.conftest import CHARTER, offline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_secretary_paper_path_and_a_conflicted_member(
    browser, live_server, community, organiser, household, language
):
    people = {
        name: make_person(community, f"{name}@test.org", household=household, language=language)
        for name in ("chair", "secretary", "member")
    }
    body = services.create_body(
        organiser, community, kind=Body.Kind.REVIEW_BOARD, name="评审会", charter=CHARTER
    )
    seat = lambda user: Member.objects.get(user=user)  # noqa: E731
    services.seat_member(
        organiser, body, seat(people["chair"]), Constituency.COURTYARD, Office.CHAIR
    )
    services.seat_member(
        organiser, body, seat(people["secretary"]), Constituency.STAFF, Office.SECRETARY
    )
    services.seat_member(organiser, body, seat(people["member"]), Constituency.COURTYARD)
    services.seat_member(organiser, body, offline(community, "王阿姨"), Constituency.COURTYARD)
    hands = services.open_motion(
        people["chair"], body, kind="decision", method=Motion.Method.HANDS, title="通过议事规则"
    )
    online = services.open_motion(
        people["chair"], body, kind="budget", method=Motion.Method.ONLINE, title="支付墙绘材料费"
    )

    def new_page(user):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            base_url=live_server.url, locale="zh-CN", viewport={"width": 1100, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(15000)
        login(page, user.email, PASSWORD)
        return page

    # The secretary records the show of hands: who was present and the count.
    page = new_page(people["secretary"])
    page.goto(body.get_absolute_url())
    check_axe(page, f"body {language}")
    page.goto(hands.get_absolute_url())
    check_axe(page, f"motion to record {language}")
    for index in range(4):
        page.check(f"#id_present_{index}")
    page.fill("#id_votes_for", "3")
    page.fill("#id_votes_against", "0")
    page.fill("#id_abstentions", "1")
    page.click("button[name=record]")
    page.wait_for_load_state()
    check_axe(page, f"motion recorded {language}")
    assert page.locator("button[name=confirm]").count() == 0  # not by the one who recorded it
    page.context.close()

    # The chair confirms it.
    page = new_page(people["chair"])
    page.goto(hands.get_absolute_url())
    page.click("button[name=confirm]")
    page.wait_for_load_state()
    check_axe(page, f"motion decided {language}")
    hands.refresh_from_db()
    assert hands.status == Motion.Status.PASSED and hands.present.count() == 4
    page.context.close()

    # A member whose family supplies the paint declares it and stands aside.
    page = new_page(people["member"])
    page.goto(online.get_absolute_url())
    assert page.locator("button[name=vote]").count() == 1
    page.fill("#id_reason", "油漆是我家店里供的")
    page.click("button[name=conflict]")
    page.wait_for_load_state()
    check_axe(page, f"member standing aside {language}")
    assert page.locator("button[name=vote]").count() == 0
    assert "油漆是我家店里供的" in page.content()
    page.context.close()
    assert not online.ballots.exists()
