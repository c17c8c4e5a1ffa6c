"""The grouping of similar reports: pure functions, no database."""

from __future__ import annotations

from linli.feedback.grouping import Candidate, alike, best_match, bigrams, count_by_courtyard


def test_bigrams_of_chinese_and_latin_text_leave_filler_words_out():
    assert bigrams("院坝积水 WiFi") == {"院坝", "坝积", "积水", "wifi"}
    assert "居民" not in bigrams("居民反映积水")


def test_the_same_problem_in_other_words_is_alike_and_another_problem_is_not():
    assert alike("梧桐院2栋门口一下雨就积水", "下雨后院坝积水排不出去")
    assert alike("院坝积水，蚊子多", "雨水排不出去，院坝积水很深")
    assert not alike("3栋楼下的路灯坏了，晚上很黑", "下雨后院坝积水排不出去")
    assert not alike("", "积水")


def test_a_report_joins_the_item_of_the_same_place_and_category_only():
    items = [
        Candidate(1, "梧桐院", "drainage", ["院坝积水"]),
        Candidate(2, "银杏院", "drainage", ["下雨积水"]),
        Candidate(3, "梧桐院", "safety", ["下雨积水路滑"]),
    ]
    assert best_match("一下雨院坝就积水", "梧桐院", "drainage", items) == 1
    assert best_match("一下雨院坝就积水", "银杏院", "drainage", items) == 2
    assert best_match("一下雨院坝就积水", "石榴院", "drainage", items) is None
    assert best_match("路灯坏了", "梧桐院", "drainage", items) is None


def test_the_most_alike_item_wins():
    items = [
        Candidate(1, None, "environment", ["垃圾桶满了"]),
        Candidate(2, None, "environment", ["垃圾清运不及时，垃圾桶满了没人管"]),
    ]
    assert best_match("垃圾清运不及时", None, "environment", items) == 2


def test_counts_by_courtyard_count_reports_and_distinct_households():
    rows = [("梧桐院", 1), ("梧桐院", 1), ("梧桐院", 2), ("银杏院", 3), ("银杏院", None)]
    counted = count_by_courtyard(rows)
    assert [(c.courtyard, c.reports, c.households) for c in counted] == [
        ("梧桐院", 3, 2),
        ("银杏院", 2, 1),
    ]
