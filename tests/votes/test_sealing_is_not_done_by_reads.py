"""A GET never writes: the vote page, the results page and the API read a closed vote without
sealing its box. The sweep seals it (once), and the results read the same before and after."""

from __future__ import annotations

from linli.core.models import Member, Role
from linli.votes import services
from linli.votes.models import Ballot, Vote
from linli.votes.tasks import sweep_task
from tests.conftest import client_for, make_person
from tests.votes.helpers import close, make_vote, option_ids, qkey


def _closed_vote_with_ballots(community, organiser, household) -> Vote:
    vote = make_vote(community, organiser, results_shown=Vote.ResultsShown.LIVE)
    a, b, _c = option_ids(vote)
    for i in range(5):
        voter = make_person(community, f"seal{i}@test.org", Role.RESIDENT, household)
        member = Member.objects.get(user=voter, community=community)
        services.cast(member.user, vote, {qkey(vote): [a if i % 2 else b]})
    close(vote)
    return vote


def _box(vote: Vote) -> set[str]:
    return {str(pk) for pk in Ballot.objects.filter(vote=vote).values_list("pk", flat=True)}


def test_reading_a_closed_vote_writes_nothing(community, organiser, household):
    vote = _closed_vote_with_ballots(community, organiser, household)
    box = _box(vote)
    client = client_for(organiser)
    slug = community.slug
    for url in (
        f"/c/{slug}/votes/{vote.pk}/",
        f"/c/{slug}/votes/{vote.pk}/results/",
        f"/api/communities/{slug}/votes/{vote.pk}/results",
    ):
        assert client.get(url).status_code == 200, url
    vote.refresh_from_db()
    assert vote.sealed_at is None and vote.is_sealed
    assert _box(vote) == box


def test_the_sweep_seals_once_and_the_results_stay_the_same(community, organiser, household):
    vote = _closed_vote_with_ballots(community, organiser, household)
    before = [(q.pk, r) for q, r in services.results(vote)]
    digest = services.ballot_file_digest(vote, vote.questions.get())
    assert sweep_task.call() == {"sealed": 1}
    vote.refresh_from_db()
    assert vote.sealed_at is not None
    assert not Ballot.objects.filter(vote=vote).exclude(replace_hash="").exists()
    assert [(q.pk, r) for q, r in services.results(vote)] == before
    assert services.ballot_file_digest(vote, vote.questions.get()) == digest
    assert sweep_task.call() == {"sealed": 0}
