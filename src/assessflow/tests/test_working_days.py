import datetime

from assessflow.core.working_days import add_working_days, is_working_day, working_days_between


def test_weekends_and_englands_bank_holidays_do_not_count():
    assert not is_working_day(datetime.date(2026, 12, 25))
    assert not is_working_day(datetime.date(2026, 12, 28)), "Boxing Day observed"
    assert not is_working_day(datetime.date(2026, 11, 28)), "a Saturday"
    # Thursday 24 December + 2 working days skips Christmas, the weekend and the observed Boxing Day.
    assert add_working_days(datetime.date(2026, 12, 24), 2) == datetime.date(2026, 12, 30)


def test_counting_between_two_dates():
    assert working_days_between(datetime.date(2026, 11, 27), datetime.date(2026, 12, 4)) == 5
    assert working_days_between(datetime.date(2026, 12, 4), datetime.date(2026, 11, 27)) == -5
