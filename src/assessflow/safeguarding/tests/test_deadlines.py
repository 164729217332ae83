"""DoLS time limits at their edges: the first and last day each statute allows, and a day either side."""

import datetime

import pytest

from assessflow.safeguarding import deadlines

D = datetime.date


def test_an_urgent_authorisation_lasts_from_one_to_seven_days():
    given = D(2027, 6, 1)
    assert deadlines.urgent_ends(given, 1) == given  # one day: it ends the day it is given
    assert deadlines.urgent_ends(given, 7) == D(2027, 6, 7)
    for days in (0, 8):
        with pytest.raises(deadlines.DeadlineRuleBroken, match="from 1 to 7 days"):
            deadlines.urgent_ends(given, days)


def test_an_extension_adds_from_one_to_seven_days_once():
    urgent_end = D(2027, 6, 7)
    assert deadlines.extended_ends(urgent_end, 1) == D(2027, 6, 8)
    assert deadlines.extended_ends(urgent_end, 7) == D(2027, 6, 14)
    for days in (0, 8):
        with pytest.raises(deadlines.DeadlineRuleBroken, match="from 1 to 7 days"):
            deadlines.extended_ends(urgent_end, days)
    with pytest.raises(deadlines.DeadlineRuleBroken, match="only once"):
        deadlines.extended_ends(urgent_end, 3, already_extended=True)


def test_an_urgent_authorisation_of_unstated_length_runs_its_full_seven_days():
    due = deadlines.dols_deadlines(received_on=D(2027, 6, 1), urgent_given_on=D(2027, 6, 1))
    assert due.urgent_until == due.decide_by == D(2027, 6, 7)
    shorter = deadlines.dols_deadlines(received_on=D(2027, 6, 1), urgent_given_on=D(2027, 6, 1), urgent_days=3)
    assert shorter.urgent_until == shorter.decide_by == D(2027, 6, 3)
    extended = deadlines.dols_deadlines(
        received_on=D(2027, 6, 1), urgent_given_on=D(2027, 6, 1), urgent_days=3, extension_days=2
    )
    assert extended.urgent_until == extended.decide_by == D(2027, 6, 5)


def test_a_standard_authorisation_may_last_a_single_day_and_never_end_before_it_starts():
    assert deadlines.authorisation_ends(D(2027, 6, 1), D(2027, 6, 1)) == D(2027, 6, 1)
    with pytest.raises(deadlines.DeadlineRuleBroken, match="cannot end before it starts"):
        deadlines.authorisation_ends(D(2027, 6, 1), D(2027, 5, 31))


def test_a_standard_authorisation_ends_before_the_anniversary_of_its_start():
    assert deadlines.authorisation_ends(D(2027, 5, 10), D(2028, 5, 9)) == D(2028, 5, 9)
    with pytest.raises(deadlines.DeadlineRuleBroken, match="end it by 9 May 2028"):
        deadlines.authorisation_ends(D(2027, 5, 10), D(2028, 5, 10))


def test_one_starting_on_29_february_may_run_to_28_february_the_next_year():
    assert deadlines.authorisation_ends(D(2028, 2, 29), D(2029, 2, 28)) == D(2029, 2, 28)
    with pytest.raises(deadlines.DeadlineRuleBroken, match="end it by 28 February 2029"):
        deadlines.authorisation_ends(D(2028, 2, 29), D(2029, 3, 1))


def test_the_reminder_falls_that_many_days_before_the_end():
    assert deadlines.reminder_due(D(2027, 6, 28), 28) == D(2027, 5, 31)


def test_something_raised_on_a_sunday_with_no_working_days_is_due_on_the_monday():
    assert deadlines.working_day_due(D(2026, 11, 29), 0) == D(2026, 11, 30)
