"""A contest application on the shared funded-project tracking: the team (people without an
account by name, their agreement recorded in person), before and after photos, payment stages
within the award, and what residents read from them (the page, the showcase, the finance page)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from linli.core.kit import Forbidden, Refused
from linli.core.media import kind_of
from linli.core.models import Role
from linli.disclosure import finance
from linli.reviews import services
from linli.reviews.models import Application
from linli.tracking import queries
from linli.tracking import services as track
from tests.conftest import client_for, make_household, make_person
from tests.images import jpeg_with_gps
from tests.reviews.helpers import adopt, make_board, make_contest, member
from tests.reviews.test_conflicts import _to_final
from tests.reviews.test_flow import _apply, _score_all, _to_scoring

pytestmark = pytest.mark.django_db


@pytest.fixture
def applied(community, organiser, resident):  # type: ignore[no-untyped-def]
    board, users = make_board(community, organiser)
    contest = make_contest(board, organiser)
    adopt(services.propose_rubric(users[0], contest), users)
    return users, contest, _apply(contest, resident)


def test_the_applicant_agreed_for_themselves_and_is_on_the_team(
    community, organiser, resident, applied
):
    _users, contest, _first = applied
    home = make_household(community, ["槐树院", "1栋", "1单元", "101"])
    second = make_person(community, "a2@test.org", Role.RESIDENT, home)
    application = services.submit(
        second,
        Application(
            contest=contest,
            area=home.area,
            title="墙绘",
            description="d",
            plan="p",
            budget=1000,
        ),
        credit_consent=True,
    )
    entry = queries.team(application).get()
    assert (entry.member, entry.shown_name, entry.task) == (member(second), "a2", "applicant")
    assert entry.consented_at is not None and entry.consent_by is None


def test_people_without_an_account_join_by_name_and_the_applicant_records_their_agreement(
    community, resident, applied
):
    users, _contest, application = applied
    carpenter = services.add_team_member(resident, application, " 张师傅 ", "木工", True)
    assert (carpenter.member, carpenter.name, carpenter.task) == (None, "张师傅", "木工")
    assert carpenter.consent_by == resident  # agreed in person, recorded by the applicant
    painter = services.add_team_member(resident, application, "刘阿姨", "画墙", False)
    assert painter.consented_at is None
    track.record_consent(resident, painter, True)
    painter.refresh_from_db()
    assert painter.consented_at is not None and painter.consent_by == resident
    track.record_consent(resident, painter, False)
    painter.refresh_from_db()
    assert painter.consented_at is None and painter.consent_by is None

    with pytest.raises(Forbidden, match=r"tracking.team"):  # only whoever keeps the team records it
        track.record_consent(users[3], painter, True)
    with pytest.raises(Forbidden, match=r"tracking.team"):
        track.record_consent(AnonymousUser(), painter, True)
    applicant_row = queries.team(application).get(member=member(resident))
    with pytest.raises(Refused, match="say this themselves"):
        track.record_consent(resident, applicant_row, True)
    with pytest.raises(Refused, match="Give the name"):
        services.add_team_member(resident, application, " ", "", True)
    with pytest.raises(Refused, match="already on the team"):
        services.add_team_member(resident, application, "我", "", True, teammate=member(resident))
    assert queries.team(application).count() == 3


def test_the_page_marks_who_is_not_named_and_the_showcase_names_only_who_agreed(
    community, resident, applied
):
    _users, _contest, application = applied
    services.add_team_member(resident, application, "张师傅", "木工", True)
    services.add_team_member(resident, application, "刘阿姨", "画墙", False)
    page = client_for(resident).get(application.get_absolute_url()).content.decode()
    assert "<li>张师傅 – 木工</li>" in page
    assert '<li>刘阿姨 – 画墙 <span class="muted">（不在展示中署名）</span></li>' in page
    assert "尚未同意署名" not in page

    Application.objects.filter(pk=application.pk).update(inspection="pass")
    url = reverse("reviews:showcase", args=[community.slug])
    shown = client_for(resident).get(url).content.decode()
    assert "<li>张师傅 – 木工</li>" in shown and "刘阿姨" not in shown
    assert "resident – " not in shown  # the applicant did not agree when applying
    services.add_team_member(resident, application, "赵叔", "", False)
    queries.team(application).filter(name="张师傅").update(consented_at=None)
    assert "团队选择不署名。" in client_for(resident).get(url).content.decode()


def test_photos_before_and_after_and_their_old_folder(community, resident, applied):
    _users, _contest, application = applied
    photo = services.add_photo(
        resident,
        application,
        "before",
        SimpleUploadedFile("a.jpg", jpeg_with_gps((300, 200)), content_type="image/jpeg"),
        " 墙角 ",
    )
    assert (photo.kind, photo.caption) == ("before", "墙角")
    assert photo.image.name.startswith("tracking/photos/")
    with pytest.raises(Refused, match="once the result is final"):
        services.add_photo(resident, application, "after", photo.image, "x")
    with pytest.raises(Refused, match="before or after"):
        services.add_photo(resident, application, "during", photo.image, "x")
    old = kind_of("reviews/photos/Ab1.jpg")
    assert old is not None and (old.name, old.model) == ("reviews.photo", "tracking.Photo")
    assert kind_of("reviews/sheets/Ab1.jpg").name == "reviews.sheet"  # type: ignore[union-attr]


def test_payment_stages_within_the_award_released_once_and_counted_on_the_finance_page(
    community, organiser, resident, applied
):
    users, contest, application = applied
    _to_scoring(contest, users[0])
    _score_all(contest, users, [application])
    _to_final(users, contest)
    application.refresh_from_db()
    first = services.add_milestone(users[0], application, "开工", Decimal(2500))
    assert (first.amount, first.due, first.done_on) == (2500, None, None)
    with pytest.raises(Refused, match="more than the award of 5000 yuan"):
        services.add_milestone(users[0], application, "额外", Decimal(2501))
    with pytest.raises(Forbidden, match="chair, vice-chair or secretary"):
        services.add_milestone(users[3], application, "额外", Decimal(1))
    with pytest.raises(Forbidden, match="chair, vice-chair or secretary"):
        services.release(users[3], first, "开工照片")
    services.release(users[0], first, " 开工照片 ")
    first.refresh_from_db()
    assert (first.evidence, first.done_by) == ("开工照片", users[0])
    with pytest.raises(Refused, match="already released"):
        services.release(users[0], first, "again")
    services.add_milestone(users[0], application, "验收合格", Decimal(2500))
    rows = [row for _year, row in finance._contests(community)]
    assert [(r.title, r.awarded, r.spent) for r in rows] == [
        (application.title, Decimal(5000), Decimal(2500))
    ]
    page = client_for(resident).get(application.get_absolute_url()).content.decode()
    assert "<td>" + first.done_on.strftime("%Y-%m-%d") + "：开工照片</td>" in page  # type: ignore[union-attr]
