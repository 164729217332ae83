"""A council's handover file as old systems (Mosaic, LAS, Liquidlogic) export it, made the same way every time.

Its headers are the old system's ("Client ID", "NHS No", "Surname", "Forename", "DOB"...), its values
too ("6 week review", "DoLS", "High", "M", "Shah, Priya"), with columns Assessflow has no use for, a
byte order mark, Windows line endings, cells with trailing spaces and blank lines at the end. Every
row is a real case that must import once its columns and values are matched, with no edit to the file.
"""

import csv
import datetime
import io
import random

from openpyxl import Workbook

HEADERS = [
    "Client ID",
    "NHS No",
    "Surname ",  # a trailing space in a header, as exports have
    "Forename",
    "DOB",
    "Gender",
    "Address Line 1",
    "Post Code",
    "Telephone",
    "Team",  # not Assessflow's: ignored
    "Activity",
    "Priority",
    "Allocated Worker",
    "Referral Date",
    "Date Added",
    "Last Review",
    "Primary Support Reason",
    "Ethnicity",  # not imported by a backlog: ignored
    "Comments",  # free text: ignored
]
ACTIVITIES = [
    "6 week review",
    "Annual Review",
    "Carers Assessment",
    "DoLS",
    "OT assessment",
    "Care Act Assessment",
    "Re-assessment",
    "Hospital Discharge Assessment",  # the one value no spelling matches: the administrator matches it by hand
]
EXPECTED_WORK = {
    "6 week review": "six_week_review",
    "Annual Review": "annual_review",
    "Carers Assessment": "carers_assessment",
    "DoLS": "dols",
    "OT assessment": "occupational_therapy",
    "Care Act Assessment": "needs_assessment",
    "Re-assessment": "reassessment",
}
PRIORITIES = {"CSV": ["High", "Medium", "Low", "medium "], "XLSX": [1, 2, 3]}
GENDERS = ["M", "F", "Male", "Female", " female", "Unknown"]
REASONS = ["Personal care", "Learning Disability Support", "Mental health support", "Memory and cognition", ""]
SURNAMES = ["Fairweather", "O'Brien", "Smith-Jones", "Okonkwo", "Patel", "Nowak", "McAllister", "Ahmed", "Evans"]
FORENAMES = ["Doris", "Albert", "Mary Ann", "Chidi", "Sunita", "Zofia", "Hamish", "Fatima", "Gwyn", "Edna"]
TEAMS = ["North Locality", "South Locality", "Hospital Team", ""]
# The workers as the file names them; the test makes these staff.
WORKERS = ["Shah, Priya", "p.shah@council-a.example", "Okafor, Tom", "Tom Okafor", "TAYLOR, SAM", "", ""]
BASE = datetime.date(2024, 1, 8)
TAKEN = {"9434765919", "4010232137"}  # the test cast's NHS numbers: a handover of new people must not match them


def nhs_number(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        number = "".join(map(str, digits)) + str(check)
        if check != 10 and number not in TAKEN:
            return number


def rows(count: int = 500, *, kind: str = "CSV", seed: int = 7) -> list[list]:
    """The data rows: dates as the kind of file holds them (text dd/mm/yyyy in a CSV, dates in a workbook)."""
    rng = random.Random(seed)  # noqa: S311  (repeatable test data, not a secret)
    made, numbers = [], set()
    for i in range(count):
        number = nhs_number(rng)
        while number in numbers:
            number = nhs_number(rng)
        numbers.add(number)
        born = datetime.date(1925, 1, 1) + datetime.timedelta(days=rng.randint(0, 25000))
        referred = BASE + datetime.timedelta(days=rng.randint(0, 500))
        added = referred + datetime.timedelta(days=rng.randint(0, 20))
        activity = ACTIVITIES[i % len(ACTIVITIES)]
        reviewed = added - datetime.timedelta(days=365) if "review" in activity.lower() else None
        spaced = f"{number[:3]} {number[3:6]} {number[6:]}" if i % 3 else number
        made.append(
            [
                f"MOS{100000 + i} " if i % 7 == 0 else f"MOS{100000 + i}",
                spaced if i % 11 else "",
                SURNAMES[i % len(SURNAMES)],
                FORENAMES[(i * 7) % len(FORENAMES)] + ("  " if i % 13 == 0 else ""),
                _day(born, kind),
                GENDERS[i % len(GENDERS)],
                f"{i % 90 + 1} Church Lane",
                "LU1 2BQ" if i % 2 else "lu4 9hx",
                f"01582 {400000 + i}",
                TEAMS[i % len(TEAMS)],
                activity,
                PRIORITIES[kind][i % len(PRIORITIES[kind])],
                WORKERS[i % len(WORKERS)],
                _day(referred, kind),
                _day(added, kind),
                _day(reviewed, kind) if reviewed else "",
                REASONS[i % len(REASONS)],
                "White British" if i % 2 else "Prefer not to say",
                "Waiting for OT, chased 3/5" if i % 5 == 0 else "",
            ]
        )
    return made


def _day(day: datetime.date, kind: str):
    return day if kind == "XLSX" else day.strftime("%d/%m/%Y")


def csv_bytes(count: int = 500) -> bytes:
    """As Excel saves "CSV UTF-8": a byte order mark, CRLF line ends; then blank lines left at the end."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(rows(count))
    buffer.write("," * (len(HEADERS) - 1) + "\r\n\r\n\r\n")
    return b"\xef\xbb\xbf" + buffer.getvalue().encode()


def xlsx_bytes(count: int = 500) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows(count, kind="XLSX"):
        sheet.append([None if cell == "" else cell for cell in row])
    sheet.append([None] * len(HEADERS))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row_of(index: int, kind: str = "CSV") -> dict:
    """One row of the file by its place among the data rows, by header; cells stripped, as the import reads them."""
    cells = rows(index + 1, kind=kind)[index]
    return {h.strip(): c.strip() if isinstance(c, str) else c for h, c in zip(HEADERS, cells, strict=True)}
