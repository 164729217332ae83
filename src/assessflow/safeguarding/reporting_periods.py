"""Reporting periods and age bands of the safeguarding and DoLS collections: pure functions, no database."""

import datetime

from assessflow.people.identity import age_on

AGE_BANDS = (
    (18, 64, "18 to 64"),
    (65, 74, "65 to 74"),
    (75, 84, "75 to 84"),
    (85, 94, "85 to 94"),
    (95, 200, "95 and over"),
)


def age_band(born: datetime.date | None, day: datetime.date) -> str:
    if born is None:
        return "Not known"
    age = age_on(born, day)
    for low, high, label in AGE_BANDS:
        if low <= age <= high:
            return label
    return "Under 18"


def reporting_year(year: int) -> tuple[datetime.date, datetime.date]:
    """The collection's year: 1 April to 31 March; `year` is the April it starts in."""
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)
