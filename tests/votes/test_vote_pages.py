"""Every vote page against every role, and the ballot form end to end over HTTP."""

from __future__ import annotations

import pytest

from linli.core.models import Member
from linli.votes import services
from linli.votes.models import Ballot, Question, Vote
from tests.conftest import client_for
from tests.votes.helpers import close, make_vote, mark_paper_voters, option_ids, qkey

ROLES = ["community_admin", "organiser", "leader", "resident", "outsider", "anonymous"]
OK, LOGIN, DENIED, HIDDEN = 200, 302, 403, 404

GET_VIEWS = {
    "/c/{slug}/votes/": [OK, OK, OK, OK, OK, OK],
    "/c/{slug}/votes/{open}/": [OK, OK, OK, OK, OK, OK],
    "/c/{slug}/votes/{draft}/": [OK, OK, HIDDEN, HIDDEN, HIDDEN, HIDDEN],
    "/c/{slug}/votes/{open}/results/": [DENIED] * 6,  # results at close only
    "/c/{slug}/votes/{closed}/results/": [OK, OK, DENIED, DENIED, DENIED, DENIED],
    "/c/{slug}/votes/{published}/results/": [OK] * 6,
    "/c/{slug}/votes/{published}/ballots/{published_q}.csv": [OK] * 6,
    "/c/{slug}/votes/{closed}/ballots/{closed_q}.csv": [OK, OK, DENIED, DENIED, DENIED, DENIED],
    "/c/{slug}/votes/new/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
    "/c/{slug}/votes/{draft}/edit/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
    "/c/{slug}/votes/{draft}/questions/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
    "/c/{slug}/votes/{draft}/questions/{draft_q}/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
    "/c/{slug}/votes/{open}/cancel/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
    "/c/{slug}/votes/{open}/booth/": [OK, OK, OK, DENIED, DENIED, LOGIN],
    "/c/{slug}/votes/{open}/paper/": [OK, OK, OK, DENIED, DENIED, LOGIN],
}


@pytest.fixture
def votes(community, organiser, people):
    draft = make_vote(community, organiser, publish=False)
    open_vote = make_vote(community, organiser)
    open_vote.officers.add(people["leader"])  # the booth is for the vote's named officers
    closed = make_vote(community, organiser)
    close(closed)
    published = make_vote(community, organiser)
    close(published)
    services.publish_results(organiser, published)
    return {
        "draft": draft.pk,
        "draft_q": draft.questions.get().pk,
        "open": open_vote.pk,
        "closed": closed.pk,
        "closed_q": closed.questions.get().pk,
        "published": published.pk,
        "published_q": published.questions.get().pk,
    }


@pytest.mark.parametrize("url", list(GET_VIEWS))
def test_each_vote_page_answers_each_role_as_the_rules_say(url, community, people, votes):
    for role, expected in zip(ROLES, GET_VIEWS[url], strict=True):
        response = client_for(people[role]).get(url.format(slug=community.slug, **votes))
        assert response.status_code == expected, f"{role} on {url}: {response.status_code}"


def test_site_admin_sees_every_vote_page(community, site_admin, votes):
    client = client_for(site_admin)
    for url, expected in GET_VIEWS.items():  # as the community admin, who sees the most
        response = client.get(url.format(slug=community.slug, **votes))
        assert response.status_code == expected[0], url


@pytest.mark.parametrize(
    "path", ["publish/", "close/", "publish-results/", "cancel/", "questions/"]
)
def test_residents_cannot_run_a_vote(path, community, people, votes):
    for role in ["leader", "resident", "outsider"]:
        response = client_for(people[role]).post(
            f"/c/{community.slug}/votes/{votes['draft']}/{path}", {"reason": "x", "text": "q"}
        )
        assert response.status_code == DENIED, (role, path)
    assert Vote.objects.get(pk=votes["draft"]).status == "draft"


def test_a_resident_votes_through_the_form_and_can_change_it(community, organiser, resident):
    vote = make_vote(community, organiser, ballot_type=Question.BallotType.RANKED)
    a, b, c = option_ids(vote)
    client = client_for(resident)
    url = f"/c/{community.slug}/votes/{vote.pk}/"
    assert 'name="q' in client.get(url).content.decode()
    q = qkey(vote)
    response = client.post(url, {f"q{q}_o{c}": "1", f"q{q}_o{a}": "2"})
    assert response.status_code == 200
    assert Ballot.objects.get(vote=vote).choices == {q: [c, a]}
    # the device remembers the code, so changing needs no typing
    page = client.get(url).content.decode()
    assert 'name="change_code"' in page
    remembered = client.cookies[f"linli_vote_{vote.pk}"].value
    assert remembered
    response = client.post(url, {f"q{q}_o{b}": "1", "change_code": _code_from(page)})
    assert response.status_code == 200, response.content.decode()[:500]
    assert Ballot.objects.get(vote=vote).choices == {q: [b]}


