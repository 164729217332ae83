"""DoLS deadlines as docs/law-and-rules.md states them: day 1 is the first day; a deadline is the end of its last."""

import datetime

import pytest

from assessflow.safeguarding import deadlines, duty

D = datetime.date


def test_a_standard_request_is_decided_by_the_end_of_day_21():
    due = deadlines.dols_deadlines(received_on=D(2027, 3, 1))
    assert due.decide_by == D(2027, 3, 21)
    assert due.urgent_until is None


def test_an_urgent_authorisation_that_ends_before_day_21_brings_the_deadline_forward():
    due = deadlines.dols_deadlines(received_on=D(2027, 3, 1), urgent_given_on=D(2027, 3, 1), urgent_days=7)
    assert due.urgent_until == D(2027, 3, 7)
    assert due.decide_by == D(2027, 3, 7)


def test_an_extension_of_seven_days_runs_to_the_end_of_day_14():
    due = deadlines.dols_deadlines(
        received_on=D(2027, 3, 1), urgent_given_on=D(2027, 3, 1), urgent_days=7, extension_days=7
    )
    assert due.urgent_until == D(2027, 3, 14)
    assert due.decide_by == D(2027, 3, 14)


def test_a_shorter_urgent_authorisation_ends_sooner():
    assert deadlines.urgent_ends(D(2027, 3, 1), 3) == D(2027, 3, 3)


@pytest.mark.parametrize("days", [0, 8, 14])
def test_an_urgent_authorisation_over_seven_days_is_refused(days):
    with pytest.raises(deadlines.DeadlineRuleBroken, match="from 1 to 7 days"):
        deadlines.urgent_ends(D(2027, 3, 1), days)


def test_an_extension_over_seven_days_or_a_second_extension_is_refused():
    with pytest.raises(deadlines.DeadlineRuleBroken, match="from 1 to 7 days"):
        deadlines.extended_ends(D(2027, 3, 7), 8)
    with pytest.raises(deadlines.DeadlineRuleBroken, match="only once"):
        deadlines.extended_ends(D(2027, 3, 14), 3, already_extended=True)


@pytest.mark.parametrize(
    ("received", "decide_by"),
    [
        (D(2026, 12, 20), D(2027, 1, 9)),  # across the year end
        (D(2027, 1, 31), D(2027, 2, 20)),  # across a month end
        (D(2027, 2, 15), D(2027, 3, 7)),  # across February in a common year
        (D(2028, 2, 15), D(2028, 3, 6)),  # and in a leap year
    ],
)
def test_deadlines_cross_month_and_year_ends(received, decide_by):
    assert deadlines.dols_deadlines(received_on=received).decide_by == decide_by


def test_an_urgent_authorisation_across_the_year_end_and_a_leap_day():
    assert deadlines.urgent_ends(D(2026, 12, 28), 7) == D(2027, 1, 3)
    assert deadlines.urgent_ends(D(2028, 2, 25), 7) == D(2028, 3, 2)


def test_a_breach_is_a_decision_after_the_last_day_or_none_by_today():
    due = deadlines.dols_deadlines(received_on=D(2027, 3, 1))
    assert not due.breached(decided_on=D(2027, 3, 21), today=D(2027, 4, 1))
    assert due.breached(decided_on=D(2027, 3, 22), today=D(2027, 4, 1))
    assert not due.breached(decided_on=None, today=D(2027, 3, 21))
    assert due.breached(decided_on=None, today=D(2027, 3, 22))


def test_a_standard_authorisation_lasts_at_most_a_year():
    assert deadlines.authorisation_ends(D(2027, 3, 1), D(2028, 2, 29)) == D(2028, 2, 29)
    with pytest.raises(deadlines.DeadlineRuleBroken, match="at most 12 months"):
        deadlines.authorisation_ends(D(2027, 3, 1), D(2028, 3, 1))


def test_the_s42_duty_needs_all_three_parts():
    assert duty.s42_duty_applies(has_care_needs=True, abuse_or_risk=True, unable_to_protect=True)
    for missing in range(3):
        parts = [True, True, True]
        parts[missing] = False
        assert not duty.s42_duty_applies(has_care_needs=parts[0], abuse_or_risk=parts[1], unable_to_protect=parts[2])


def test_safeguarding_timescales_count_working_days_and_bank_holidays():
    friday_before_easter = D(2027, 3, 26)  # Good Friday is a bank holiday
    assert deadlines.working_day_due(friday_before_easter, 0) == D(2027, 3, 30)  # Easter Monday too
    assert deadlines.working_day_due(D(2027, 3, 24), 5) == D(2027, 4, 2)
    assert deadlines.working_day_due(D(2026, 11, 27), 0) == D(2026, 11, 27)


def test_an_authorisation_of_whole_months_ends_the_day_before_the_same_date():
    from assessflow.safeguarding.services.dols import last_day_of_months

    assert last_day_of_months(D(2027, 3, 1), 12) == D(2028, 2, 29)
    assert last_day_of_months(D(2027, 1, 15), 1) == D(2027, 2, 14)
    assert last_day_of_months(D(2027, 1, 31), 1) == D(2027, 2, 28)  # no 31 February: the month's last day
    assert last_day_of_months(D(2024, 2, 29), 12) == D(2025, 2, 28)
    assert last_day_of_months(D(2026, 11, 30), 3) == D(2027, 2, 28)
