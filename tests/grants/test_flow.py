"""From application to yearly evaluation: states, recusal, hidden scores, awards, agreement,
reports and evaluation, with the ledger and notifications they write."""

from __future__ import annotations

import base64
import io
import re
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from linli.core.models import Member, Notification
from linli.core.services import ServiceError
from linli.grants import services
from linli.grants.agreement import agreement_pdf
from linli.grants.models import Application, Report, Review
from linli.participation.models import Act, Depth
from linli.tracking import queries as tracking

from .helpers import draft, score_all, submitted


def _jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (240, 240, 230)).save(buffer, format="PNG")
    return SimpleUploadedFile("receipt.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def lead(resident):  # type: ignore[no-untyped-def]
    return Member.objects.get(user=resident)


def test_edits_only_in_draft_and_states_move_forward(call, organiser, lead, neighbours):
    application = draft(call, lead, neighbours)
    assert application.status == "draft"
    services.submit(lead.user, application)
    with pytest.raises(ServiceError, match="no longer be changed"):
        services.add_budget_line(lead.user, application, "other", "x", 10)
    with pytest.raises(ServiceError, match="no longer be changed"):
        services.update(lead.user, application)
    services.step(organiser, call, "review")
    application.refresh_from_db()
    assert application.status == "review"
    services.withdraw(lead.user, application)
    application.refresh_from_db()
    assert application.status == "withdrawn"
    with pytest.raises(ServiceError, match=r"^This application can no longer be withdrawn\.$"):
        services.withdraw(lead.user, application)


def test_a_resident_group_needs_enough_verified_residents(call, lead):
    application = draft(call, lead)
    with pytest.raises(ServiceError, match="at least 3 verified residents"):
        services.submit(lead.user, application)
    application.refresh_from_db()
    assert application.status == "draft"


def test_only_the_lead_edits_and_only_offered_themes(call, lead, neighbours):
    _one_theme(call)
    with pytest.raises(ServiceError, match="does not offer"):
        draft(call, lead, theme="people")
    application = draft(call, lead, theme="culture")
    with pytest.raises(ServiceError, match="Only the lead"):
        services.add_budget_line(neighbours[0].user, application, "other", "x", 10)


def _one_theme(call):  # type: ignore[no-untyped-def]
    call.themes = ["culture"]
    call.save()
    return call


def test_an_ngo_must_name_its_registered_organisation(call, lead, community):
    from linli.core.models import Partner

    with pytest.raises(ServiceError, match="social organisation"):
        draft(call, lead, kind="ngo")
    ngo = Partner.objects.create(community=community, name="阳光惠民社会服务中心", kind="ngo")
    application = draft(call, lead, kind="ngo", partner=ngo)
    assert application.partner == ngo


def test_recusal_and_scores_hidden_until_all_are_in(call, organiser, lead, neighbours, panelists):
    # A panel member on an applying team recuses automatically.
    on_team = submitted(call, lead, [*neighbours, panelists[0]], title="院落记忆墙")
    other = submitted(call, neighbours[0], [lead, neighbours[1]], title="老手艺课堂")
    services.step(organiser, call, "review")
    on_team.refresh_from_db()
    other.refresh_from_db()
    values = {c.pk: 8 for c in call.criteria.all()}
    with pytest.raises(ServiceError, match="recused"):
        services.score(panelists[0].user, on_team, values, "")
    services.score(panelists[0].user, other, values, "好")
    assert not services.scores_visible(panelists[0].user, panelists[0], call)
    services.declare_conflict(panelists[1].user, other, "我是申请人的亲戚")
    with pytest.raises(ServiceError, match="recused"):
        services.score(panelists[1].user, other, values, "")
    services.score(panelists[1].user, on_team, values, "")
    assert not services.all_in(call)
    services.score(panelists[2].user, on_team, {c.pk: 5 for c in call.criteria.all()}, "")
    services.score(panelists[2].user, other, {c.pk: 9 for c in call.criteria.all()}, "")
    assert services.all_in(call)
    assert services.scores_visible(panelists[0].user, panelists[0], call)
    result = services.outcome(call)
    counted = {r.application: set(r.reviewers) for r in result.results}
    assert panelists[0].pk not in counted[on_team.pk]
    assert panelists[1].pk not in counted[other.pk]
    # ledger: applying team involved, panel collaborating
    assert Act.objects.filter(member=lead, method="grant", depth=Depth.INVOLVED).exists()
    assert Act.objects.filter(
        member=panelists[2], method="grant", depth=Depth.COLLABORATING
    ).exists()


def test_scores_out_of_range_or_incomplete_are_refused(
    call, organiser, lead, neighbours, panelists
):
    application = submitted(call, lead, neighbours)
    services.step(organiser, call, "review")
    application.refresh_from_db()
    criteria = list(call.criteria.all())
    with pytest.raises(ServiceError, match="0 to 10"):
        services.score(panelists[0].user, application, {c.pk: 11 for c in criteria}, "")
    with pytest.raises(ServiceError, match="missing"):
        services.score(panelists[0].user, application, {criteria[0].pk: 5}, "")
    assert not Review.objects.filter(application=application).exclude(scores=None).exists()


def test_suggestion_funds_down_the_ranking(call, organiser, community, panelists):
    from tests.conftest import make_household, make_person

    def group(tag):  # type: ignore[no-untyped-def]
        return [
            Member.objects.get(
                user=make_person(
                    community,
                    f"{tag}{i}@t.org",
                    household=make_household(community, ["竹院", "1栋", "1单元", f"{tag}{i}"]),
                )
            )
            for i in range(3)
        ]

    a = submitted(call, *_split(group("a")), amount=100_000, title="A")
    b = submitted(call, *_split(group("b")), amount=100_000, title="B")
    c = submitted(call, *_split(group("c")), amount=100_000, title="C")
    d = submitted(call, *_split(group("d")), amount=90_000, title="D")
    services.step(organiser, call, "review")
    score_all(call, panelists, {a.pk: 9, b.pk: 8, c.pk: 7, d.pk: 6})
    call.community_cap = 290_000
    call.save()
    _result, suggested = services.suggestion(call)
    assert [(s.key, s.reason, s.amount) for s in suggested] == [
        (a.pk, "funded", 100_000),
        (b.pk, "funded", 100_000),
        (c.pk, "does_not_fit", 0),
        (d.pk, "funded", 90_000),
    ]


def _split(people):  # type: ignore[no-untyped-def]
    return people[0], people[1:]


def _awarded(call, organiser, lead, neighbours, panelists):  # type: ignore[no-untyped-def]
    application = submitted(call, lead, neighbours)
    for n in neighbours:
        services.consent(n.user, application, True)
    services.step(organiser, call, "review")
    score_all(call, panelists, {application.pk: 8})
    services.award(organiser, Application.objects.get(pk=application.pk), 18_000, "方案扎实")
    application = Application.objects.get(pk=application.pk)
    services.add_milestone(organiser, application, "花园建成", call.review_by)
    return application


def test_agreement_is_accepted_by_the_lead_then_countersigned(
    call, organiser, lead, neighbours, panelists
):
    application = _awarded(call, organiser, lead, neighbours, panelists)
    with pytest.raises(ServiceError, match="accepts the agreement first"):
        services.countersign(organiser, application)
    with pytest.raises(ServiceError, match="Only the lead"):
        services.accept_agreement(neighbours[0].user, application, "x")
    with pytest.raises(ServiceError, match="Type your name"):
        services.accept_agreement(lead.user, application, "  ")
    services.accept_agreement(lead.user, application, "王秀英")
    services.countersign(organiser, application)
    application.agreement.refresh_from_db()
    assert application.agreement.complete
    with pytest.raises(ServiceError, match="no longer change"):
        services.add_milestone(organiser, application, "再加一个", call.review_by)
    assert Notification.objects.filter(user=lead.user, kind="grant_application").count() >= 2
    assert Act.objects.filter(
        member=neighbours[0], method="grant", depth=Depth.COLLABORATING
    ).exists()


def test_agreement_pdf_holds_parties_amount_milestones_and_duties(
    call, organiser, lead, neighbours, panelists
):
    application = _awarded(call, organiser, lead, neighbours, panelists)
    services.accept_agreement(lead.user, application, "王秀英")
    pdf = agreement_pdf(application, "en")
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf)
    assert "Grant agreement" in text
    assert "18,000 yuan" in text
    assert "Reporting duties" in text and "Milestones" in text
    assert "花园建成" in text and "王秀英" in text and "专款专用" in text
    zh = _pdf_text(agreement_pdf(application, "zh-hans"))
    assert "资助协议" in zh or "Grant agreement" in zh  # the title in the reader's language
    assert "院落花园" in zh and "18,000" in zh


