"""Bad input through the pages: forged ids, closed windows, paper sheets, photos."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from linli.core import photos
from linli.core.models import Place
from linli.core.services import ServiceError
from linli.reviews import services
from linli.reviews.models import Application, Contest, Signature
from tests.conftest import client_for
from tests.reviews.helpers import adopt, make_board, make_contest


@pytest.fixture
def open_contest(community, organiser):
    board, users = make_board(community, organiser, n=3)
    contest = make_contest(board, organiser)
    adopt(services.propose_rubric(users[0], contest), users)
    contest.refresh_from_db()
    return contest, users


def _app(contest, user, title="花园"):
    area = Place.objects.get(community=contest.community, name="梧桐院", parent=None)
    return services.submit(
        user,
        Application(contest=contest, area=area, title=title, description="d", plan="p", budget=1),
    )


def test_an_application_of_another_contest_or_community_is_not_found(
    community, organiser, resident, outsider, other_community, open_contest
):
    contest, users = open_contest
    app = _app(contest, resident)
    second = make_contest(contest.body, organiser)
    base = f"/c/{community.slug}/reviews/"
    leader_client = client_for(users[0])
    assert (
        leader_client.get(base + f"contests/{second.pk}/applications/{app.pk}/").status_code == 404
    )
    assert (
        leader_client.get(
            f"/c/{other_community.slug}/reviews/contests/{contest.pk}/applications/{app.pk}/"
        ).status_code
        == 404
    )
    # a criterion id in the form that is not of this contest is ignored by the form, and the
    # service refuses unknown ids sent through the API (see test_pages)
    assert leader_client.post(base + "motions/999999/vote/", {"choice": "for"}).status_code == 404


def test_applying_after_the_window_through_the_page(community, resident, open_contest):
    contest, _users = open_contest
    Contest.objects.filter(pk=contest.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    area = Place.objects.get(community=community, name="梧桐院", parent=None)
    response = client_for(resident).post(
        f"/c/{community.slug}/reviews/contests/{contest.pk}/apply/",
        {"area": area.pk, "title": "晚了", "description": "d", "plan": "p", "budget": 1},
    )
    assert response.status_code == 200
    assert "只在" in response.content.decode() and not Application.objects.exists()


def test_paper_sheet_with_an_unknown_address_saves_nothing(
    community, leader, resident, open_contest, household
):
    contest, _users = open_contest
    app = _app(contest, resident)
    url = f"/c/{community.slug}/reviews/contests/{contest.pk}/applications/{app.pk}/paper/"
    lines = "梧桐院 1栋 1单元 101 王秀英\n梧桐院 9栋 9单元 909 李四"
    response = client_for(leader).post(url, {"lines": lines})
    page = response.content.decode()
    assert response.status_code == 200  # the page again, not a redirect to an empty box
    assert "第 2 行“梧桐院 9栋 9单元 909 李四”" in page  # the wrong line, marked
    assert "梧桐院 1栋 1单元 101 王秀英\n梧桐院 9栋 9单元 909 李四</textarea>" in page  # kept
    assert "<details open>" in page
    assert not Signature.objects.exists()
    client_for(leader).post(url, {"lines": "梧桐院 1栋 1单元 101 王秀英"})
    assert Signature.objects.get().channel == "paper"
    assert client_for(resident).post(url, {"lines": "x"}).status_code == 403


def test_photos_are_shrunk_and_turned_into_jpeg():
    big = io.BytesIO()
    Image.new("RGBA", (4000, 3000), (10, 200, 10, 255)).save(big, format="PNG")
    upload = SimpleUploadedFile("huge.png", big.getvalue())
    shrunk = photos.shrink(upload)
    image = Image.open(shrunk)
    assert image.format == "JPEG" and image.size == (1600, 1200)
    with pytest.raises(ServiceError, match="not a photo"):
        photos.shrink(SimpleUploadedFile("x.jpg", b"not an image"))


def test_after_photos_wait_for_the_final_result(community, resident, open_contest):
    contest, _users = open_contest
    app = _app(contest, resident)
    png = io.BytesIO()
    Image.new("RGB", (10, 10)).save(png, format="PNG")
    with pytest.raises(ServiceError, match="once the result is final"):
        services.add_photo(resident, app, "after", SimpleUploadedFile("a.png", png.getvalue()), "x")
    with pytest.raises(ServiceError, match="Describe the photo"):
        services.add_photo(
            resident, app, "before", SimpleUploadedFile("a.png", png.getvalue()), " "
        )


ROLES = ["anonymous", "outsider", "resident", "leader", "organiser", "community_admin"]


def test_results_and_notice_before_publication(community, people, open_contest):
    contest, _users = open_contest
    base = f"/c/{community.slug}/reviews/contests/{contest.pk}/"
    for role in ROLES:  # nobody reads results before the scores are in, not even organisers
        assert client_for(people[role]).get(base + "results/").status_code == 403, role
        assert client_for(people[role]).get(base + "notice/").status_code == 404, role
        assert client_for(people[role]).get(base + "poster.pdf").status_code == 404, role
