"""Reading and checking a backlog file, a row at a time. Pure: no database.

Every problem names its row (as a spreadsheet numbers it, the header being row 1)
and its column, so a council can fix the file and upload it again.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from openpyxl import load_workbook

from assessflow import cld
from assessflow.people.identity import is_valid_nhs_number, is_valid_postcode, normalise_nhs_number, normalise_postcode

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
    "last_review_on": "Date of the last review",
    "review_due_on": "Date the next review is due",
    "allocated_worker": "Email address of the worker the case is with, if any",
    "package_weekly_cost": "Weekly cost of the current package in pounds, like 412.50",
    "package_start_on": "Date the current package started",
    "package_services": "The services in the current package, in words",
}
REQUIRED = ("external_reference", "given_name", "family_name", "date_of_birth", "work_type")
MAX_ERRORS_KEPT = 500
WORK_TYPES = frozenset(WorkType.values)
PRIORITIES = frozenset(Priority.values)
CLD_LISTS = {column: frozenset(cld.values(column)) for column in ("gender", "primary_support_reason")}
_MONEY = re.compile(r"^£?\s*(\d{1,7})(?:\.(\d{1,2}))?$")


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str


class UnreadableFile(ValueError):
    pass


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
        ]
    )
    return buffer.getvalue()


def read_rows(name: str, handle: BinaryIO) -> Iterator[tuple[int, dict]]:
    """(row number, {column: text}) for each data row of a CSV or XLSX file, read as a stream."""
    if name.lower().endswith(".xlsx"):
        yield from _xlsx_rows(handle)
    else:
        yield from _csv_rows(handle)


def _csv_rows(handle: BinaryIO) -> Iterator[tuple[int, dict]]:
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    try:
        yield from _rows(csv.reader(text))
    except UnicodeDecodeError as error:
        raise UnreadableFile("The file is not text we can read: save it as CSV (UTF-8)") from error
    finally:
        text.detach()


def _xlsx_rows(handle: BinaryIO) -> Iterator[tuple[int, dict]]:
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a bad file
        raise UnreadableFile("The file is not an Excel workbook we can read") from error
    sheet = workbook.worksheets[0]
    yield from _rows([_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True))


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


def _rows(lines) -> Iterator[tuple[int, dict]]:
    iterator = iter(lines)
    try:
        header = [h.strip().lower().replace(" ", "_") for h in next(iterator)]
    except StopIteration:
        raise UnreadableFile("The file is empty") from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise UnreadableFile(f"The first row must name the columns; missing: {', '.join(missing)}")
    for number, line in enumerate(iterator, start=2):
        if not any(cell.strip() for cell in line):
            continue
        yield (
            number,
            {name: (line[i].strip() if i < len(line) else "") for i, name in enumerate(header) if name in COLUMNS},
        )


def parse_date(text: str) -> datetime.date | None:
    """1941-03-27, or 27/03/1941 and 27-03-1941 as people in England write dates."""
    try:
        return datetime.date.fromisoformat(text) if len(text) == 10 and text[4] == "-" else _day_first(text)
    except ValueError:
        return None


def _day_first(text: str) -> datetime.date | None:
    parts = text.replace("-", "/").split("/")
    if len(parts) != 3 or len(parts[2]) != 4 or not all(p.isdigit() for p in parts):
        return None
    return datetime.date(int(parts[2]), int(parts[1]), int(parts[0]))


def check_row(number: int, row: dict, *, today: datetime.date) -> tuple[dict | None, list[Problem]]:
    """The row as clean values, or the problems that stop it being imported."""
    problems: list[Problem] = []

    def problem(column: str, message: str) -> None:
        problems.append(Problem(number, column, message))

    for column in REQUIRED:
        if not row.get(column):
            problem(column, f"Enter {COLUMNS[column].split(' (')[0].lower()}")
    clean = {
        k: row.get(k, "")
        for k in ("external_reference", "given_name", "family_name", "address_line_1", "phone", "package_services")
    }
    clean["allocated_worker"] = row.get("allocated_worker", "").lower()
    for check in (_dates, _identity, _value_lists, _money):
        check(row, clean, problem, today)
    return (None if problems else clean), problems


def _dates(row: dict, clean: dict, problem, today: datetime.date) -> None:
    for column in ("date_of_birth", "last_review_on", "review_due_on", "package_start_on"):
        text = row.get(column, "")
        clean[column] = parse_date(text) if text else None
        if text and clean[column] is None:
            problem(column, f"{text!r} is not a date like 1941-03-27 or 27/03/1941")
    if clean["date_of_birth"] and clean["date_of_birth"] > today:
        problem("date_of_birth", "The date of birth is in the future")


def _identity(row: dict, clean: dict, problem, today: datetime.date) -> None:
    nhs = row.get("nhs_number", "")
    clean["nhs_number"] = normalise_nhs_number(nhs)
    if nhs and not is_valid_nhs_number(nhs):
        problem("nhs_number", f"{nhs!r} is not a valid NHS number")
    postcode = row.get("postcode", "")
    clean["postcode"] = normalise_postcode(postcode)
    if postcode and not is_valid_postcode(postcode):
        problem("postcode", f"{postcode!r} is not a postcode")


def _value_lists(row: dict, clean: dict, problem, today: datetime.date) -> None:
    for column in ("gender", "primary_support_reason"):
        value = row.get(column, "")
        clean[column] = value
        if value and value not in CLD_LISTS[column]:
            problem(column, f"{value!r} is not on the Client Level Data list for {column.replace('_', ' ')}")
    work_type = row.get("work_type", "").lower().replace(" ", "_").replace("-", "_")
    clean["work_type"] = work_type
    if row.get("work_type") and work_type not in WORK_TYPES:
        problem("work_type", f"{row['work_type']!r} is not one of: {', '.join(WorkType.values)}")
    clean["priority"] = (row.get("priority") or "green").lower()
    if clean["priority"] not in PRIORITIES:
        problem("priority", f"{row['priority']!r} must be red, amber or green")


def _money(row: dict, clean: dict, problem, today: datetime.date) -> None:
    cost = row.get("package_weekly_cost", "").replace(",", "")
    clean["package_weekly_pence"] = None
    if cost:
        match = _MONEY.match(cost)
        if match:
            clean["package_weekly_pence"] = int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))
        else:
            problem("package_weekly_cost", f"{cost!r} is not an amount in pounds, like 412.50")
