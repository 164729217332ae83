"""The column-at-a-time check and check_row come from the same rules: they must agree on every row."""

import datetime
import io
import itertools

from assessflow.waiting.backlog import COLUMNS, Batch, ColumnChecker, check_row, read_batches

TODAY = datetime.date(2025, 6, 1)
# Awkward values for each checked column; every other column is taken from a valid row.
AWKWARD = {
    "date_of_birth": ["1941-03-27", "27/03/1941", "1-3-1941", "31/02/1950", "2030-01-01", "1941-3-27", "", "soon"],
    "review_due_on": ["2026-06-01", "2026-W01-1", "01/13/2026", "\uff11\uff19\uff14\uff11-03-27", ""],
    "nhs_number": ["943 476 5919", "943-476-5919", "9434765918", "12345", ""],
    "postcode": ["LU1 2BQ", "lu12bq", "XX", ""],
    "gender": ["Female", "female", ""],
    "work_type": ["annual_review", "Annual Review", "six-week-review", "weekly_visit", ""],
    "priority": ["", "RED", "purple"],
    "package_weekly_cost": ["412.50", "£1,200", "12.3.4", "412.5", ""],
    "given_name": ["Doris", "", "D" * 100, "D" * 101],
    "phone": ["01632 960 001", "+44 7700 900982", "\uff10\uff17\uff17\uff10\uff10 900982", "mobile", "12", ""],
    "address_line_1": ["1 High Street", "x" * 201],
    "package_services": ["Home care, 14 hours a week", "y" * 2001],
}
VALID = {
    "external_reference": "LUT-1",
    "given_name": "Doris",
    "family_name": "Fairweather",
    "date_of_birth": "1938-06-14",
    "work_type": "annual_review",
    "allocated_worker": "Worker@Example.org",
}


def test_the_column_check_and_check_row_agree():
    rows = []
    for column, values in AWKWARD.items():
        for value in values:
            rows.append({name: VALID.get(name, "") for name in COLUMNS} | {column: value})
    batch = Batch(list(range(2, len(rows) + 2)), {name: [row[name] for row in rows] for name in COLUMNS})
    checker = ColumnChecker(today=TODAY)
    for _ in range(2):  # the second time from what the checker remembers
        clean, bad = checker.check(batch)
        for index, row in enumerate(rows):
            expected, problems = check_row(index + 2, row, today=TODAY)
            assert (index in bad) == bool(problems), row
            assert checker.problems(batch, index) == problems
            if expected:
                assert {name: clean[name][index] for name in expected} == expected


def test_a_file_is_read_in_batches_that_number_every_row():
    text = ",".join(COLUMNS) + "\n" + "\n".join(["a,b", "", "c,d,e", ",,", "f"] * 3) + "\n"
    batches = list(read_batches("x.csv", io.BytesIO(text.encode()), size=4))
    numbers = list(itertools.chain.from_iterable(b.numbers for b in batches))
    references = list(itertools.chain.from_iterable(b.columns["external_reference"] for b in batches))
    assert numbers == [2, 4, 6, 7, 9, 11, 12, 14, 16]
    assert references == ["a", "c", "f"] * 3
    assert all(set(b.columns["postcode"]) == {""} for b in batches), "a short row's missing cells are blank"


def _problems(column: str, value: str) -> list[str]:
    row = {name: VALID.get(name, "") for name in COLUMNS} | {column: value}
    return [p.message for p in check_row(2, row, today=TODAY)[1] if p.column == column]


def test_text_longer_than_its_field_is_refused_on_its_row_not_cut_short():
    assert _problems("family_name", "F" * 100) == []
    assert _problems("family_name", "F" * 101) == ["This is 101 characters long: the most it can be is 100"]
    assert _problems("package_services", "s" * 5000) == ["This is 5,000 characters long: the most it can be is 2,000"]


def test_a_phone_number_is_checked_and_stored_as_the_person_form_stores_it():
    row = {name: VALID.get(name, "") for name in COLUMNS} | {"phone": "+44 1632 960001"}
    clean, problems = check_row(2, row, today=TODAY)
    assert problems == [] and clean["phone"] == "01632 960001"
    assert _problems("phone", "ring her") == ["'ring her' is not a UK or international telephone number"]


def test_a_date_of_birth_making_someone_older_than_120_is_a_problem_to_check_in_the_file():
    assert _problems("date_of_birth", "1905-06-02") == []  # 119
    assert _problems("date_of_birth", "01/01/1900") == [
        "The date of birth 1900-01-01 makes the person 125 years old: check it in the file"
    ]
