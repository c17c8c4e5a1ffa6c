"""Pages and API: a role matrix, hidden scores really hidden, forged ids refused."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from linli.core.models import Place
from linli.reviews import services
from linli.reviews.models import Application, Contest, Score
from linli.reviews.notice import publicity_of
from tests.conftest import client_for
from tests.reviews.helpers import adopt, make_board, make_contest


@pytest.fixture
def setup(community, organiser, resident):
    board, users = make_board(community, organiser, n=3)
    contest = make_contest(board, organiser)
    adopt(services.propose_rubric(users[0], contest), users)
    contest.refresh_from_db()
    area = Place.objects.get(community=community, name="梧桐院", parent=None)
    app = services.submit(
        resident,
        Application(contest=contest, area=area, title="花园", description="d", plan="p", budget=1),
    )
    return board, users, contest, app


def _score_data(criteria, end, reason):
    data = {}
    for c in criteria:
        data[f"c{c.pk}"] = getattr(c, end)
        data[f"c{c.pk}_reason"] = reason
    return data


def _base(community):
    return f"/c/{community.slug}/reviews/"


def _roles(people, users):
    roles = dict(people)
    roles["chair"] = users[0]
    roles["board_member"] = users[1]  # the vice-chair
    return roles


# role -> expected status for each page; 302 is the anonymous visitor sent to sign in
MATRIX = {
    "index": {"anonymous": 200, "outsider": 200, "resident": 200, "organiser": 200},
    "contest_create": {
        "anonymous": 302,
        "outsider": 403,
        "resident": 404,
        "leader": 404,
        "chair": 200,
        "organiser": 200,
    },
    "apply": {"anonymous": 302, "outsider": 403, "resident": 200, "chair": 200},
    "showcase": {"anonymous": 200, "resident": 200},
}


@pytest.mark.parametrize("page", list(MATRIX))
def test_role_matrix(page, community, people, setup):
    board, users, contest, _app = setup
    roles = _roles(people, users)
    urls = {
        "index": _base(community),
        "contest_create": _base(community) + f"boards/{board.pk}/contests/new/",
        "apply": _base(community) + f"contests/{contest.pk}/apply/",
        "showcase": _base(community) + "showcase/",
    }
    for role, expected in MATRIX[page].items():
        response = client_for(roles[role]).get(urls[page])
        assert response.status_code == expected, (page, role, response.status_code)


def test_only_the_board_runs_a_contest_and_only_members_score(community, people, setup):
    _board, users, contest, app = setup
    Contest.objects.filter(pk=contest.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    url = _base(community) + f"contests/{contest.pk}/step/start_scoring/"
    response = client_for(people["resident"]).post(url, follow=True)
    assert "只有评审会主席、副主席或秘书才能这样做" in response.content.decode()  # in her language
    client_for(users[0]).post(url)
    contest.refresh_from_db()
    assert contest.stage == "scoring"
    criteria = list(contest.criteria.all())
    data = _score_data(criteria, "low", "秘密理由-resident")
    score_url = _base(community) + f"contests/{contest.pk}/applications/{app.pk}/score/"
    response = client_for(people["resident"]).post(score_url, data, follow=True)
    assert "只有在任的评审会成员才能这样做" in response.content.decode()
    assert client_for(None).post(score_url, data).status_code == 302
    assert client_for(people["outsider"]).post(score_url, data).status_code == 403
    assert not Score.objects.exists()


def test_hidden_scores_are_hidden_on_the_page_and_in_the_api(community, people, setup):
    _board, users, contest, app = setup
    Contest.objects.filter(pk=contest.pk).update(
        stage="scoring", closes_at=timezone.now() - timedelta(minutes=1)
    )
    criteria = list(contest.criteria.all())
    page = _base(community) + f"contests/{contest.pk}/applications/{app.pk}/"
    api = f"/api/communities/{community.slug}/contests/{contest.pk}/applications/{app.pk}/scores"
    results = _base(community) + f"contests/{contest.pk}/results/"
    data = _score_data(criteria, "high", "秘密理由甲")
    client_for(users[0]).post(page + "score/", data)
    assert Score.objects.count() == 2
    for viewer in [users[1], users[2], people["resident"], people["organiser"], None]:
        assert "秘密理由甲" not in client_for(viewer).get(page).content.decode()
        assert "秘密理由甲" not in client_for(viewer).get(api).content.decode()
        # Results wait for the panel: refused to everyone else, the visitor included.
        assert client_for(viewer).get(results).status_code == 403
        assert (
            client_for(viewer)
            .get(f"/api/communities/{community.slug}/contests/{contest.pk}/results")
            .status_code
            == 403
        )
    assert "秘密理由甲" in client_for(users[0]).get(page).content.decode()
    assert len(client_for(users[0]).get(api).json()) == 2
    # the others score by API; now every score is in and the board sees them all
    for user in users[1:]:
        body = [{"criterion": c.pk, "value": c.low, "reason": "另一个理由"} for c in criteria]
        response = client_for(user).post(api, json.dumps(body), content_type="application/json")
        assert response.status_code == 200, response.content
    assert "秘密理由甲" in client_for(users[1]).get(page).content.decode()
    assert client_for(users[2]).get(results).status_code == 200
    assert "秘密理由甲" not in client_for(people["resident"]).get(page).content.decode()


def test_api_scoring_refuses_bad_input_and_forged_ids(community, other_community, people, setup):
    _board, users, contest, app = setup
    Contest.objects.filter(pk=contest.pk).update(
        stage="scoring", closes_at=timezone.now() - timedelta(minutes=1)
    )
    criteria = list(contest.criteria.all())
    api = f"/api/communities/{community.slug}/contests/{contest.pk}/applications/{app.pk}/scores"

    def post(user, body, url=api):
        return client_for(user).post(url, json.dumps(body), content_type="application/json")

    ok = [{"criterion": c.pk, "value": c.low, "reason": "r"} for c in criteria]
    for user in (people["resident"], users[0]):  # API messages come in the caller's language
        user.language = "en"
        user.save(update_fields=["language"])
    assert post(None, ok).status_code == 401
    assert post(people["outsider"], ok).status_code == 403
    response = post(people["resident"], ok)
    # may not (403), with the words that say which seat it takes
    assert response.status_code == 403 and "serving on the board" in response.json()["detail"]
    too_high = [{"criterion": criteria[0].pk, "value": 99, "reason": "r"}]
    response = post(users[0], too_high)
    assert response.status_code == 400 and "is scored from 0 to 10" in response.json()["detail"]
    forged = [{"criterion": 999999, "value": 1, "reason": "r"}]
    assert "not in this contest" in post(users[0], forged).json()["detail"]
    # an application of another contest, a contest of another community
    assert post(users[0], ok, api.replace(f"/{app.pk}/", "/999999/")).status_code == 404
    assert post(users[0], ok, api.replace(community.slug, other_community.slug)).status_code == 404
    assert not Score.objects.exists()


def test_a_draft_contest_is_seen_only_by_the_board_and_organisers(community, organiser, people):
    board, users = make_board(community, organiser, n=3)
    contest = make_contest(board, organiser)
    url = _base(community) + f"contests/{contest.pk}/"
    assert client_for(people["resident"]).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 404
    assert client_for(users[2]).get(url).status_code == 200
    assert client_for(people["organiser"]).get(url).status_code == 200
    api = client_for(None).get(f"/api/communities/{community.slug}/contests").json()
    assert api == []


def test_notice_poster_and_public_pages(community, organiser, people, setup):
    _board, users, contest, app = setup
    Contest.objects.filter(pk=contest.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    contest.refresh_from_db()
    services.start_scoring(users[0], contest)
    for user in users:
        services.save_scores(
            user, app, {c.pk: (c.high, "理由清楚") for c in contest.criteria.all()}
        )
    adopt(services.propose_ranking(users[0], contest), users)
    contest.refresh_from_db()
    services.publish_notice(users[0], contest)
    anonymous = client_for(None)
    notice = anonymous.get(_base(community) + f"contests/{contest.pk}/notice/")
    assert notice.status_code == 200 and "理由清楚" in notice.content.decode()
    pdf = anonymous.get(_base(community) + f"contests/{contest.pk}/poster.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    results = anonymous.get(_base(community) + f"contests/{contest.pk}/results/")
    assert results.status_code == 200
    api = anonymous.get(f"/api/communities/{community.slug}/contests/{contest.pk}/results").json()
    assert api[0]["rank"] == 1 and api[0]["application"] == app.pk
    # objecting from the page: residents yes, visitors must sign in
    response = client_for(people["resident"]).post(
        _base(community) + f"contests/{contest.pk}/notice/object/",
        {"reason": "有意见"},
        follow=True,
    )
    assert "您的异议已收到" in response.content.decode()
    assert (
        anonymous.post(_base(community) + f"contests/{contest.pk}/notice/object/").status_code
        == 302
    )
    # only officers answer
    objection = publicity_of(contest).objections.get()  # the shared 公示's (disclosure)
    answer_url = _base(community) + f"contests/{contest.pk}/objections/{objection.pk}/answer/"
    response = client_for(people["resident"]).post(answer_url, {"answer": "x"}, follow=True)
    assert "只有评审会主席、副主席或秘书才能这样做" in response.content.decode()
    client_for(users[1]).post(answer_url, {"answer": "已复核"})
    objection.refresh_from_db()
    assert objection.answer == "已复核"


def test_open_now_lists_open_contests(community, organiser, setup):
    from linli.core.open_now import open_items

    _board, _users, contest, _app = setup
    titles = [item.title for item in open_items(community, None)]
    assert contest.title in titles


def test_api_lists_boards_with_their_members_and_roles(community, setup):
    rows = client_for(None).get(f"/api/communities/{community.slug}/review-boards").json()
    assert rows[0]["name"] == "院落美化评审会"
    assert sorted(m["role"] for m in rows[0]["members"]) == ["chair", "secretary", "vice_chair"]
    contests = client_for(None).get(f"/api/communities/{community.slug}/contests").json()
    assert contests[0]["stage"] == "open" and contests[0]["criteria"][0]["weight"] == 3.0


def test_results_notice_and_poster_show_one_rounded_score(
    community, organiser, people, setup, monkeypatch
):
    """76.849 was stored as 76.85 and shown as 76.9 on the notice but 76.8 on the results page;
    now the exact score is kept and every page rounds it once, half up: 76.8."""
    _board, users, contest, app = setup
    Contest.objects.filter(pk=contest.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    contest.refresh_from_db()
    services.start_scoring(users[0], contest)
    for user in users:
        services.save_scores(
            user, app, {c.pk: (c.high, "理由清楚") for c in contest.criteria.all()}
        )
    live = services.results

    def awkward(contest):
        found = live(contest)
        for row in found.outcome.results:
            row.normalised = 76.849
        return found

    monkeypatch.setattr(services, "results", awkward)
    adopt(services.propose_ranking(users[0], contest), users)
    contest.refresh_from_db()
    services.publish_notice(users[0], contest)
    anonymous = client_for(None)
    results_page = anonymous.get(_base(community) + f"contests/{contest.pk}/results/")
    notice = anonymous.get(_base(community) + f"contests/{contest.pk}/notice/")
    for page in (results_page, notice):
        html = page.content.decode()
        assert '<td class="num">76.8</td>' in html and "76.9" not in html
    drawn: list[str] = []
    from reportlab.pdfgen.canvas import Canvas

    original = Canvas.drawString

    def record(self, x, y, text, *args, **kwargs):
        drawn.append(str(text))
        return original(self, x, y, text, *args, **kwargs)

    monkeypatch.setattr(Canvas, "drawString", record)
    assert anonymous.get(_base(community) + f"contests/{contest.pk}/poster.pdf").status_code == 200
    assert "76.8" in drawn and "76.9" not in drawn
