"""The personal budget's arithmetic: every frequency turned into a week, halves rounded up once per line, one-off
costs kept apart, and the person's contribution before and after it is assessed."""

from decimal import Decimal

import pytest

from assessflow.assessments import costs
from assessflow.assessments.models import Frequency


def line(cost_pence: int, units: str | int = 1, frequency: str = "week") -> costs.Line:
    return costs.Line(cost_pence=cost_pence, units=Decimal(str(units)), frequency=frequency)


def test_the_frequencies_are_the_models_and_each_recurring_one_has_its_weeks():
    assert set(costs.WEEKS_IN) | {costs.ONCE} == set(Frequency.values)


@pytest.mark.parametrize(
    ("cost", "units", "frequency", "weekly"),
    [
        (2_550, "10", "week", 25_500),  # ten hours of home care at £25.50
        (2_550, "7.5", "week", 19_125),
        (80_000, "1", "four_weeks", 20_000),  # £800 every four weeks
        (52_000, "1", "month", 12_000),  # £520 a month: a year of £6,240 over 52 weeks
        (5_200_000, "1", "year", 100_000),  # £52,000 a year
        (75_000, "1", "week", 75_000),
    ],
)
def test_each_frequency_is_turned_into_a_weekly_cost(cost, units, frequency, weekly):
    assert costs.weekly_pence(line(cost, units, frequency)) == weekly


def test_a_month_is_twelve_fifty_seconds_of_a_year():
    # £100 a month is £1,200 a year, £23.0769... a week: £23.08.
    assert costs.weekly_pence(line(10_000, 1, "month")) == 2_308


@pytest.mark.parametrize(
    ("cost", "units", "frequency", "weekly"),
    [
        (1, "0.5", "week", 1),  # half a penny rounds up
        (3, "0.5", "week", 2),  # 1.5p rounds up
        (2, "0.25", "week", 1),  # 0.5p again
        (1, "0.49", "week", 0),  # under a half rounds down
        (2, "1", "four_weeks", 1),  # 0.5p a week
        (6, "1", "four_weeks", 2),  # 1.5p a week
        (5, "1", "four_weeks", 1),  # 1.25p a week rounds down
        (26, "1", "year", 1),  # 0.5p a week
        (78, "1", "year", 2),  # 1.5p a week
    ],
)
def test_a_half_penny_rounds_up_and_less_rounds_down(cost, units, frequency, weekly):
    assert costs.weekly_pence(line(cost, units, frequency)) == weekly


def test_rounding_is_once_per_line_not_on_the_total():
    # Each line is 0.5p a week and rounds to 1p; rounding the sum (1p) instead would give 1p, not 2p.
    found = costs.budget([line(2, 1, "four_weeks"), line(2, 1, "four_weeks")])
    assert found.weekly_pence == 2


def test_a_one_off_is_not_in_the_weekly_cost_and_is_counted_apart():
    grab_rails = line(45_000, 1, "once")
    assert costs.weekly_pence(grab_rails) == 0
    assert costs.one_off_pence(grab_rails) == 45_000
    assert costs.one_off_pence(line(2_550, 10, "week")) == 0


def test_a_one_off_of_several_units_rounds_half_up():
    assert costs.one_off_pence(line(1, "2.5", "once")) == 3
    assert costs.one_off_pence(line(1_999, "3", "once")) == 5_997


def test_the_budget_adds_recurring_lines_by_the_week_and_one_offs_apart():
    found = costs.budget(
        [line(2_550, 10, "week"), line(80_000, 1, "four_weeks"), line(45_000, 1, "once"), line(12_000, 2, "once")]
    )
    assert found.weekly_pence == 25_500 + 20_000
    assert found.one_off_pence == 45_000 + 24_000
    assert found.yearly_pence == 45_500 * 52 + 69_000


def test_an_empty_plan_costs_nothing():
    found = costs.budget([])
    assert (found.weekly_pence, found.one_off_pence, found.yearly_pence) == (0, 0, 0)


def test_until_the_contribution_is_assessed_neither_share_is_known():
    found = costs.budget([line(2_550, 10)])
    assert found.contribution_pence is None
    assert found.council_weekly_pence is None


def test_the_council_pays_what_the_person_does_not():
    found = costs.budget([line(2_550, 10)], contribution_pence=5_000)
    assert found.council_weekly_pence == 20_500


def test_a_contribution_of_nothing_leaves_the_council_the_whole_cost():
    assert costs.budget([line(2_550, 10)], contribution_pence=0).council_weekly_pence == 25_500


def test_a_contribution_over_the_cost_leaves_the_council_nothing_not_less():
    found = costs.budget([line(2_550, 10)], contribution_pence=30_000)
    assert found.council_weekly_pence == 0


def test_the_budget_takes_any_iterable_once():
    found = costs.budget(iter([line(100, 1), line(100, 1, "once")]))
    assert (found.weekly_pence, found.one_off_pence) == (100, 100)
