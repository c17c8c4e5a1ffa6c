"""The votes API: public listing, casting as a resident, results only when they may be shown."""

from __future__ import annotations

import json

from linli.votes import services
from linli.votes.models import Ballot
from tests.conftest import client_for
from tests.votes.helpers import close, make_vote, option_ids, qkey


def test_votes_are_listed_without_drafts(community, organiser):
    make_vote(community, organiser, publish=False)
    shown = make_vote(community, organiser)
    data = client_for(None).get(f"/api/communities/{community.slug}/votes").json()
    assert [v["id"] for v in data] == [shown.pk]
    assert data[0]["questions"][0]["options"][0]["number"] == 1
    assert len(client_for(organiser).get(f"/api/communities/{community.slug}/votes").json()) == 2


def test_a_resident_casts_through_the_api(community, organiser, resident, outsider):
    vote = make_vote(community, organiser)
    resident.language = "en"  # the API answers in the caller's language
    resident.save()
    url = f"/api/communities/{community.slug}/votes/{vote.pk}/ballot"
    body = json.dumps({"answers": {qkey(vote): option_ids(vote)[:1]}})
    assert client_for(None).post(url, body, content_type="application/json").status_code == 401
    assert client_for(outsider).post(url, body, content_type="application/json").status_code == 403
    response = client_for(resident).post(url, body, content_type="application/json")
    assert response.status_code == 200
    assert len(response.json()["change_code"]) == 14
    again = client_for(resident).post(url, body, content_type="application/json")
    assert again.status_code == 400 and "change code" in again.json()["detail"]
    assert Ballot.objects.count() == 1


def test_results_and_ballots_wait_for_publication(community, organiser, resident):
    vote = make_vote(community, organiser)

    services.cast(resident, vote, {qkey(vote): option_ids(vote)[:1]})
    url = f"/api/communities/{community.slug}/votes/{vote.pk}/results"
    assert client_for(resident).get(url).status_code == 403
    close(vote)
    provisional = client_for(organiser).get(url).json()
    assert provisional["final"] is False and provisional["voted"] == 1
    services.publish_results(organiser, vote)
    data = client_for(None).get(url).json()
    assert data["final"] is True
    assert data["questions"][0]["winners"] == option_ids(vote)[:1]
    sha = data["questions"][0]["ballot_file_sha256"]
    csv_url = f"/api/communities/{community.slug}/votes/{vote.pk}/ballots/{qkey(vote)}.csv"
    import hashlib

    assert hashlib.sha256(client_for(None).get(csv_url).content).hexdigest() == sha