def _pdf_text(pdf: bytes) -> str:
    """The text drawn in the PDF (pypdf is not installed): page streams are ASCII85 + Flate, and
    text in the CID font is UTF-16BE in PDF string literals with octal escapes."""
    out = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            data = zlib.decompress(
                base64.a85decode(stream.strip().removesuffix(b"~>"), adobe=False)
            )
        except (ValueError, zlib.error):
            continue
        for literal in re.findall(rb"\(((?:[^\\)]|\\.)*)\) Tj", data, re.S):
            raw = re.sub(
                rb"\\([0-7]{1,3}|.)",
                lambda m: bytes([int(m.group(1), 8)]) if m.group(1)[:1].isdigit() else m.group(1),
                literal,
            )
            out.append(raw.decode("utf-16-be", errors="replace"))
    return "\n".join(out)


def test_reports_with_receipts_are_accepted_or_returned(
    call, organiser, lead, neighbours, panelists
):
    application = _awarded(call, organiser, lead, neighbours, panelists)
    report = Report(
        kind="milestone",
        milestone=tracking.milestones(application).first(),
        narrative="建成了",
        activities_held="3次种植",
        participants=25,
    )
    with pytest.raises(ServiceError, match="both sides"):
        services.submit_report(lead.user, application, report, [])
    services.accept_agreement(lead.user, application, "王秀英")
    services.countersign(organiser, application)
    report = services.submit_report(
        lead.user,
        application,
        report,
        [
            {"category": "materials", "item": "花苗", "amount": 3_000, "receipt": _jpeg()},
        ],
    )
    assert report.spending_lines.get().receipt.name.endswith(".jpg")
    assert application.spent() == 0  # counted once accepted
    with pytest.raises(ServiceError, match="add or change"):
        services.review_report(organiser, report, False, "")
    services.review_report(organiser, report, True, "")
    assert application.spent() == 3_000
    final = services.submit_report(
        lead.user,
        application,
        Report(kind="final", narrative="完成", activities_held="…", participants=40),
        [],
    )
    services.review_report(organiser, final, False, "请补充票据")
    final.refresh_from_db()
    assert final.status == "returned"
    assert Notification.objects.filter(user=lead.user, kind="grant_report").count() == 2


