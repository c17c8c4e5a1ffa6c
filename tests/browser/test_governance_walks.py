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


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_the_secretary_s_paper_score_sheet_and_the_member_pages(
    browser, live_server, community, organiser, resident, language, tmp_path
):
    """The secretary copies a member's signed score sheet with its photo on the board's contest
    (members standing aside are not offered); a member steps down; the chair's removal page and
    a resident's application to serve. axe-core on each page, in each language."""
    import io

    from PIL import Image

    from linli.core.models import User
    from linli.governance.models import Seat
    from linli.reviews import services as reviews
    from linli.reviews.models import Score
    from tests.reviews.helpers import adopt, make_board, make_contest
    from tests.reviews.test_flow import _apply, _to_scoring

    board, users = make_board(community, organiser)
    User.objects.filter(pk__in=[u.pk for u in [*users, resident]]).update(language=language)
    contest = make_contest(board, organiser)
    adopt(reviews.propose_rubric(users[0], contest), users)
    application = _apply(contest, resident)
    _to_scoring(contest, users[0])
    reviews.declare_conflict(users[4], application, "队员是我女儿")
    photo = tmp_path / "sheet.png"
    buffer = io.BytesIO()
    Image.new("RGB", (900, 1200), (250, 250, 240)).save(buffer, format="PNG")
    photo.write_bytes(buffer.getvalue())

    def new_page(user):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            base_url=live_server.url, locale="zh-CN", viewport={"width": 1100, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(15000)
        login(page, user.email, PASSWORD)
        return page

    page = new_page(users[2])  # the secretary
    page.goto(application.get_absolute_url())
    page.click("a[href$='/sheet/']")
    check_axe(page, f"paper score sheet {language}")
    offered = page.eval_on_selector_all("#id_reviewer option", "os => os.map(o => o.value)")
    assert str(Member.objects.get(user=users[4]).pk) not in offered  # standing aside
    assert Member.objects.get(user=users[4]).name in page.locator("main .notice").inner_text()
    page.select_option("#id_reviewer", str(Member.objects.get(user=users[3]).pk))
    page.set_input_files("#id_sheet", str(photo))
    for criterion in contest.criteria.all():
        page.fill(f"#id_c{criterion.pk}", str(criterion.high))
        page.fill(f"#id_c{criterion.pk}_reason", "签名清楚")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    check_axe(page, f"paper score sheet entered {language}")
    assert Score.objects.filter(reviewer__user=users[3], sheet__isnull=False).exists()
    assert "签名清楚" not in page.content()  # blind
    page.context.close()

    page = new_page(users[3])  # a member steps down
    page.goto(board.get_absolute_url())
    page.click("a[href$='/resign/']")
    check_axe(page, f"step down {language}")
    page.fill("#id_note", "搬去女儿家住了")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert Seat.objects.get(body=board, member__user=users[3]).left_how == "resigned"
    page.context.close()

    page = new_page(users[0])  # the chair
    page.goto(board.get_absolute_url())
    page.click("a[href$='/remove/']")
    check_axe(page, f"removal {language}")
    page.goto(board.get_absolute_url() + "resignation/")
    check_axe(page, f"record a resignation {language}")
    page.context.close()

    page = new_page(resident)
    page.goto(board.get_absolute_url())
    page.click("a[href$='/join/']")
    check_axe(page, f"apply to serve {language}")
    page.fill("#id_statement", "我想为院子出力")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert board.motions.filter(kind="admit", payload__member=Member.objects.get(user=resident).pk)
    page.context.close()
