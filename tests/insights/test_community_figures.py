"""Community figures per year: the public dashboard and the open-data export (CSV, JSON) show only
suppressed aggregates; the district overview is for site admins."""

from __future__ import annotations

from datetime import date

from linli.insights.figures import year_figures
from tests.conftest import client_for


def test_it_counts_the_year_and_withholds_small_counts(fair_world):
    shown = year_figures(fair_world.community, date.today().year)
    assert shown.values["households"] == 40
    assert shown.values["households_taking_part"] == 17
    assert shown.participation_rate == 17 / 40
    assert shown.values["volunteers"] == 0  # none: zero is not a small count
    last_year = year_figures(fair_world.community, date.today().year - 1)
    assert last_year.values["households_taking_part"] == 0


def test_a_small_count_and_its_complement_are_withheld(community, household, resident):
    from linli.core.models import Member
    from linli.participation.models import Act

    member = Member.objects.get(user=resident)
    Act.objects.create(
        member=member,
        household=household,
        community=community,
        method="survey",
        channel="online",
        depth=2,
        source_type="t",
        source_id="1",
    )
    shown = year_figures(community, date.today().year)
    assert shown.values["households_taking_part"] is None
    assert shown.values["residents_taking_part"] is None and shown.participation_rate is None


def test_anyone_reads_the_dashboard_and_the_open_data(fair_world):
    slug = fair_world.community.slug
    visitor = client_for(None)
    assert visitor.get(f"/c/{slug}/insights/figures/").status_code == 200
    data = visitor.get(f"/c/{slug}/insights/figures.json").json()
    this_year = next(r for r in data["figures"] if r["year"] == date.today().year)
    assert this_year["households_taking_part"] == 17
    text = visitor.get(f"/c/{slug}/insights/figures.csv").content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("community,year,households")


def test_only_site_admins_see_the_district(fair_world, site_admin):
    url = f"/c/{fair_world.community.slug}/insights/district/"
    assert client_for(site_admin).get(url).status_code == 200
    assert client_for(fair_world.organiser).get(url).status_code == 403


def test_organisers_download_the_annual_report(fair_world, resident):
    url = f"/c/{fair_world.community.slug}/insights/report.pdf"
    response = client_for(fair_world.organiser).get(url)
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert client_for(resident).get(url).status_code == 403


def test_a_past_year_is_read_once_and_a_late_act_shows_at_once(
    community, household, resident, django_assert_num_queries
):
    """Last year's figures come from the cache (one small query for the ledger's mark), and an
    act recorded late for that year changes the mark, so it is counted straight away."""
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from linli.core.models import Member
    from linli.insights.figures import raw
    from linli.participation.models import Act

    last_year = date.today().year - 1
    member = Member.objects.get(user=resident)
    assert raw(community, last_year)["households_taking_part"] == 0
    with django_assert_num_queries(1):
        assert raw(community, last_year)["households_taking_part"] == 0
    Act.objects.create(
        member=member,
        household=household,
        community=community,
        method="survey",
        channel="paper",
        depth=2,
        source_type="t",
        source_id="late",
        occurred_at=datetime.combine(date(last_year, 12, 30), time(12), ZoneInfo("Asia/Shanghai")),
    )
    assert raw(community, last_year)["households_taking_part"] == 1
    community.modules_off = ["sharing"]
    community.save()
    assert "loans" not in raw(community, last_year)


def test_this_year_is_never_cached(community, household, resident):
    from linli.core.models import Member
    from linli.insights.figures import raw
    from linli.participation.models import Act

    this_year = date.today().year
    assert raw(community, this_year)["households_taking_part"] == 0
    Act.objects.create(
        member=Member.objects.get(user=resident),
        household=household,
        community=community,
        method="survey",
        channel="online",
        depth=2,
        source_type="t",
        source_id="now",
    )
    assert raw(community, this_year)["households_taking_part"] == 1
