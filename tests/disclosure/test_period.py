"""The 公示 rule, pure."""

from datetime import date

from linli.disclosure import period


def test_final_only_after_the_period_and_every_answer():
    ends = period.ends_on(date(2026, 12, 1), 7)
    assert ends == date(2026, 12, 7)
    assert period.may_object(date(2026, 12, 7), ends)
    assert not period.ready_to_be_final(date(2026, 12, 7), ends, 0)
    assert not period.ready_to_be_final(date(2026, 12, 8), ends, 1)
    assert period.ready_to_be_final(date(2026, 12, 8), ends, 0)
    assert period.waiting_for(date(2026, 12, 8), ends, 1) == "answers"
