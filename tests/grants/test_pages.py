"""Every page against every role (the server decides, whatever the page shows), the pages'
content, and bad input that keeps what was typed."""

from __future__ import annotations

import re

import pytest

from linli.core.models import Member
from linli.grants import services
from linli.grants.models import Application
from tests.conftest import client_for

from .helpers import draft, make_call, submitted

ROLES = ["community_admin", "organiser", "leader", "resident", "outsider", "anonymous"]
OK, LOGIN, DENIED, GONE = 200, 302, 403, 404


@pytest.fixture
def scene(community, organiser, resident, leader, neighbours, panelists):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    lead = Member.objects.get(user=resident)
    panel = [*panelists[:2], Member.objects.get(user=leader)]
    call = make_call(community, organiser, panel, today=timezone.localdate())
    funded = submitted(call, lead, neighbours, title="院落花园")
    pending = submitted(call, neighbours[0], [neighbours[1], lead], title="老手艺课堂")
    own_draft = draft(call, lead, title="邻里互助餐", theme="livelihood")
    services.step(organiser, call, "review")
    services.award(organiser, Application.objects.get(pk=funded.pk), 15_000)
    funded = Application.objects.get(pk=funded.pk)
    services.add_milestone(organiser, funded, "第一次活动", call.review_by)
    services.accept_agreement(lead.user, funded, "resident")
    services.countersign(organiser, funded)
    return {"call": call.pk, "funded": funded.pk, "pending": pending.pk, "draft": own_draft.pk}


GET_VIEWS = {
    "": [OK, OK, OK, OK, OK, OK],
    "calls/new/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
    "calls/{call}/": [OK, OK, OK, OK, OK, OK],
    "calls/{call}/edit/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
    "calls/{call}/ranking/": [OK, OK, DENIED, DENIED, DENIED, LOGIN],
    "calls/{call}/apply/": [OK, OK, OK, OK, DENIED, LOGIN],
    "applications/{funded}/": [OK, OK, OK, OK, OK, OK],
    "applications/{pending}/": [OK, OK, OK, OK, DENIED, GONE],  # leader is on the panel
    "applications/{draft}/": [OK, OK, DENIED, OK, DENIED, GONE],
    "applications/{draft}/edit/": [OK, OK, DENIED, OK, DENIED, LOGIN],
    "applications/{funded}/agreement.pdf": [OK, OK, OK, OK, DENIED, LOGIN],  # panel may read
    "applications/{funded}/reports/new/": [DENIED, DENIED, DENIED, OK, DENIED, LOGIN],
    "applications/{pending}/score/": [DENIED, DENIED, OK, DENIED, DENIED, LOGIN],
}


@pytest.mark.parametrize("url", list(GET_VIEWS))
def test_each_page_answers_each_role_as_the_rules_say(url, community, people, scene):
    for role, expected in zip(ROLES, GET_VIEWS[url], strict=True):
        full = f"/c/{community.slug}/grants/" + url.format(**scene)
        response = client_for(people[role]).get(full)
        assert response.status_code == expected, f"{role} on {full}: {response.status_code}"


POST_VIEWS = [
    "calls/{call}/step/decide/",
    "applications/{pending}/award/",
    "applications/{pending}/decline/",
    "applications/{funded}/evaluate/",
    "applications/{funded}/milestones/",
    "applications/{funded}/countersign/",
    "calls/{call}/criteria/",
]


@pytest.mark.parametrize("url", POST_VIEWS)
def test_residents_and_outsiders_cannot_decide(url, community, people, scene):
    data = {
        "amount": 5000,
        "note": "x",
        "outcome": "end",
        "reason": "x",
        "title": "x",
        "due": "2030-01-01",
        "name": "x",
        "weight": 1,
    }
    for role in ["leader", "resident", "outsider"]:
        full = f"/c/{community.slug}/grants/" + url.format(**scene)
        assert client_for(people[role]).post(full, data).status_code == DENIED, (role, url)
    assert Application.objects.get(pk=scene["pending"]).status == "review"


def test_the_public_page_shows_no_private_data(community, scene, people):
    html = (
        client_for(None)
        .get(f"/c/{community.slug}/grants/applications/{scene['funded']}/")
        .content.decode()
    )
    assert "院落花园" in html
    # the CSRF token is random letters and digits and may contain "n1": look past it
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    assert not re.search(r"\bn1\b", text)  # team members have not agreed to be named
    assert "agreement.pdf" not in html


def test_over_limit_budget_line_keeps_what_was_typed(community, people, scene, en_client_for):
    client = en_client_for(people["resident"])
    url = f"/c/{community.slug}/grants/applications/{scene['draft']}/budget/"
    response = client.post(url, {"category": "materials", "item": "大型雕塑", "amount": 95_000})
    assert response.status_code == 400
    html = response.content.decode()
    assert "100,000 yuan" in html and "大型雕塑" in html and "95000" in html


def test_a_score_out_of_range_is_refused_and_kept(community, people, scene, en_client_for):
    client = en_client_for(people["leader"])
    url = f"/c/{community.slug}/grants/applications/{scene['pending']}/score/"
    data = {k: 7 for k in []}
    from linli.grants.models import Call

    call = Call.objects.get(pk=scene["call"])
    data = {f"c{c.pk}": 7 for c in call.criteria.all()}
    first = next(iter(data))
    data[first] = 12
    data["comment"] = "社区需要"
    response = client.post(url, data)
    assert response.status_code == 400
    assert "社区需要" in response.content.decode()


def test_the_api_lists_calls_and_funded_projects(community, scene):
    client = client_for(None)
    calls = client.get(f"/api/communities/{community.slug}/grant-calls").json()
    assert calls[0]["project_cap"] == 100_000 and calls[0]["status"] == "review"
    projects = client.get(f"/api/communities/{community.slug}/grant-projects").json()
    assert [p["title"] for p in projects] == ["院落花园"]
    assert projects[0]["awarded"] == 15_000 and projects[0]["team"] == []
    assert projects[0]["milestones"][0]["reported"] is False
    assert (
        client.get(
            f"/api/communities/{community.slug}/grant-projects/{scene['pending']}"
        ).status_code
        == 404
    )


def test_draft_calls_are_hidden_from_residents(community, organiser, people, panelists):
    from datetime import date

    from linli.grants.models import Call

    call = services.save_call(
        organiser,
        Call(
            community=community,
            title="草稿",
            year=2027,
            description="x",
            themes=["people"],
            opens_on=date(2027, 1, 1),
            closes_on=date(2027, 2, 1),
            review_by=date(2027, 3, 1),
            award_by=date(2027, 4, 1),
        ),
    )
    assert (
        client_for(people["resident"])
        .get(f"/c/{community.slug}/grants/calls/{call.pk}/")
        .status_code
        == 404
    )
    assert (
        client_for(people["organiser"])
        .get(f"/c/{community.slug}/grants/calls/{call.pk}/")
        .status_code
        == 200
    )
