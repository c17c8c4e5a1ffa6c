from __future__ import annotations

from linli.core.models import Member
from linli.participation.models import Act
from linli.participation.services import record, withdraw
from linli.participation.summary import cross_table
from tests.conftest import client_for


def test_recording_the_same_act_twice_counts_once(resident):
    member = Member.objects.get(user=resident)
    first = record(member, method="vote", channel="online", depth=2, source=("votes.vote", 7))
    again = record(member, method="vote", channel="online", depth=2, source=("votes.vote", 7))
    assert first.pk == again.pk and Act.objects.count() == 1
    assert first.household == member.household and first.area == member.household.area
    withdraw(member, method="vote", source=("votes.vote", 7))
    assert Act.objects.count() == 0


def test_ledger_page_shows_courtyards_methods_and_channels(community, organiser, resident):
    member = Member.objects.get(user=resident)
    record(member, method="survey", channel="paper", depth=2, source=("s", 1))
    record(member, method="meeting", channel="in_person", depth=3, source=("m", 1))
    response = client_for(organiser).get(f"/c/{community.slug}/participation/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "梧桐院" in html and "<svg" in html and "<table" in html
    assert response.context["total"] == 2
    breadth = {row["area"]: row for row in response.context["breadth"]}
    assert breadth["梧桐院"]["active"] == 1


def test_cross_table_fills_zeros():
    table = cross_table([("a", "x", 2), ("b", "y", 3), ("a", "x", 1)], ["a", "b"], ["x", "y"])
    assert table.cells == [[3, 0], [0, 3]] and table.total == 6 and table.column_totals == [3, 3]
