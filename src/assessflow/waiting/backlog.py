"""Reading and checking a backlog file. Pure: no database.

Every problem names its row (as a spreadsheet numbers it, the header being row 1)
and its column, so a council can fix the file and upload it again.

A file is read in batches and checked a column at a time: each column's rule runs once
per distinct value (a million rows hold a few thousand distinct dates and one or two
work types), and `check_row`, built from the same rules, words the problems of the rows
that have any. Clean dates are ISO text, the form both databases take them in.
"""

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import compress, islice
from typing import BinaryIO

from django.core.files import File
from openpyxl import load_workbook

from assessflow import cld
from assessflow.core.digits import fold_digits, is_digits
from assessflow.people.identity import (
    NHS_NUMBER_NOT_DIGITS,
    OLDEST_LIKELY_AGE,
    age_on,
    is_valid_postcode,
    nhs_number_problem,
    normalise_nhs_number,
    normalise_postcode,
)
from assessflow.people.phone import tidy_phone_number

from .backlog_mapping import LIST_COLUMNS, translator
from .models import Priority, WorkType

# openpyxl parses workbooks with defusedxml when it is installed (it is a dependency), so a
# workbook cannot expand entities or reach external ones.

COLUMNS = {
    "external_reference": "Your reference for the case (required, unique)",
    "given_name": "First name (required)",
    "family_name": "Last name (required)",
    "date_of_birth": "Date of birth, like 1941-03-27 or 27/03/1941 (required)",
    "nhs_number": "NHS number, 10 digits",
    "address_line_1": "First line of the address",
    "postcode": "Postcode",
    "phone": "Phone number",
    "gender": "Gender, as the Client Level Data lists it",
    "primary_support_reason": "Primary support reason, as the Client Level Data lists it",
    "work_type": "What they wait for: " + ", ".join(WorkType.values) + " (required)",
    "priority": "red, amber or green (green if blank)",
    "last_review_on": "Date of the last review (not in the future)",
    "review_due_on": "Date the next review is due",
    "allocated_worker": "The worker the case is with, if any: their email, or their name as Forename Surname",
    "package_weekly_cost": "Weekly cost of the current package in pounds, like 412.50",
    "package_start_on": "Date the current package started",
    "package_services": "The services in the current package, in words",
    "referred_on": "Date of the referral (not in the future)",
    "added_on": "Date the case joined the waiting list, which its wait counts from (the referral date if blank)",
}
REQUIRED = ("external_reference", "given_name", "family_name", "date_of_birth", "work_type")
MAX_ERRORS_KEPT = 500
WORK_TYPES = frozenset(WorkType.values)
PRIORITIES = frozenset(Priority.values)
CLD_LISTS = {column: frozenset(cld.values(column)) for column in ("gender", "primary_support_reason")}
_MONEY = re.compile(r"^£?\s*(\d{1,7})(?:\.(\d{1,2}))?$")
_TIME_OF_DAY = re.compile(r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str


class UnreadableFile(ValueError):
    pass


@dataclass(frozen=True)
class Batch:
    numbers: list[int]  # each row's number in the file
    columns: dict[str, list[str]]  # every known column the file has, its cells stripped

    def row(self, index: int) -> dict[str, str]:
        return {name: values[index] for name, values in self.columns.items()}


def template_csv() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS.keys())
    writer.writerow(
        [
            "LUT-000123",
            "Doris",
            "Fairweather",
            "1938-06-14",
            "943 476 5919",
            "4 Orchard Close",
            "LU1 2BQ",
            "01582 000000",
            "Female",
            "Physical support: Personal care support",
            "annual_review",
            "amber",
            "2025-06-01",
            "2026-06-01",
            "",
            "412.50",
            "2023-02-01",
            "Home care, 2 calls a day",
            "2025-04-14",
            "2025-05-02",
        ]
    )
    return buffer.getvalue()


def read_batches(
    name: str, handle: BinaryIO | File, *, size: int, columns: dict[str, str] | None = None
) -> Iterator[Batch]:
    """The data rows of a CSV or XLSX file, read as a stream, `size` rows at a time.

    `columns` ({column: the file's header}) says where each column is; without it the header must
    name them as the template does."""
    yield from _batches(read_lines(name, handle), size, columns)


