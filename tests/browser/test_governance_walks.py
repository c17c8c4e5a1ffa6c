"""Resident bodies in the browser, in each of the three languages: the secretary records a show of
hands with the names of those present and a second officer confirms it (the paper path); a member
with a conflict declares it, stands aside and cannot vote, and the record shows why. axe-core on
every page type."""

from __future__ import annotations

import pytest

from linli.core.models import Member
from linli.governance import services
from linli.governance.models import Body, Motion
from tests.browser.conftest import check_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_secretary_paper_path_and_a_conflicted_member(signed_in, seated_body, language):
    people, body = seated_body(Body.Kind.REVIEW_BOARD, "评审会", language)
    hands = services.open_motion(
        people["chair"], body, kind="decision", method=Motion.Method.HANDS, title="通过议事规则"
    )
    online = services.open_motion(
        people["chair"], body, kind="budget", method=Motion.Method.ONLINE, title="支付墙绘材料费"
    )

    # The secretary records the show of hands: who was present and the count.
    page = signed_in(people["secretary"])
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
    page = signed_in(people["chair"])
    page.goto(hands.get_absolute_url())
    page.click("button[name=confirm]")
    page.wait_for_load_state()
    check_axe(page, f"motion decided {language}")
    hands.refresh_from_db()
    assert hands.status == Motion.Status.PASSED and hands.present.count() == 4
    page.context.close()

    # A member whose family supplies the paint declares it and stands aside.
    page = signed_in(people["member"])
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
    signed_in, community, organiser, resident, language, tmp_path
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

    page = signed_in(users[2])  # the secretary
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

    page = signed_in(users[3])  # a member steps down
    page.goto(board.get_absolute_url())
    page.click("a[href$='/resign/']")
    check_axe(page, f"step down {language}")
    page.fill("#id_note", "搬去女儿家住了")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert Seat.objects.get(body=board, member__user=users[3]).left_how == "resigned"
    page.context.close()

    page = signed_in(users[0])  # the chair
    page.goto(board.get_absolute_url())
    page.click("a[href$='/remove/']")
    check_axe(page, f"removal {language}")
    page.goto(board.get_absolute_url() + "resignation/")
    check_axe(page, f"record a resignation {language}")
    page.context.close()

    page = signed_in(resident)
    page.goto(board.get_absolute_url())
    page.click("a[href$='/join/']")
    check_axe(page, f"apply to serve {language}")
    page.fill("#id_statement", "我想为院子出力")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert board.motions.filter(kind="admit", payload__member=Member.objects.get(user=resident).pk)
    page.context.close()