def test_an_ended_project_cannot_continue(call, organiser, lead, neighbours, panelists, community):
    from datetime import timedelta

    from .helpers import make_call

    application = _awarded(call, organiser, lead, neighbours, panelists)
    with pytest.raises(ServiceError, match="reason"):
        services.evaluate(organiser, application, "end", " ")
    with pytest.raises(ServiceError, match="conditions"):
        services.evaluate(organiser, application, "conditions", "需要改进")
    services.evaluate(organiser, application, "end", "项目与社区需求不符,居民参与少。")
    next_year = make_call(
        community, organiser, panelists, today=call.opens_on, title="明年", year=call.year + 1
    )
    with pytest.raises(ServiceError, match="ended that project"):
        draft(next_year, lead, continuation_of=application)
    services.evaluate(organiser, application, "continue", "居民参与好")
    assert draft(next_year, lead, continuation_of=application).continuation_of == application
    assert next_year.opens_on - call.opens_on == timedelta(0)


def test_the_panel_must_be_named_and_decide_declines_the_rest(call, organiser, lead, neighbours):
    application = submitted(call, lead, neighbours)
    call.panel.clear()
    with pytest.raises(ServiceError, match="panel"):
        services.step(organiser, call, "review")
    call.panel.add(neighbours[0])
    services.step(organiser, call, "review")
    services.step(organiser, call, "decide")
    application.refresh_from_db()
    assert application.status == "declined" and application.decision_note


def test_photos_are_shrunk_and_only_the_team_adds_them(call, lead, neighbours, panelists):
    application = draft(call, lead, neighbours)
    big = io.BytesIO()
    Image.new("RGB", (4000, 3000), (120, 170, 110)).save(big, format="PNG")
    photo = services.add_photo(
        lead.user, application, SimpleUploadedFile("g.png", big.getvalue()), "花台"
    )
    with Image.open(photo.image) as image:
        assert max(image.size) == 1600
    with pytest.raises(ServiceError, match="Only the team"):
        services.add_photo(panelists[0].user, application, _jpeg(), "x")
    with pytest.raises(ServiceError, match="not a photo"):
        services.add_photo(
            lead.user, application, SimpleUploadedFile("a.png", b"not an image"), "x"
        )


def test_team_members_are_named_only_after_they_agree(call, lead, neighbours):
    application = draft(call, lead, neighbours)
    assert services.team_named(application) == []
    services.consent(neighbours[0].user, application, True)
    assert [t.member for t in services.team_named(application)] == [neighbours[0]]
    services.consent(neighbours[0].user, application, False)
    assert services.team_named(application) == []
    with pytest.raises(ServiceError, match="not on this team"):
        services.consent(lead.user, application, True)
    assert Notification.objects.filter(user=neighbours[1].user, kind="grant_application").exists()
