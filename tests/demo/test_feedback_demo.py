"""The feedback demo: a month in 银杏社区 grouped into collective items."""

from __future__ import annotations

from linli.feedback import queries
from linli.feedback.models import Item
from linli.participation.models import Act


def test_rain_water_in_wutong_is_one_item_of_14_reports_from_9_households(demo, db):
    rain = Item.objects.get(community__slug="yinxing", title="梧桐院下雨后院坝积水")
    assert rain.reports.count() == 14
    assert len({r.household_id for r in rain.reports.all()}) == 9
    assert rain.status == Item.Status.ROUTED and rain.me_toos.count() == 1
    assert {r.channel for r in rain.reports.all()} >= {"online", "phone", "yard_meeting"}
    assert Act.objects.filter(source_type="feedback.report", depth=2).count() >= 14


def test_two_items_are_closed_with_report_backs_one_became_a_proposal_one_is_late(demo, db):
    items = Item.objects.filter(community__slug="yinxing")
    closed = items.filter(status=Item.Status.CLOSED)
    assert closed.count() == 2 and all(i.report_back and i.answer for i in closed)
    assert items.exclude(proposal=None).count() == 1
    assert len(queries.late_items()) == 1
    assert items.filter(status=Item.Status.NEW).count() == 1


def test_disclosure_demo_has_notices_a_scheduled_one_and_decisions_under_publicity(demo, db):
    from linli.disclosure.models import Entry, Publicity

    entries = Entry.objects.filter(community__slug="yinxing")
    assert entries.filter(notice__isnull=False).count() >= 4
    assert entries.filter(notice__isnull=True).count() == 1  # scheduled
    kinds = set(Publicity.objects.values_list("kind", flat=True))
    assert {"grants.award", "budgeting.results"} <= kinds
    answered = [o for p in Publicity.objects.all() for o in p.objections.all() if o.answer]
    # one objection answered on a decision about money (a grant or the PB result), and one on
    # last year's contest result - contests share the same 公示 since issue 19
    assert sorted(o.publicity.kind == "reviews.contest" for o in answered) == [False, True]


def test_two_demo_residents_chose_a_digest(demo, db):
    from linli.disclosure.models import Delivery

    modes = Delivery.objects.filter(member__community__slug="yinxing").values_list(
        "mode", flat=True
    )
    assert sorted(modes) == ["daily", "weekly"]


def test_the_finance_page_lists_pb_grants_and_contests_per_year(demo, client, db):
    from linli.disclosure import finance

    community = __import__("linli.core.models", fromlist=["Community"]).Community.objects.get(
        slug="yinxing"
    )
    years = finance.years(community)
    sources = {row.source for year in years for row in year.rows}
    assert len(sources) >= 2 and all(year.awarded > 0 for year in years)
    page = client.get("/c/yinxing/disclosure/finance/")
    assert page.status_code == 200


def test_disclosure_demo_sent_one_newsletter_with_its_counts(demo, db):
    from linli.disclosure.models import Newsletter

    issue = Newsletter.objects.get(community__slug="yinxing")
    assert issue.items and issue.sent_to > 0 and issue.counts["sent"] == issue.sent_to