def _code_from(page: str) -> str:
    import re

    match = re.search(r'name="change_code" id="change_code" value="([^"]*)"', page)
    assert match, "the change code field is pre-filled on the device that voted"
    return match.group(1)


def test_a_refused_ballot_keeps_what_was_chosen_and_says_why(community, organiser, resident):
    vote = make_vote(
        community, organiser, ballot_type=Question.BallotType.RANKED, options=("甲", "乙", "丙")
    )
    a, b, _c = option_ids(vote)
    q = qkey(vote)
    client = client_for(resident)
    client.post("/language/", {"language": "en", "next": "/"})
    response = client.post(
        f"/c/{community.slug}/votes/{vote.pk}/", {f"q{q}_o{a}": "1", f"q{q}_o{b}": "1"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "share the same place" in page
    assert '<option value="1" selected>' in page
    assert not Ballot.objects.exists()


def test_a_forged_option_field_is_refused(community, organiser, resident):
    vote = make_vote(community, organiser)
    other = make_vote(community, organiser)
    client = client_for(resident)
    client.post("/language/", {"language": "en", "next": "/"})
    response = client.post(
        f"/c/{community.slug}/votes/{vote.pk}/", {f"q{qkey(vote)}": str(option_ids(other)[0])}
    )
    assert response.status_code == 400
    assert "not part of this vote" in response.content.decode()
    response = client.post(
        f"/c/{community.slug}/votes/{vote.pk}/", {f"q{qkey(other)}": str(option_ids(other)[0])}
    )
    assert response.status_code == 400
    assert not Ballot.objects.exists()


def test_an_outsider_posting_a_ballot_is_denied(community, organiser, outsider):
    vote = make_vote(community, organiser)
    response = client_for(outsider).post(
        f"/c/{community.slug}/votes/{vote.pk}/", {f"q{qkey(vote)}": str(option_ids(vote)[0])}
    )
    assert response.status_code == DENIED
    assert not Ballot.objects.exists()


def test_an_organiser_builds_and_publishes_a_vote(community, organiser):
    client = client_for(organiser)
    client.post("/language/", {"language": "en", "next": "/"})
    base = f"/c/{community.slug}/votes/"
    bad = client.post(
        base + "new/",
        {
            "title": "晾衣架放在哪里",
            "unit": "person",
            "results_shown": "at_close",
            "opens_at": "2030-05-02T09:00",
            "closes_at": "2030-05-01T09:00",
        },
    )
    assert bad.status_code == 200 and "must close after it opens" in bad.content.decode()
    response = client.post(
        base + "new/",
        {
            "title": "晾衣架放在哪里",
            "unit": "household",
            "results_shown": "at_close",
            "opens_at": "2030-05-01T09:00",
            "closes_at": "2030-05-08T18:00",
        },
    )
    vote = Vote.objects.get(title="晾衣架放在哪里")
    assert response.status_code == 302
    questions_url = f"{base}{vote.pk}/questions/"
    one_option = client.post(
        questions_url,
        {
            "text": "选哪里？",
            "ballot_type": "single",
            "max_score": 5,
            "ranked_method": "irv",
            "options": "东墙",
        },
    )
    assert "at least two options" in one_option.content.decode()
    client.post(
        questions_url,
        {
            "text": "选哪里？",
            "ballot_type": "single",
            "max_score": 5,
            "ranked_method": "irv",
            "options": "东墙\n西墙\n",
        },
    )
    assert list(vote.questions.get().options.values_list("label", flat=True)) == ["东墙", "西墙"]
    client.post(f"{base}{vote.pk}/publish/")
    vote.refresh_from_db()
    assert vote.status == "published" and vote.is_upcoming


def test_paper_entry_pages_reconcile_two_officers(community, organiser, leader):
    vote = make_vote(community, organiser)
    base = f"/c/{community.slug}/votes/{vote.pk}/paper/"
    mark_paper_voters(vote, leader, 2)
    client_for(leader).post(base, {"label": "梧桐院 1", "size": 2})
    batch = vote.batches.get()
    client_for(leader).post(f"{base}{batch.pk}/", {"ballots": "1\n2"})
    page = client_for(organiser).post(f"{base}{batch.pk}/", {"ballots": "1\n3"}, follow=True)
    assert "梧桐院 1" in page.content.decode()
    assert not Ballot.objects.exists()
    client_for(organiser).post(f"{base}{batch.pk}/", {"ballots": "1\n2"})
    assert Ballot.objects.filter(channel="paper").count() == 2


def test_booth_page_marks_a_voter(community, organiser, leader, resident):
    vote = make_vote(community, organiser)
    vote.officers.add(leader)
    voter = Member.objects.get(user=resident)
    url = f"/c/{community.slug}/votes/{vote.pk}/booth/?q=resident"
    page = client_for(leader).get(url).content.decode()
    assert "resident" in page
    client_for(leader).post(url, {"member": voter.pk})
    assert vote.roll.get().channel == "paper"
