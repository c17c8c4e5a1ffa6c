"""The pure rules of asking and answering (linli/surveys/logic.py): no database."""

from __future__ import annotations

import re

import pytest

from linli.surveys import logic

DEFINITION = {
    "sections": [
        {
            "key": "s1",
            "show_if": None,
            "questions": [
                {"key": "q1", "kind": "single", "required": True, "options": ["yes", "no"]},
                {
                    "key": "q2",
                    "kind": "multiple",
                    "options": ["a", "b", "c"],
                    "max": 2,
                    "show_if": {"question": "q1", "any_of": ["yes"]},
                },
            ],
        },
        {
            "key": "s2",
            "show_if": {"question": "q2", "any_of": ["b"]},
            "questions": [{"key": "q3", "kind": "scale", "min": 1, "max": 5, "required": True}],
        },
        {
            "key": "s3",
            "show_if": None,
            "questions": [
                {"key": "q4", "kind": "ranking", "options": ["x", "y", "z"], "required": True},
                {"key": "q5", "kind": "matrix", "options": ["ok", "bad"], "rows": ["r1", "r2"]},
                {"key": "q6", "kind": "number", "min": 0, "max": 10},
                {"key": "q7", "kind": "short_text", "max_length": 5},
                {"key": "q8", "kind": "date"},
                {"key": "q9", "kind": "place", "places": [7, 8]},
            ],
        },
    ]
}


def test_a_question_is_asked_only_when_the_earlier_answer_matches():
    asked = logic.check(DEFINITION, {"q1": "no", "q4": ["x", "y", "z"]})
    assert asked.ok
    assert "q2" not in asked.visible_questions and "s2" not in asked.visible_sections
    # The section hangs on q2, which hangs on q1: a chain of conditions.
    chained = logic.check(DEFINITION, {"q1": "yes", "q2": ["b"], "q4": ["x", "y", "z"]})
    assert chained.problems == {"q3": ("required", {})}


def test_an_answer_to_a_hidden_question_is_refused_not_stored():
    checked = logic.check(DEFINITION, {"q1": "no", "q2": ["a"], "q4": ["x", "y", "z"]})
    assert checked.problems == {"q2": ("hidden", {})}
    assert "q2" not in checked.answers


def test_unknown_questions_and_forged_options_are_refused():
    checked = logic.check(DEFINITION, {"q1": "maybe", "q99": "x", "q4": ["x", "y", "z"]})
    assert checked.problems["q1"] == ("not_an_option", {})
    assert checked.problems["q99"] == ("unknown_question", {})


@pytest.mark.parametrize(
    ("key", "raw", "code"),
    [
        ("q2", ["a", "b", "c"], "too_many"),
        ("q3", "6", "out_of_range"),
        ("q3", "2.5", "not_a_whole_number"),
        ("q6", "abc", "not_a_number"),
        ("q6", "nan", "not_a_number"),
        ("q7", "toolong", "too_long"),
        ("q8", "2026-13-01", "not_a_date"),
        ("q9", "9", "not_a_place"),
        ("q4", {"x": "1", "y": "3", "z": ""}, "ranking_gaps"),
        ("q4", ["x", "y"], "rank_all"),
        ("q5", {"r1": "ok", "r3": "bad"}, "unknown_row"),
    ],
)
def test_bad_values_get_a_code(key, raw, code):
    answers = {"q1": "yes", "q2": ["b"], "q3": "3", "q4": ["x", "y", "z"], key: raw}
    assert logic.check(DEFINITION, answers).problems[key][0] == code


def test_values_come_back_canonical():
    checked = logic.check(
        DEFINITION,
        {
            "q1": "yes",
            "q2": ["b", "a"],
            "q3": "4",
            "q4": {"x": "2", "y": "1", "z": "3"},
            "q5": {"r1": "ok", "r2": ""},
            "q6": "7.5",
            "q7": " hi ",
            "q8": "2026-05-20",
            "q9": "8",
        },
    )
    assert checked.ok, checked.problems
    assert checked.answers == {
        "q1": "yes",
        "q2": ["a", "b"],
        "q3": 4,
        "q4": ["y", "x", "z"],
        "q5": {"r1": "ok"},
        "q6": 7.5,
        "q7": "hi",
        "q8": "2026-05-20",
        "q9": 8,
    }


def test_a_draft_may_leave_required_questions_empty():
    assert logic.check(DEFINITION, {}, partial=True).ok
    assert logic.check(DEFINITION, {}).problems.keys() == {"q1", "q4"}


def test_checking_one_page_asks_only_for_its_required_answers():
    assert logic.check(DEFINITION, {"q1": "yes"}, sections=["s1"]).ok


def test_paging_skips_sections_that_do_not_apply():
    assert logic.next_section(DEFINITION, {"q1": "yes", "q2": ["a"]}, "s1") == "s3"
    assert logic.next_section(DEFINITION, {"q1": "yes", "q2": ["b"]}, "s1") == "s2"
    assert logic.previous_section(DEFINITION, {"q1": "no"}, "s3") == "s1"
    assert logic.next_section(DEFINITION, {}, "s3") is None


def test_answers_to_questions_no_longer_asked_are_dropped():
    assert logic.drop_hidden(DEFINITION, {"q1": "no", "q2": ["b"], "q3": 2}) == {"q1": "no"}


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (
            {
                "sections": [
                    {
                        "key": "s1",
                        "questions": [
                            {
                                "key": "q1",
                                "kind": "single",
                                "options": ["a"],
                                "show_if": {"question": "q2", "any_of": ["a"]},
                            },
                            {"key": "q2", "kind": "single", "options": ["a"]},
                        ],
                    }
                ]
            },
            "question q1: its condition must refer to an earlier question",
        ),
        (
            {
                "sections": [
                    {
                        "key": "s1",
                        "questions": [
                            {"key": "q1", "kind": "number"},
                            {
                                "key": "q2",
                                "kind": "single",
                                "options": ["a"],
                                "show_if": {"question": "q1", "any_of": ["3"]},
                            },
                        ],
                    }
                ]
            },
            "question q2: a condition needs a single or multiple choice question",
        ),
        (
            {
                "sections": [
                    {
                        "key": "s1",
                        "questions": [
                            {"key": "q1", "kind": "single", "options": ["a"]},
                            {"key": "q1", "kind": "number"},
                        ],
                    }
                ]
            },
            "question key 'q1' is used twice",
        ),
        (
            {
                "sections": [
                    {
                        "key": "s1",
                        "questions": [
                            {"key": "q1", "kind": "single", "options": ["a"]},
                            {
                                "key": "q2",
                                "kind": "number",
                                "show_if": {"question": "q1", "any_of": ["zz"]},
                            },
                        ],
                    }
                ]
            },
            "question q2: its condition names options the question does not have",
        ),
    ],
)
def test_definitions_that_cannot_be_asked_are_refused(broken, message):
    with pytest.raises(logic.DefinitionError, match=f"^{re.escape(message)}$"):
        logic.validate_definition(broken)
