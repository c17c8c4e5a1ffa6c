"""Paper score sheets entered by the secretary: marked as entered for the member, with the sheet's
photo; the same rules as online scoring (seat, standing aside, hidden until all are in)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from linli.core.kit import Forbidden
from linli.core.services import ServiceError
from linli.reviews import paper_scores, services
from linli.reviews.models import Score
from tests.reviews.helpers import adopt, member


def sheet() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (250, 250, 240)).save(out, format="PNG")
    return SimpleUploadedFile("sheet.png", out.getvalue(), content_type="image/png")


@pytest.fixture
def scoring(community, organiser, resident):
    from tests.conftest import make_household
    from tests.reviews.helpers import make_board, make_contest
    from tests.reviews.test_flow import _apply, _to_scoring

    board, users = make_board(community, organiser)
    contest = make_contest(board, organiser)
    adopt(services.propose_rubric(users[0], contest), users)
    make_household(community, ["槐树院", "1栋", "1单元", "101"])
    app = _apply(contest, resident)
    _to_scoring(contest, users[0])
    return board, users, contest, app


def values(contest, value=5):
    return {c.pk: (min(c.high, max(c.low, value)), "照片清楚") for c in contest.criteria.all()}


def test_the_secretary_enters_a_member_s_signed_sheet(scoring):
    _board, users, contest, app = scoring
    saved = paper_scores.enter_paper_scores(
        users[2], app, member(users[4]), values(contest), sheet()
    )
    assert len(saved) == 2
    score = Score.objects.filter(reviewer=member(users[4])).first()
    assert score.sheet is not None and score.sheet.entered_by == users[2]
    assert score.sheet.image.name.startswith("reviews/sheets/")
    assert not services.scores_revealed(contest)  # still blind until every score is in


def test_the_same_rules_as_online(scoring, resident):
    _board, users, contest, app = scoring
    with pytest.raises(ServiceError, match="photo of the signed"):
        paper_scores.enter_paper_scores(users[2], app, member(users[4]), values(contest), None)
    with pytest.raises(Forbidden, match="chair, vice-chair or secretary"):
        paper_scores.enter_paper_scores(users[4], app, member(users[3]), values(contest), sheet())
    with pytest.raises(Forbidden, match="serving on the board"):
        paper_scores.enter_paper_scores(users[2], app, member(resident), values(contest), sheet())
    services.declare_conflict(users[3], app, "我住在梧桐院")
    with pytest.raises(ServiceError, match="conflict of interest"):
        paper_scores.enter_paper_scores(users[2], app, member(users[3]), values(contest), sheet())
    with pytest.raises(ServiceError, match=r"^“居民参与” is scored from 0 to 10\.$"):
        paper_scores.enter_paper_scores(
            users[2],
            app,
            member(users[4]),
            {c.pk: (99, "好") for c in contest.criteria.all()},
            sheet(),
        )
    assert not Score.objects.exists() and not app.score_sheets.exists()  # nothing half-saved


def test_the_secretary_s_page(scoring, community, resident):
    from tests.conftest import client_for

    _board, users, contest, app = scoring
    url = f"/c/{community.slug}/reviews/contests/{contest.pk}/applications/{app.pk}/sheet/"
    assert client_for(resident).get(url).status_code == 404  # not an officer
    assert client_for(users[3]).get(url).status_code == 404  # a member, not an officer
    secretary = client_for(users[2])
    assert "/sheet/" in secretary.get(app.get_absolute_url()).content.decode()  # linked
    page = secretary.get(url)
    assert page.status_code == 200
    services.declare_conflict(users[4], app, "我是队员的亲戚")
    page = secretary.get(url).content.decode()
    assert "我是队员的亲戚" in page  # standing aside: no sheet for him
    data = {"reviewer": member(users[3]).pk}
    for c in contest.criteria.all():
        data[f"c{c.pk}"], data[f"c{c.pk}_reason"] = c.high, "签名清楚"
    response = secretary.post(url, data)  # no photo: refused, nothing saved
    assert response.status_code == 200 and not Score.objects.exists()
    response = secretary.post(url, data | {"reviewer": member(users[4]).pk, "sheet": sheet()})
    assert response.status_code == 200 and not Score.objects.exists()  # stands aside
    response = secretary.post(url, data | {"sheet": sheet()})
    assert response.status_code == 302
    rows = Score.objects.filter(reviewer=member(users[3]))
    assert rows.count() == contest.criteria.count()
    assert all(s.sheet and s.sheet.entered_by == users[2] for s in rows)
    assert "签名清楚" not in secretary.get(url).content.decode()  # blind: no scores shown
