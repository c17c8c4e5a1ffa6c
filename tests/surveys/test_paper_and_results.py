"""Staff enter paper answers; results count them with the rest; exports are checked cell by cell."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from linli.core.models import Member, Place, Role
from linli.core.services import ServiceError
from linli.participation.models import Act
from linli.surveys import exports, results, services
from linli.surveys.models import Response, Survey
from tests.conftest import make_household, make_person

from .conftest import en_client, full_survey, good_answers


def member(user, community):
    return Member.objects.get(user=user, community=community)


def test_staff_enter_a_paper_form_with_its_channel_and_their_name(
    survey, community, leader, resident
):
    me = member(resident, community)
    response = services.enter_on_paper(
        leader,
        survey,
        good_answers(community),
        channel="door_to_door",
        member=me,
        paper_ref="A-001",
    )
    assert (response.channel, response.entered_by, response.paper_ref) == (
        "door_to_door",
        leader,
        "A-001",
    )
    act = Act.objects.get(member=me, method="survey")
    assert act.channel == "door_to_door" and act.recorded_by == leader
    # In an identified survey the resident may then correct their own answers online...
    assert services.submit(me.user, survey, good_answers(community)).replaced
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_paper_answer_counts_as_the_residents_one_answer(community, organiser, leader, resident):
    anonymous = full_survey(community, organiser, Survey.Mode.ANONYMOUS)
    me = member(resident, community)
    response = services.enter_on_paper(
        leader, anonymous, good_answers(community), channel="paper", member=me
    )
    assert response.member is None
    with pytest.raises(ServiceError, match="already answered"):
        services.submit(me.user, anonymous, good_answers(community))
    with pytest.raises(ServiceError, match="already answered"):
        services.enter_on_paper(
            leader, anonymous, good_answers(community), channel="phone", member=me
        )


def test_duplicates_are_warned_and_need_confirmation(survey, community, leader):
    answers = good_answers(community)
    services.enter_on_paper(leader, survey, answers, channel="paper", paper_ref="A-7")
    with pytest.raises(services.PossibleDuplicate, match="A-7 was entered already"):
        services.enter_on_paper(
            leader, survey, {**answers, "q4": 1}, channel="paper", paper_ref="A-7"
        )
    with pytest.raises(services.PossibleDuplicate, match="exactly the same answers"):
        services.enter_on_paper(leader, survey, answers, channel="paper", paper_ref="A-8")
    services.enter_on_paper(
        leader, survey, answers, channel="paper", paper_ref="A-8", confirmed_duplicate=True
    )
    assert Response.objects.filter(survey=survey).count() == 2


def test_paper_entry_page_keyboard_flow_and_warnings(survey, community, leader):
    client = en_client(leader)
    url = f"/c/{community.slug}/surveys/{survey.pk}/enter/"
    assert client.get(url).status_code == 200
    form = {"channel": "paper", "paper_ref": "B-1", "q1": "o2", "q5": "81"}
    saved = client.post(url, form)
    assert saved.status_code == 302 and "channel=paper" in saved.url
    again = client.post(url, form)
    assert again.status_code == 400 and "B-1 was entered already" in again.content.decode()
    bad = client.post(url, {**form, "paper_ref": "B-2", "q5": "200"})
    assert bad.status_code == 400 and "from 0 to 120" in bad.content.decode()
    wrong_channel = client.post(url, {**form, "paper_ref": "B-3", "channel": "online"})
    assert wrong_channel.status_code == 400
    assert Response.objects.filter(survey=survey).count() == 1


def test_paper_entry_refused_to_residents_and_for_other_communities(
    survey, community, resident, outsider, leader
):
    with pytest.raises(Exception, match=r"^surveys\.enter_paper$"):
        services.enter_on_paper(resident, survey, good_answers(community), channel="paper")
    other_member = Member.objects.get(user=outsider)
    with pytest.raises(ServiceError, match="not a member"):
        services.enter_on_paper(
            leader, survey, good_answers(community), channel="paper", member=other_member
        )


@pytest.fixture
def answered(survey, community, organiser, leader):
    """12 online answers from 梧桐院 residents, 3 paper forms from 石榴院 (a small group)."""
    people = []
    for i in range(12):
        home = make_household(community, ["梧桐院", "2栋", "1单元", f"{i + 1:02d}"])
        people.append(
            member(make_person(community, f"r{i}@test.org", Role.RESIDENT, home), community)
        )
    for i, person in enumerate(people):
        services.submit(
            person.user,
            survey,
            {
                **good_answers(community),
                "q1": "o1" if i < 9 else "o2",
                **({"q3": ["o1"], "q4": 2} if i < 9 else {"q3": None, "q4": None}),
            }
            if i < 9
            else {"q1": "o2", "q5": 30 + i},
        )
    shiliu = make_household(community, ["石榴院", "1栋", "1单元", "01"]).area
    for i in range(3):
        services.enter_on_paper(
            leader,
            survey,
            {"q1": "o2", "q10": f"纸质{i}"},
            channel="paper",
            area=shiliu,
            paper_ref=f"P{i}",
        )
    return survey


def test_results_count_every_channel(answered, community):
    outcome = results.compute(answered)
    assert outcome.total == 15
    q1 = outcome.questions[0]
    assert [(r.label, r.count) for r in q1.rows] == [("Yes", 9), ("No", 6)]
    assert q1.answered == 15
    q3 = outcome.questions[2]
    assert [(r.label, r.count) for r in q3.rows] == [
        ("Puddles", 9),
        ("Too dark", 0),
        ("No seats", 0),
    ]
    assert outcome.questions[3].stats["mean"] == 2
    texts = outcome.questions[9].texts
    # Nine online answers and the three paper ones, each text once.
    assert sorted(texts) == ["多装灯"] * 9 + ["纸质0", "纸质1", "纸质2"]


def test_small_groups_are_hidden(answered):
    choices = results.filter_choices(answered)
    # Paper has only 3 and 石榴院 only 3; offering "online" (12) or 梧桐院 (12) would reveal
    # those 3 by subtraction from the whole (15), so neither dimension is offered.
    assert choices["channel"] == []
    assert choices["area"] == []
    shiliu = Place.objects.get(name="石榴院")
    hidden = results.compute(answered, results.Filters(area=shiliu.pk))
    assert hidden.hidden_small_group and hidden.questions == []


def test_a_hand_made_filter_url_cannot_reach_a_small_group(answered, community, organiser):
    shiliu = Place.objects.get(name="石榴院")
    page = (
        en_client(organiser)
        .get(f"/c/{community.slug}/surveys/{answered.pk}/results/?area={shiliu.pk}")
        .content.decode()
    )
    assert "15 responses" in page


def test_public_summary_hides_written_answers_until_the_organiser_chooses(
    answered, community, organiser, resident
):
    url = f"/c/{community.slug}/surveys/{answered.pk}/results/"
    assert en_client(resident).get(url).status_code == 403
    services.publish_results(organiser, answered, free_text=False)
    page = en_client(resident).get(url).content.decode()
    assert "Puddles" in page and "纸质0" not in page and "not published here" in page
    assert "纸质0" in en_client(organiser).get(url).content.decode()
    services.publish_results(organiser, answered, free_text=True)
    assert "纸质0" in en_client(resident).get(url).content.decode()


def test_xlsx_export_cell_by_cell(answered, community, organiser):
    response = en_client(organiser).get(
        f"/c/{community.slug}/surveys/{answered.pk}/export.xlsx?lang=en"
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = rows[0]
    assert header[:6] == ["response", "day", "channel", "courtyard", "language", "resident"]
    assert header[6:12] == [
        "Q1 Do you use the courtyard?",
        "Q2 What do you do there?",
        "Q3 What is wrong?: Puddles",
        "Q3 What is wrong?: Too dark",
        "Q3 What is wrong?: No seats",
        "Q4 Satisfaction",
    ]
    assert header[12:] == [
        "Q5 Your age",
        "Q6 What first: Drainage",
        "Q6 What first: Lighting",
        "Q6 What first: Seats",
        "Q7 Good times: Day",
        "Q7 Good times: Evening",
        "Q8 Which day suits you",
        "Q9 Your courtyard",
        "Q10 One suggestion",
    ]
    assert len(rows) == 16
    by_name = {row[5]: row for row in rows[1:] if row[5]}
    first = by_name["r0"]
    assert first[2] == "online" and first[3] == "梧桐院"
    assert first[6:12] == ["Yes", "晒太阳", 1, 0, 0, 2]
    assert first[12:] == [67, 2, 1, None, "Yes", "No", "2026-12-01", "梧桐院", "多装灯"]
    nine = by_name["r9"]
    assert nine[6] == "No" and nine[8:11] == [None, None, None] and nine[12] == 39
    paper = [row for row in rows[1:] if row[2] == "paper"]
    assert (
        len(paper) == 3
        and {row[3] for row in paper} == {"石榴院"}
        and {row[5] for row in paper} == {None}
    )


def test_csv_export_in_chinese(answered, community, organiser):
    response = en_client(organiser).get(
        f"/c/{community.slug}/surveys/{answered.pk}/export.csv?lang=zh-hans"
    )
    body = b"".join(response.streaming_content)  # streamed: constant memory (issue 23)
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][6] == "Q1 您常去院坝吗？" and rows[0][8] == "Q3 有哪些问题？: 积水"
    assert len(rows) == 16


def test_results_and_export_take_a_constant_number_of_queries(
    answered, community, organiser, leader
):
    def queries(action):
        with CaptureQueriesContext(connection) as captured:
            action()
        return len(captured)

    few = (
        queries(lambda: results.compute(answered)),
        queries(lambda: exports.as_xlsx(answered, "en")),
    )
    for i in range(10):
        services.enter_on_paper(
            leader,
            answered,
            {**good_answers(community), "q5": i},
            channel="paper",
            paper_ref=f"X{i}",
        )
    assert (
        queries(lambda: results.compute(answered)),
        queries(lambda: exports.as_xlsx(answered, "en")),
    ) == few


def test_definition_round_trip_and_bad_files(survey, community, organiser):
    data = exports.definition_json(survey)
    client = en_client(organiser)
    downloaded = client.get(f"/c/{community.slug}/surveys/{survey.pk}/definition.json")
    assert json.loads(downloaded.content) == data
    upload = io.BytesIO(json.dumps(data, ensure_ascii=False).encode())
    upload.name = "survey.json"
    response = client.post(
        f"/c/{community.slug}/surveys/import/",
        {"file": upload, "opens_at": "2026-12-01T09:00", "closes_at": "2026-12-20T18:00"},
    )
    assert response.status_code == 302
    copy = Survey.objects.exclude(pk=survey.pk).get()
    assert copy.status == "draft" and exports.definition_json(copy) == data
    broken = {
        **data,
        "sections": [
            {
                "key": "s1",
                "questions": [
                    {
                        "key": "q1",
                        "kind": "single",
                        "options": [],
                        "show_if": {"question": "q5", "any_of": ["o1"]},
                    }
                ],
            }
        ],
    }
    for content, message in [
        (b"not json", "not valid JSON"),
        (json.dumps({"hello": 1}).encode(), "not a survey definition"),
        (json.dumps(broken).encode(), "cannot be used"),
    ]:
        upload = io.BytesIO(content)
        upload.name = "x.json"
        page = client.post(
            f"/c/{community.slug}/surveys/import/",
            {"file": upload, "opens_at": "2026-12-01T09:00", "closes_at": "2026-12-20T18:00"},
        )
        assert page.status_code == 200 and message in page.content.decode()
    assert Survey.objects.count() == 2


def test_paper_pdf_in_each_language(survey, community, resident):
    for language in ["zh-hans", "zh-hant", "en"]:
        response = en_client(resident).get(
            f"/c/{community.slug}/surveys/{survey.pk}/paper/{language}.pdf"
        )
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert (
        en_client(resident).get(f"/c/{community.slug}/surveys/{survey.pk}/paper/fr.pdf").status_code
        == 404
    )


def test_every_response_writes_the_ledger_as_consulted(answered):
    acts = Act.objects.filter(
        method="survey", source_type="surveys.survey", source_id=str(answered.pk)
    )
    assert acts.count() == 12 and set(acts.values_list("depth", flat=True)) == {2}
    assert Survey.objects.get(pk=answered.pk).mode == Survey.Mode.IDENTIFIED


def test_bars_are_as_long_as_their_share(answered, community, organiser):
    """9 of 15 said yes: the bar is 60% long, not full width because it is the largest."""
    page = en_client(organiser).get(f"/c/{community.slug}/surveys/{answered.pk}/results/")
    html = page.content.decode()
    assert 'style="width:60%"' in html and 'style="width:40%"' in html
    rows = results._rows([("yes", 1), ("no", 1)], 2)
    assert [row.width for row in rows] == ["50%", "50%"]
    # a ranking: points out of the most an option could get (first of 3 by everyone)
    assert results._rows([("a", 3), ("b", 1)], 1, 3)[0].width == "100%"