def read_lines(name: str, handle: BinaryIO | File) -> Iterator[list[str]]:
    """Every line of a CSV or XLSX file as a list of cells, the header first."""
    if name.lower().endswith(".xlsx"):
        yield from _xlsx_lines(handle)
        return
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    try:
        yield from csv.reader(text)
    except UnicodeDecodeError as error:
        raise UnreadableFile("The file is not text we can read: save it as CSV (UTF-8)") from error
    except csv.Error as error:  # e.g. a cell longer than any real one: not a spreadsheet's CSV
        raise UnreadableFile(f"The file is not a CSV file we can read ({error})") from error
    finally:
        text.detach()


def _xlsx_lines(handle: BinaryIO | File) -> Iterator[list[str]]:
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a bad file
        raise UnreadableFile("The file is not an Excel workbook we can read") from error
    sheet = workbook.worksheets[0]
    return ([_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True))


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def template_positions(header: list[str]) -> dict[str, int]:
    """Where each column is in a header that names them as the template does."""
    names = [h.strip().lower().replace(" ", "_") for h in header]
    return {name: i for i, name in enumerate(names) if name in COLUMNS}  # a repeated name: the last wins


def is_template_header(header: list[str]) -> bool:
    """Whether a header names the required columns as the template does, so the file needs no matching."""
    return set(REQUIRED) <= set(template_positions(header))


def _mapped_positions(header: list[str], columns: dict[str, str]) -> dict[str, int]:
    """Where each mapped column is: the first header spelt as the mapping has it (cells are read stripped)."""
    first: dict[str, int] = {}
    for i, name in enumerate(header):
        first.setdefault(name.strip(), i)
    gone = [name for name in columns.values() if name not in first]
    if gone:
        raise UnreadableFile(f"The file no longer has the column {gone[0]!r}: match its columns again")
    return {column: first[name] for column, name in columns.items() if column in COLUMNS}


def _batches(lines: Iterable[list[str]], size: int, columns: dict[str, str] | None = None) -> Iterator[Batch]:
    iterator = iter(lines)
    try:
        header = next(iterator)
    except StopIteration:
        raise UnreadableFile("The file is empty") from None
    positions = _mapped_positions(header, columns) if columns else template_positions(header)
    missing = [c for c in REQUIRED if c not in positions]
    if missing:
        raise UnreadableFile(f"The first row must name the columns; missing: {', '.join(missing)}")
    width = max(positions.values()) + 1
    first = 2
    while block := list(islice(iterator, size)):
        numbers = range(first, first + len(block))
        first += len(block)
        # A row of blank cells is skipped but still numbered, as a spreadsheet numbers it.
        has_text = list(map(str.strip, map("".join, block)))
        if not all(has_text):
            numbers, block = compress(numbers, has_text), list(compress(block, has_text))
            if not block:
                continue
        if min(map(len, block)) < width:  # a short row's missing cells are blank
            block = [line if len(line) >= width else [*line, *[""] * (width - len(line))] for line in block]
        cells = list(zip(*block, strict=False))
        yield Batch(list(numbers), {name: list(map(str.strip, cells[i])) for name, i in positions.items()})


def parse_date(text: str) -> datetime.date | None:
    """1941-03-27, or 27/03/1941 and 27-03-1941 as people in England write dates, in the digits 0 to 9.

    Full-width digits are read as 0 to 9; other kinds (a superscript, another script's) make it no date.
    """
    text = fold_digits(text)
    try:
        return datetime.date.fromisoformat(text) if len(text) == 10 and text[4] == "-" else _day_first(text)
    except ValueError:
        return None


def _day_first(text: str) -> datetime.date | None:
    parts = text.replace("-", "/").split("/")
    if len(parts) != 3 or len(parts[2]) != 4 or not all(map(is_digits, parts)):
        return None
    return datetime.date(int(parts[2]), int(parts[1]), int(parts[0]))


