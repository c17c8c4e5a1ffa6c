"""Conventions: drafting in articles, comments online and typed in, amendments with a diff and
versions, adoption by a household vote or a body's motion, the wall sheet."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from linli.conventions import diff, services
from linli.conventions.models import Amendment, Version
from linli.core.kit import Forbidden, Refused
from linli.core.models import Community, Member, User
from linli.governance import services as governance
from linli.governance.models import Body, Constituency, Motion, Office
from linli.participation.models import Act
from tests.conftest import client_for

TEXT = "第一条 爱护环境。\n第二条 楼道不堆物。\n第三条 文明养犬。"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def convention(community: Community, organiser: User, leader: User):
    drafter = Member.objects.get(user=leader, community=community)
    return services.create_convention(
        organiser, community, title="槐树院院落公约", articles=TEXT, drafters=[drafter]
    )


def member(user: User, community: Community) -> Member:
    return Member.objects.get(user=user, community=community)


def test_split_and_diff() -> None:
    assert diff.split_articles(TEXT) == ["爱护环境。", "楼道不堆物。", "文明养犬。"]
    assert diff.split_articles("甲。\n\n乙，\n丙。") == ["甲。", "乙，\n丙。"]
    pieces = diff.pieces("文明养犬。", "文明养犬，出门拴绳。")
    assert [(p.kind, p.text) for p in pieces] == [
        ("same", "文明养犬"),
        ("added", "，出门拴绳"),
        ("same", "。"),
    ]
    changes = diff.compare(["甲", "乙", "丙"], ["甲", "新", "乙", "丙"])
    assert [c.kind for c in changes] == ["same", "added", "same", "same"]


def test_draft_in_articles_and_drafters_in_the_ledger(convention, community) -> None:
    version = convention.latest
    assert version.status == Version.Status.DRAFT
    assert list(version.articles.values_list("position", "text")) == [
        (1, "爱护环境。"),
        (2, "楼道不堆物。"),
        (3, "文明养犬。"),
    ]
    assert Act.objects.filter(source_type="conventions.convention", depth=4).count() == 1


def test_comments_online_and_typed_in(convention, community, resident, organiser) -> None:
    article = convention.latest.articles.get(position=2)
    services.comment(resident, convention, "电动车放哪里？", article=article)
    offline = Member.objects.create(community=community, name="王婆婆", status="verified")
    typed = services.record_comment(
        organiser,
        convention,
        member=offline,
        channel="in_person",
        text="坝坝会上说的",
        article=article,
    )
    assert typed.typed_in and typed.recorded_by == organiser
    acts = Act.objects.filter(method="comment", depth=2)
    assert {a.member.name for a in acts} == {member(resident, community).name, "王婆婆"}
    assert acts.get(member=offline).channel == "in_person"
    with pytest.raises(Refused, match=r"^Write your comment\.$"):
        services.comment(resident, convention, "   ", article=article)
    with pytest.raises(Forbidden, match=r"^conventions\.manage$"):
        services.record_comment(resident, convention, member=offline, channel="paper", text="x")
    with pytest.raises(Refused, match=r"^Say where the comment was made\.$"):
        services.record_comment(organiser, convention, member=offline, channel="online", text="x")


def test_amendment_accepted_into_a_new_version(convention, resident, leader) -> None:
    article = convention.latest.articles.get(position=3)
    amendment = services.propose_amendment(
        resident, convention, article=article, text="文明养犬，出门拴绳。", reason="安全"
    )
    with pytest.raises(
        Forbidden, match=r"^conventions\.decide_amendment$"
    ):  # only drafters and organisers decide
        services.accept_amendment(resident, amendment)
    version = services.accept_amendment(leader, amendment, "同意")
    assert version.number == 2 and version.status == Version.Status.DRAFT
    assert convention.versions.get(number=1).status == Version.Status.SUPERSEDED
    assert version.articles.get(position=3).text == "文明养犬，出门拴绳。"
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.ACCEPTED and amendment.result == version
    with pytest.raises(Refused, match=r"^This amendment was already decided\.$"):
        services.accept_amendment(leader, amendment)


def test_declining_needs_a_public_answer(convention, resident, leader) -> None:
    amendment = services.propose_amendment(resident, convention, text="新的一条。", reason="补充")
    with pytest.raises(Refused, match=r"^Say why it is declined: the answer is public\.$"):
        services.decline_amendment(leader, amendment, " ")
    services.decline_amendment(leader, amendment, "已经在第一条里了。")
    assert convention.versions.count() == 1


def test_adopted_by_household_vote(convention, community, organiser, resident, leader) -> None:
    from linli.votes import services as votes

    now = timezone.now()
    with pytest.raises(Forbidden, match=r"^conventions\.put_to_adoption$"):
        services.put_to_household_vote(leader, convention, opens_at=now, closes_at=now)
    version = services.put_to_household_vote(
        organiser,
        convention,
        opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(days=7),
    )
    assert version.status == Version.Status.PROPOSED and version.vote.unit == "household"
    with pytest.raises(
        Refused, match=r"^The text is put to adoption: wait for the outcome before changing it\.$"
    ):  # the text cannot change while it is put to adoption
        services.revise(leader, convention, articles="甲。", note="改")
    with pytest.raises(Refused, match=r"^The vote or motion is not decided yet\.$"):
        services.settle(organiser, convention)
    question = version.vote.questions.get()
    yes = question.options.order_by("position").first()
    votes.cast(resident, version.vote, {str(question.pk): [yes.pk]})
    votes.close_now(organiser, version.vote)
    settled = services.settle(organiser, convention)
    assert settled.status == Version.Status.ADOPTED and "1 for, 0 against" in settled.outcome
    assert convention.in_force == settled
    # Open to later amendment: a new draft, the text in force kept.
    amendment = services.propose_amendment(resident, convention, text="第四条。", reason="补充")
    draft = services.accept_amendment(organiser, amendment)
    assert draft.number == 2 and convention.in_force == settled


def test_adopted_by_a_body_motion(convention, community, organiser, leader, resident) -> None:
    body = governance.create_body(
        organiser,
        community,
        kind=Body.Kind.COURTYARD_GROUP,
        name="槐树院院落自治小组",
        charter={"purpose": "院里的事大家商量", "quorum_percent": 50, "majority": "simple"},
    )
    chair = governance.seat_member(
        organiser, body, member(leader, community), Constituency.COURTYARD, Office.CHAIR
    )
    governance.seat_member(
        organiser, body, member(resident, community), Constituency.COURTYARD, Office.SECRETARY
    )
    version = services.put_to_body(organiser, convention, body=body, method=Motion.Method.HANDS)
    motion = version.motion
    assert motion.kind == Motion.Kind.DOCUMENT and motion.subject_id == version.pk
    governance.record_count(
        resident, motion, present=[chair.member], votes_for=1, votes_against=0, abstentions=0
    )
    governance.confirm_count(leader, motion)
    assert services.settle(organiser, convention).status == Version.Status.ADOPTED


def test_not_adopted_then_drafted_again(convention, community, organiser, resident) -> None:
    from linli.votes import services as votes

    now = timezone.now()
    version = services.put_to_household_vote(
        organiser,
        convention,
        opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(days=7),
    )
    question = version.vote.questions.get()
    no = question.options.order_by("position").last()
    votes.cast(resident, version.vote, {str(question.pk): [no.pk]})
    votes.close_now(organiser, version.vote)
    assert services.settle(organiser, convention).status == Version.Status.NOT_ADOPTED
    assert convention.in_force is None
    again = services.reopen(organiser, convention)
    assert again.number == 2 and again.status == Version.Status.DRAFT


def test_pages(convention, community, organiser, resident, client) -> None:
    slug = community.slug
    page = client.get(reverse("conventions:detail", args=[slug, convention.pk]))
    assert page.status_code == 200 and "楼道不堆物" in page.content.decode()
    article = convention.latest.articles.get(position=1)
    as_resident = client_for(resident)
    response = as_resident.post(
        reverse("conventions:detail", args=[slug, convention.pk]),
        {"text": "好", "article": article.pk},
    )
    assert response.status_code == 302 and article.comments.count() == 1
    response = as_resident.post(
        reverse("conventions:propose", args=[slug, convention.pk]) + f"?article={article.pk}",
        {"text": "爱护环境，人人有责。", "reason": "更完整"},
    )
    assert response.status_code == 302
    amendment = convention.amendments.get()
    page = client.get(amendment.get_absolute_url()).content.decode()
    assert "<ins>，人人有责</ins>" in page
    response = client_for(organiser).post(
        amendment.get_absolute_url(), {"decide": "accept", "answer": "好"}
    )
    assert response.status_code == 302
    page = client.get(reverse("conventions:version", args=[slug, convention.pk, 2])).content
    assert "<ins>，人人有责</ins>" in page.decode()
    assert (
        client.get(reverse("conventions:wall_sheet", args=[slug, convention.pk])).status_code == 404
    )


def test_wall_sheet_of_the_text_in_force(convention, community, organiser) -> None:
    from linli.conventions import poster

    version = convention.latest
    Version.objects.filter(pk=version.pk).update(
        status=Version.Status.ADOPTED, adopted_at=timezone.now(), how="household_vote"
    )
    version.refresh_from_db()
    pdf = poster.wall_sheet(version)
    assert pdf.startswith(b"%PDF")


def test_the_api_lists_conventions_and_takes_a_resident_s_comment(
    convention, community, resident, outsider
) -> None:
    listing = client_for(None).get(f"/api/communities/{community.slug}/conventions")
    assert listing.status_code == 200
    found = listing.json()[0]
    assert found["title"] == "槐树院院落公约" and found["in_force"] is None
    article = found["latest"]["articles"][1]
    url = f"/api/communities/{community.slug}/convention-comments"
    data = {"convention": convention.pk, "article": article["id"], "text": "同意"}
    denied = client_for(outsider).post(url, data, content_type="application/json")
    assert denied.status_code == 403
    made = client_for(resident).post(url, data, content_type="application/json")
    assert made.status_code == 200 and made.json()["article"] == article["id"]
    empty = client_for(resident).post(url, data | {"text": " "}, content_type="application/json")
    assert empty.status_code == 400
