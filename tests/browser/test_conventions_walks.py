"""Conventions and the supervision committee in the browser, in each of the three languages: a
resident comments on an article and proposes an amendment, a drafter takes it into a new
version whose diff is shown, and the adopted text's page; a member of the supervision committee
reads the books and raises a query that staff answer in public. axe-core on every page type."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from linli.conventions import services
from linli.conventions.models import Version
from linli.core.models import Member
from linli.governance import services as governance
from linli.governance.models import Body, Constituency, Office
from linli.supervision.models import Query
from tests.browser.conftest import check_axe, login
from tests.conftest import PASSWORD, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "第一条 爱护院落环境，垃圾分类投放。\n第二条 楼道不堆放杂物，不停放电动车。\n第三条 文明养犬，出门拴绳。"


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_comment_amend_diff_and_a_supervision_query(
    browser, live_server, community, organiser, household, language
):
    people = {
        name: make_person(community, f"{name}@test.org", household=household, language=language)
        for name in ("neighbour", "drafter")
    }
    drafter = Member.objects.get(user=people["drafter"])
    convention = services.create_convention(
        organiser, community, title="槐树院院落公约", articles=TEXT, drafters=[drafter]
    )
    committee = governance.create_body(
        organiser,
        community,
        kind=Body.Kind.SUPERVISION,
        name="监督委员会",
        charter={"purpose": "监督", "quorum_percent": 50, "majority": "simple"},
    )
    governance.seat_member(
        organiser,
        committee,
        Member.objects.get(user=people["neighbour"]),
        Constituency.RESIDENT,
        Office.CHAIR,
    )

    def new_page(user):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            base_url=live_server.url, locale="zh-CN", viewport={"width": 1100, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(15000)
        login(page, user.email, PASSWORD)
        return page

    # A neighbour comments on article 2 and proposes a change to article 3.
    page = new_page(people["neighbour"])
    page.goto(f"/c/{community.slug}/conventions/")
    check_axe(page, f"conventions {language}")
    page.goto(convention.get_absolute_url())
    check_axe(page, f"convention {language}")
    article = convention.latest.articles.get(position=2)
    page.fill(f"#comment-{article.pk}", "电动车放哪里？")
    page.locator("#article-2 button[type=submit]").click()
    page.wait_for_load_state()
    assert article.comments.count() == 1
    page.goto(
        convention.get_absolute_url()
        + f"amend/?article={convention.latest.articles.get(position=3).pk}"
    )
    check_axe(page, f"propose {language}")
    page.fill("#id_text", "文明养犬，出门拴绳，大型犬戴嘴套。")
    page.fill("#id_reason", "院里孩子多。")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    amendment = convention.amendments.get()
    check_axe(page, f"amendment {language}")
    assert page.locator("ins").first.inner_text() == "，大型犬戴嘴套"

    # The supervision committee's chair reads the books and raises a query.
    page.goto(f"/c/{community.slug}/supervision/")
    check_axe(page, f"supervision {language}")
    page.goto(f"/c/{community.slug}/supervision/books/")
    check_axe(page, f"books {language}")
    page.goto(f"/c/{community.slug}/supervision/audit/")
    check_axe(page, f"audit {language}")
    page.goto(f"/c/{community.slug}/supervision/ask/")
    check_axe(page, f"ask {language}")
    page.fill("#id_question", "公示栏多久更新一次？")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    query = Query.objects.get()
    assert query.due_on == timezone.localdate() + timedelta(days=15)
    page.context.close()

    # The drafter takes the amendment into version 2; the diff shows on the version page.
    page = new_page(people["drafter"])
    page.goto(amendment.get_absolute_url())
    page.fill("#id_answer", "坝坝会上大家同意。")
    page.click("button[value=accept]")
    page.wait_for_load_state()
    assert convention.latest.number == 2
    page.goto(convention.latest.get_absolute_url())
    check_axe(page, f"version diff {language}")
    assert page.locator("ins").count() == 1
    page.context.close()

    # Staff answer the query in public.
    page = new_page(organiser)
    page.goto(query.get_absolute_url())
    check_axe(page, f"query to answer {language}")
    page.fill("#id_answer", "每月第一周更新。")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    query.refresh_from_db()
    assert query.status == Query.Status.ANSWERED
    page.goto(f"/c/{community.slug}/conventions/{convention.pk}/adopt/")
    check_axe(page, f"adopt {language}")
    page.context.close()
    assert convention.versions.filter(status=Version.Status.SUPERSEDED).count() == 1