# A rule takes a cell's text and gives its clean value and, when the text is not acceptable, why.
Rule = Callable[[str], tuple[object, str | None]]


class _Text:
    """Free text up to the length its field holds: longer is refused on its row, never cut short."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self, text: str) -> tuple[str, str | None]:
        if len(text) <= self.limit:
            return text, None
        return text, f"This is {len(text):,} characters long: the most it can be is {self.limit:,}"


# The people columns' sizes; the package's services are words on the case, kept to a paragraph.
TEXT_LIMITS = {
    "external_reference": 50,
    "given_name": 100,
    "family_name": 100,
    "address_line_1": 200,
    "package_services": 2000,
    "allocated_worker": 254,
}


def _date(text: str) -> tuple[str | None, str | None]:
    if not text:
        return None, None
    day = parse_date(_TIME_OF_DAY.sub("", text))  # exports often add a midnight to every date
    return (day.isoformat(), None) if day else (None, f"{text!r} is not a date like 1941-03-27 or 27/03/1941")


def _birth_date(today: datetime.date) -> Rule:
    """Not in the future, and not making someone older than anyone is likely to be: in a handover file
    that is a slip of a digit or an old system's placeholder for "not known", to correct in the file."""

    def rule(text: str) -> tuple[str | None, str | None]:
        day, message = _date(text)
        if day and day > today.isoformat():
            message = "The date of birth is in the future"
        elif day and (age := age_on(datetime.date.fromisoformat(day), today)) > OLDEST_LIKELY_AGE:
            message = f"The date of birth {day} makes the person {age} years old: check it in the file"
        return day, message

    return rule


def _past_date(today: datetime.date, words: str) -> Rule:
    """A date that has already happened: a referral, a review, joining the list."""

    def rule(text: str) -> tuple[str | None, str | None]:
        day, message = _date(text)
        if day and day > today.isoformat():
            message = f"The {words} {day} is in the future"
        return day, message

    return rule


def _translated(rule: Rule, translate: Callable[[str], str]) -> Rule:
    """A list column's rule applied to what the mapping says the file's value means."""

    def mapped(text: str) -> tuple[object, str | None]:
        return rule(translate(text))

    return mapped


def _nhs_number(text: str) -> tuple[str, str | None]:
    problem = nhs_number_problem(text) if text else None
    if problem is None:
        return normalise_nhs_number(text), None
    words = ": use the digits 0 to 9" if problem == NHS_NUMBER_NOT_DIGITS else ""
    return normalise_nhs_number(text), f"{text!r} is not a valid NHS number{words}"


def _phone(text: str) -> tuple[str, str | None]:
    if not text:
        return "", None
    tidy = tidy_phone_number(text)
    return (tidy, None) if tidy else (text, f"{text!r} is not a UK or international telephone number")


def _postcode(text: str) -> tuple[str, str | None]:
    bad = text and not is_valid_postcode(text)
    return normalise_postcode(text), (f"{text!r} is not a postcode" if bad else None)


def _on_list(column: str) -> Rule:
    allowed, words = CLD_LISTS[column], column.replace("_", " ")

    def rule(text: str) -> tuple[str, str | None]:
        bad = text and text not in allowed
        return text, (f"{text!r} is not on the Client Level Data list for {words}" if bad else None)

    return rule


def _work_type(text: str) -> tuple[str, str | None]:
    work_type = text.lower().replace(" ", "_").replace("-", "_")
    bad = text and work_type not in WORK_TYPES
    return work_type, (f"{text!r} is not one of: {', '.join(WorkType.values)}" if bad else None)


def _priority(text: str) -> tuple[str, str | None]:
    priority = (text or "green").lower()
    return priority, (None if priority in PRIORITIES else f"{text!r} must be red, amber or green")


def _money(text: str) -> tuple[int | None, str | None]:
    cost = text.replace(",", "")
    if not cost:
        return None, None
    match = _MONEY.match(cost)
    if not match:
        return None, f"{cost!r} is not an amount in pounds, like 412.50"
    return int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0")), None


