"""The data migration that moves a contest application's team, photos and milestones (payment
stages) onto linli.tracking loses no row, forwards and backwards (migrations reviews 0007 and
0008): people without an account keep their name, a resident named twice keeps both rows,
agreement to be named, before and after photos by their stored names, amounts, evidence, the day
funds were released and who released them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from linli.core.models import Role
from linli.reviews import services
from linli.reviews.models import Application
from linli.tracking import queries
from tests.conftest import make_household, make_person
from tests.migrations import latest, migrate
from tests.reviews.helpers import adopt, make_board, make_contest, member
from tests.reviews.test_flow import _apply

pytestmark = pytest.mark.django_db(transaction=True)

OLD = [("reviews", "0006_old_boards_removed")]
RELEASED = datetime(2026, 5, 2, 1, 30, tzinfo=UTC)  # 09:30 on 2 May in Beijing


def _old_rows(apps, application_id):  # type: ignore[no-untyped-def]
    team = apps.get_model("reviews", "TeamMember").objects.filter(application_id=application_id)
    photos = apps.get_model("reviews", "Photo").objects.filter(application_id=application_id)
    stages = apps.get_model("reviews", "Milestone").objects.filter(application_id=application_id)
    return (
        list(team.order_by("pk").values_list("member_id", "name", "role", "credit_consent")),
        list(photos.order_by("pk").values_list("kind", "image", "caption")),
        list(
            stages.order_by("pk").values_list(
                "title", "amount", "evidence", "released_at", "released_by_id"
            )
        ),
    )


def test_contest_tracking_moves_to_tracking_and_back_losing_nothing(community, organiser, resident):
    board, users = make_board(community, organiser, n=3)
    contest = make_contest(board, organiser)
    adopt(services.propose_rubric(users[0], contest), users)
    application = _apply(contest, resident)
    home = make_household(community, ["梧桐院", "2栋", "1单元", "101"])
    neighbour = member(make_person(community, "n@test.org", Role.RESIDENT, home))
    applicant, chair = member(resident), member(users[0])
    try:
        old = migrate(OLD)
        OldTeam = old.get_model("reviews", "TeamMember")
        OldPhoto = old.get_model("reviews", "Photo")
        OldMilestone = old.get_model("reviews", "Milestone")
        OldTeam.objects.all().delete()  # the applicant's row, copied back from tracking
        OldTeam.objects.create(
            application_id=application.pk,
            member_id=applicant.pk,
            name=applicant.name,
            role="申请人",
            credit_consent=True,
        )
        OldTeam.objects.create(
            application_id=application.pk, name="张师傅", role="木工", credit_consent=False
        )
        OldTeam.objects.create(
            application_id=application.pk,
            member_id=neighbour.pk,
            name="小李",
            role="画墙",
            credit_consent=True,
        )
        OldTeam.objects.create(  # the applicant again, as the old table allowed
            application_id=application.pk, member_id=applicant.pk, name="王姐", role="采购"
        )
        for kind, name in (("before", "reviews/photos/Ab1.jpg"), ("after", "reviews/Cd2.jpg")):
            OldPhoto.objects.create(
                application_id=application.pk, kind=kind, image=name, caption=f"{kind}的院子"
            )
        OldMilestone.objects.create(
            application_id=application.pk,
            title="开工",
            amount=2500,
            evidence="材料清单",
            released_at=RELEASED,
            released_by_id=chair.pk,
        )
        OldMilestone.objects.create(application_id=application.pk, title="验收合格", amount=2500)
        before = _old_rows(old, application.pk)
    finally:
        migrate(latest())

    application = Application.objects.get(pk=application.pk)
    team = list(queries.team(application))
    assert [(t.member, t.shown_name, t.task, bool(t.consented_at)) for t in team] == [
        (applicant, applicant.name, "申请人", True),
        (None, "张师傅", "木工", False),
        (neighbour, "小李", "画墙", True),
        (None, "王姐", "采购", False),  # the applicant's second row keeps its name
    ]
    assert all(t.consent_by is None for t in team)
    photos = list(queries.photos(application))
    assert [(p.kind, p.image.name, p.caption) for p in photos] == [
        ("before", "reviews/photos/Ab1.jpg", "before的院子"),
        ("after", "reviews/Cd2.jpg", "after的院子"),
    ]
    stages = list(queries.milestones(application))
    assert [(m.title, m.amount, m.evidence, m.done_on, m.done_by) for m in stages] == [
        ("开工", 2500, "材料清单", date(2026, 5, 2), users[0]),
        ("验收合格", 2500, "", None, None),
    ]
    assert [t.member_id for t in application.crew] == [applicant.pk, None, neighbour.pk, None]

    try:
        back = _old_rows(migrate(OLD), application.pk)
    finally:
        migrate(latest())
    noon = timezone.make_aware(datetime(2026, 5, 2, 12))
    assert back[0] == [(r[0] if i != 3 else None, *r[1:]) for i, r in enumerate(before[0])]
    assert back[1] == before[1]
    assert back[2] == [(*before[2][0][:3], noon, chair.pk), before[2][1]]
    assert queries.team(application).count() == 4  # and forwards once more
