"""Issue 22, item 3: the PB ballot shows each project's cost and links to its idea, and says the
rule ("at most 3"), whatever the ballot type."""

from __future__ import annotations

import pytest

from linli.budgeting import services
from tests.budgeting.conftest import add_project, english_client, make_process, make_voters, shift


@pytest.mark.django_db
def test_an_approval_ballot_shows_costs_links_and_the_limit(community, organiser):
    process = make_process(
        community, organiser, ballot_type="approval", rule="greedy_votes", max_choices=3
    )
    ideas = [
        add_project(process, title, cost)
        for title, cost in [("雨棚", 3000), ("椅子", 1200), ("桂花树", 4000), ("路灯", 9000)]
    ]
    shift(process, "review")
    vote = services.open_vote(organiser, process)
    options = list(vote.questions.get().options.all())
    assert [o.url for o in options] == [i.get_absolute_url() for i in ideas]
    shift(process, "vote")
    voter = make_voters(community, 1)[0]
    page = english_client(voter.user).get(vote.get_absolute_url()).content.decode()
    assert "Tick every option you support, at most 3." in page
    assert "¥3,000" in page or "3,000" in page
    for idea in ideas:
        assert f'href="{idea.get_absolute_url()}"' in page
    assert "About “雨棚”" in page
