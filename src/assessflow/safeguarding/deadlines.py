"""DoLS deadlines (Mental Capacity Act 2005, Schedule A1) and safeguarding timescales: pure functions, no database.

DoLS periods count the day they begin as day 1, and a deadline is the end of its last
day (docs/law-and-rules.md): a request received on 1 March is decided by the end of 21 March.
"""

import datetime
from dataclasses import dataclass

from assessflow.core.working_days import add_working_days, is_working_day

URGENT_MAX_DAYS = 7
EXTENSION_MAX_DAYS = 7
STANDARD_DECISION_DAYS = 21


class DeadlineRuleBroken(ValueError):
    """An urgent authorisation, extension or standard authorisation the statute does not allow."""


def last_day(first_day: datetime.date, days: int) -> datetime.date:
    """The last day of a period of `days` days beginning with `first_day`."""
    return first_day + datetime.timedelta(days=days - 1)


def urgent_ends(given_on: datetime.date, days: int) -> datetime.date:
    if not 1 <= days <= URGENT_MAX_DAYS:
        raise DeadlineRuleBroken(f"An urgent authorisation lasts from 1 to {URGENT_MAX_DAYS} days")
    return last_day(given_on, days)


def extended_ends(urgent_end: datetime.date, extension_days: int, *, already_extended: bool = False) -> datetime.date:
    if already_extended:
        raise DeadlineRuleBroken("An urgent authorisation can be extended only once")
    if not 1 <= extension_days <= EXTENSION_MAX_DAYS:
        raise DeadlineRuleBroken(f"An extension lasts from 1 to {EXTENSION_MAX_DAYS} days")
    return urgent_end + datetime.timedelta(days=extension_days)


@dataclass(frozen=True)
class DolsDeadlines:
    decide_by: datetime.date
    urgent_until: datetime.date | None

    def breached(self, *, decided_on: datetime.date | None, today: datetime.date) -> bool:
        return (decided_on or today) > self.decide_by


def dols_deadlines(
    *,
    received_on: datetime.date,
    urgent_given_on: datetime.date | None = None,
    urgent_days: int | None = None,
    extension_days: int | None = None,
) -> DolsDeadlines:
    """A standard authorisation is decided within 21 days of the request, or before an urgent one in force ends."""
    decide_by = last_day(received_on, STANDARD_DECISION_DAYS)
    urgent_until = None
    if urgent_given_on is not None:
        urgent_until = urgent_ends(urgent_given_on, urgent_days or URGENT_MAX_DAYS)
        if extension_days:
            urgent_until = extended_ends(urgent_until, extension_days)
        decide_by = min(decide_by, urgent_until)
    return DolsDeadlines(decide_by=decide_by, urgent_until=urgent_until)


def authorisation_ends(starts_on: datetime.date, ends_on: datetime.date) -> datetime.date:
    """A standard authorisation lasts at most one year: its last day is before the anniversary of its start."""
    if ends_on < starts_on:
        raise DeadlineRuleBroken("An authorisation cannot end before it starts")
    try:
        anniversary = starts_on.replace(year=starts_on.year + 1)
    except ValueError:  # 29 February
        anniversary = datetime.date(starts_on.year + 1, 3, 1)
    if ends_on >= anniversary:
        latest = anniversary - datetime.timedelta(days=1)
        raise DeadlineRuleBroken(f"A standard authorisation lasts at most 12 months: end it by {latest:%-d %B %Y}")
    return ends_on


def reminder_due(ends_on: datetime.date, reminder_days: int) -> datetime.date:
    return ends_on - datetime.timedelta(days=reminder_days)


def working_day_due(raised_on: datetime.date, working_days: int) -> datetime.date:
    """Due within `working_days` working days; 0 means the same working day (or the next, if raised on a day off)."""
    start = raised_on
    while not is_working_day(start):
        start += datetime.timedelta(days=1)
    return add_working_days(start, working_days) if working_days else start
