"""Residents write statements; organisers moderate them; authors hear the decision."""

from __future__ import annotations

import pytest

from linli.core.kit import Refused
from linli.core.models import Notification
from linli.opinions import services
from linli.opinions.models import Statement
from linli.participation.models import Act, Depth
from tests.conftest import client_for, make_person


def _write(user, conversation, text, confirm=""):
    url = f"/c/{conversation.community.slug}/opinions/{conversation.pk}/statement/"
    return client_for(user).post(url, {"text": text, "confirm": confirm})


def test_a_resident_s_statement_waits_for_moderation_and_counts_as_involved(resident, conversation):
    response = _write(resident, conversation, "希望电梯能装到每一个单元。")
    assert response.status_code == 302
    statement = conversation.statements.get(text="希望电梯能装到每一个单元。")
    assert statement.status == Statement.Status.PENDING and statement.number == 9
    act = Act.objects.get(member__user=resident, method="opinions")
    assert act.depth == Depth.INVOLVED


def test_an_empty_or_over_long_statement_is_refused_and_the_text_kept(resident, conversation):
    with pytest.raises(Refused, match=r"^请写一条观点。$"):
        services.submit_statement(resident, conversation, "   ")
    long_text = "电梯" * 141
    page = _write(resident, conversation, long_text)
    assert page.status_code == 200
    assert page.context["form"].errors and long_text[:100] in page.content.decode()
    assert conversation.statements.count() == 8


def test_a_similar_statement_is_warned_about_before_it_is_sent(resident, conversation):
    page = _write(resident, conversation, "楼里老人越来越多，需要加装电梯了")
    assert page.status_code == 200
    assert [s.number for s in page.context["similar"]] == [1]
    assert conversation.statements.count() == 8  # not sent yet
    response = _write(resident, conversation, "楼里老人越来越多，需要加装电梯了", confirm="1")
    assert response.status_code == 302 and conversation.statements.count() == 9


def test_the_same_statement_twice_is_refused(resident, conversation):
    with pytest.raises(Refused, match=r"^讨论里已经有这条观点了。$"):
        services.submit_statement(resident, conversation, "费用分摊方案要公开。")


def test_moderation_accepts_or_rejects_with_a_reason_and_tells_the_author(
    resident, organiser, conversation
):
    kept = services.submit_statement(resident, conversation, "电梯要请物业定期检查。")
    dropped = services.submit_statement(resident, conversation, "某某就是想多要补偿。")
    url = f"/c/{conversation.community.slug}/opinions/{conversation.pk}/moderate/"
    client = client_for(organiser)
    assert client.post(url, {"statement": kept.pk, "decision": "accept"}).status_code == 302
    page = client.post(url, {"statement": dropped.pk, "decision": "reject", "reason": ""})
    assert page.status_code == 200  # a rejection needs its reason
    dropped.refresh_from_db()
    assert dropped.status == Statement.Status.PENDING
    client.post(url, {"statement": dropped.pk, "decision": "reject", "reason": "请不要点名"})
    kept.refresh_from_db()
    dropped.refresh_from_db()
    assert kept.status == Statement.Status.ACCEPTED
    assert dropped.status == Statement.Status.REJECTED and dropped.reason == "请不要点名"
    kinds = Notification.objects.filter(user=resident).values_list("kind", flat=True)
    assert list(kinds) == ["opinion_statement_moderated"] * 2


def test_an_organiser_s_statement_is_accepted_at_once(organiser, conversation):
    statement = services.submit_statement(organiser, conversation, "电梯要有无障碍按钮。")
    assert statement.status == Statement.Status.ACCEPTED


def test_statements_are_shown_in_the_reader_s_script(household, conversation):
    reader = make_person(
        conversation.community, "hk@test.org", household=household, language="zh-hant"
    )
    page = client_for(reader).get(f"/c/{conversation.community.slug}/opinions/{conversation.pk}/")
    assert "樓里老人越來越多" in page.content.decode()
