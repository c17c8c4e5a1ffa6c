"""Staff print the statement sheet and type in a resident's marks, one line per statement."""

from __future__ import annotations

from linli.opinions.models import Vote
from linli.participation.models import Act, Depth
from tests.conftest import client_for
from tests.opinions.conftest import residents_without_accounts


def _url(conversation, page):
    return f"/c/{conversation.community.slug}/opinions/{conversation.pk}/{page}/"


def test_the_printed_sheet_numbers_every_accepted_statement(organiser, conversation):
    page = client_for(organiser).get(_url(conversation, "sheet")).content.decode()
    for statement in conversation.statements.all():
        assert f"<td>{statement.number}</td>" in page and statement.text in page


def test_a_paper_sheet_is_entered_for_a_resident_without_an_account(organiser, conversation):
    (grandmother,) = residents_without_accounts(conversation.community, 1)
    lines = {"s1": "同意", "s2": "×", "s3": "", "s4": "1", "s5": "-1", "s6": "跳过"}
    response = client_for(organiser).post(
        _url(conversation, "paper"), {"member": grandmother.pk, "channel": "paper", **lines}
    )
    assert response.status_code == 302
    votes = dict(Vote.objects.filter(member=grandmother).values_list("statement__number", "choice"))
    assert votes == {1: 1, 2: -1, 4: 1, 5: -1, 6: 0}
    assert set(Vote.objects.filter(member=grandmother).values_list("channel", flat=True)) == {
        "paper"
    }
    act = Act.objects.get(member=grandmother, method="opinions")
    assert act.channel == "paper" and act.depth == Depth.CONSULTED
    assert act.recorded_by == organiser


def test_a_bad_line_is_marked_and_nothing_typed_is_lost(organiser, conversation):
    (grandmother,) = residents_without_accounts(conversation.community, 1)
    lines = {"s1": "同意", "s2": "maybe", "s3": "不同意"}
    page = client_for(organiser).post(
        _url(conversation, "paper"), {"member": grandmother.pk, "channel": "paper", **lines}
    )
    assert page.status_code == 200
    form = page.context["form"]
    assert list(form.errors) == ["s2"]
    html = page.content.decode()
    assert 'value="同意"' in html and 'value="maybe"' in html and 'value="不同意"' in html
    assert 'class="has-error"' in html
    assert not Vote.objects.filter(member=grandmother).exists()


def test_an_empty_sheet_is_refused(organiser, conversation):
    (grandmother,) = residents_without_accounts(conversation.community, 1)
    page = client_for(organiser).post(
        _url(conversation, "paper"), {"member": grandmother.pk, "channel": "paper"}
    )
    assert page.status_code == 200 and page.context["form"].non_field_errors()
