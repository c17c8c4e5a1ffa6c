"""Issue 22, item 4: a printable paper ballot for every kind of vote, in three languages, with a
QR code to the vote and the options numbered as the double-entry screens number them."""

from __future__ import annotations

import pytest

from linli.votes import paper
from linli.votes.models import Question, Vote
from tests.conftest import client_for
from tests.volunteering.pdf_text import text_of

from .helpers import make_cumulative_vote, make_knapsack_vote, make_vote

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", [k for k, _label in Question.BallotType.choices])
@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_every_kind_prints_in_every_language(community, organiser, kind, language):
    if kind == Question.BallotType.KNAPSACK:
        vote = make_knapsack_vote(community, organiser)
    elif kind == Question.BallotType.CUMULATIVE:
        vote = make_cumulative_vote(community, organiser)
    else:
        vote = make_vote(community, organiser, ballot_type=kind, max_choices=2)
    pdf = paper.paper_ballot(vote, language)
    assert pdf.startswith(b"%PDF")
    text = text_of(pdf)
    options = list(vote.questions.get().options.all())
    for number, option in enumerate(options, start=1):
        assert any(line.startswith(f"{number}. ") for line in text.splitlines()), number
    if language == "en":
        assert "Paper ballot" in text and "Do not write your name" in text
    if language == "zh-hant":
        assert "選票" in text or "紙質" in text or "紙" in text


def test_knapsack_ballot_shows_costs_and_budget(community, organiser):
    vote = make_knapsack_vote(community, organiser)
    text = text_of(paper.paper_ballot(vote, "en"))
    for option in vote.questions.get().options.all():
        assert option.cost_text in text.replace("\n", " ")
    assert "the budget" in text.replace("\n", " ")


def test_the_booth_prints_and_residents_may_not(community, organiser, resident):
    vote = make_vote(community, organiser)
    url = f"/c/{community.slug}/votes/{vote.pk}/ballot/en.pdf"
    response = client_for(organiser).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client_for(resident).get(url).status_code == 403
    assert client_for(organiser).get(url.replace("en.pdf", "fr.pdf")).status_code == 404
    booth = client_for(organiser).get(f"/c/{community.slug}/votes/{vote.pk}/booth/")
    assert url in booth.content.decode()
    Vote.objects.filter(pk=vote.pk).update(status=Vote.Status.DRAFT)
    assert client_for(organiser).get(url).status_code == 404
