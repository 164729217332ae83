"""Due dates on a waiting list: the council's timescale in working days, or these defaults."""

import datetime

from assessflow.core.working_days import add_working_days

from .models import Priority, WorkType

# Working days from joining the list; a council sets its own per work type and priority.
DEFAULT_WORKING_DAYS: dict[str, int] = {Priority.RED: 5, Priority.AMBER: 20, Priority.GREEN: 60}


# Days between keep-in-touch contacts while waiting ("waiting well"); a council sets its own.
DEFAULT_CONTACT_DAYS: dict[str, int] = {Priority.RED: 7, Priority.AMBER: 30, Priority.GREEN: 90}
# After a failed attempt, try again within this many days.
RETRY_DAYS = 2


def due_date(*, added_on: datetime.date, priority: str, working_days: int | None) -> datetime.date:
    days = working_days if working_days is not None else DEFAULT_WORKING_DAYS[priority]
    return add_working_days(added_on, days)


# Work whose due date is a deadline in law, given by the caller, not a council's timescale.
STATUTORY_DEADLINE = frozenset({WorkType.DOLS})
# Work due on the person's own review date where the record has one (a backlog file's review date, the demo's):
# such an entry's due date is the review date, not a timescale, and is labelled as such.
REVIEW_DATED = frozenset({WorkType.ANNUAL_REVIEW})


def reprioritised_due(
    *,
    work_type: str,
    current_due: datetime.date,
    timescale_due: datetime.date,
    review_due_on: datetime.date | None,
) -> datetime.date:
    """The due date after a change of priority. A statutory deadline does not move. A review with its own date
    is due on that date, or sooner where the new priority's timescale says so: a higher priority can bring a
    review forward, and no priority puts it off past the date it falls due."""
    if work_type in STATUTORY_DEADLINE:
        return current_due
    if work_type in REVIEW_DATED and review_due_on is not None:
        return min(review_due_on, timescale_due)
    return timescale_due


def due_label(*, work_type: str, due_on: datetime.date, review_due_on: datetime.date | None) -> str:
    """What an entry's due date is, so a page names it for what it is rather than calling every date a review's."""
    if work_type in STATUTORY_DEADLINE:
        return "Statutory deadline"
    if work_type in REVIEW_DATED and due_on == review_due_on:
        return "Review due"
    return "Due by the council's timescale"