def rules(today: datetime.date, values: dict[str, dict[str, str]] | None = None) -> dict[str, Rule]:
    """Each column's rule, in the order a row's problems are reported (after the required columns).

    `values` is the mapping's {list column: {file value: Assessflow value}}: the list columns' rules
    see what the file's values mean (`backlog_mapping.translator`)."""
    checked = {
        # The allocated worker is matched to a worker by email or name against the database, after these rules.
        **{column: _Text(limit) for column, limit in TEXT_LIMITS.items()},
        "phone": _phone,
        "date_of_birth": _birth_date(today),
        "last_review_on": _past_date(today, "last review date"),
        **dict.fromkeys(("review_due_on", "package_start_on"), _date),
        "referred_on": _past_date(today, "referral date"),
        "added_on": _past_date(today, "date added to the list"),
        "nhs_number": _nhs_number,
        "postcode": _postcode,
        "gender": _on_list("gender"),
        "primary_support_reason": _on_list("primary_support_reason"),
        "work_type": _work_type,
        "priority": _priority,
        "package_weekly_cost": _money,
    }
    for column in LIST_COLUMNS:
        checked[column] = _translated(checked[column], translator(column, (values or {}).get(column)))
    return checked


CLEAN_NAMES = {"package_weekly_cost": "package_weekly_pence"}  # a clean column named for what it holds


def _enter(column: str) -> str:
    return f"Enter {COLUMNS[column].split(' (')[0].lower()}"


def check_row(
    number: int, row: dict, *, today: datetime.date, values: dict[str, dict[str, str]] | None = None
) -> tuple[dict | None, list[Problem]]:
    """The row as clean values, or the problems that stop it being imported."""
    problems = [Problem(number, column, _enter(column)) for column in REQUIRED if not row.get(column)]
    clean = {}
    for column, rule in rules(today, values).items():
        clean[CLEAN_NAMES.get(column, column)], message = rule(row.get(column, ""))
        if message:
            problems.append(Problem(number, column, message))
    return (None if problems else clean), problems


class ColumnChecker:
    """Checks a batch a column at a time, running each rule once per distinct value.

    What a rule said of a value is remembered across batches, up to a bound, so memory
    stays bounded however many distinct values (names, dates of birth) a file holds.
    """

    REMEMBERED = 50_000

    def __init__(self, *, today: datetime.date, values: dict[str, dict[str, str]] | None = None) -> None:
        self.today, self.values = today, values
        self.rules = rules(today, values)
        self.clean: dict[str, dict] = {column: {} for column in self.rules}
        self.refused: dict[str, set] = {column: set() for column in self.rules}

    def check(self, batch: Batch) -> tuple[dict[str, list], set[int]]:
        """Every row's clean values by column, and the indexes of the rows with a problem."""
        size = len(batch.numbers)
        bad: set[int] = set()
        for column in REQUIRED:
            values = batch.columns[column]
            if "" in values:
                bad.update(i for i, value in enumerate(values) if not value)
        clean = {}
        for column, rule in self.rules.items():
            values = batch.columns.get(column) or [""] * size
            name = CLEAN_NAMES.get(column, column)
            if isinstance(rule, _Text) and max(map(len, values), default=0) <= rule.limit:
                clean[name] = values  # nearly every text column fits: no need to look at each value
            else:
                clean[name] = self._column(column, rule, values, bad)
        return clean, bad

    def _column(self, column: str, rule: Rule, values: list[str], bad: set[int]) -> list:
        known, refused = self.clean[column], self.refused[column]
        if len(known) > self.REMEMBERED:
            known.clear()
            refused.clear()
        for value in set(values).difference(known):
            known[value], message = rule(value)
            if message:
                refused.add(value)
        if refused and not refused.isdisjoint(values):
            bad.update(i for i, value in enumerate(values) if value in refused)
        return list(map(known.__getitem__, values))

    def problems(self, batch: Batch, index: int) -> list[Problem]:
        """A row's problems, worded by `check_row` from the same rules."""
        return check_row(batch.numbers[index], batch.row(index), today=self.today, values=self.values)[1]
