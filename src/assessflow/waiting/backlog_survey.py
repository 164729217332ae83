"""Reading a handover file once before it is matched: its headers, how many rows, and each column's values.

The mapping page offers the file's headers for each of Assessflow's columns, and the values found in
the column chosen for a list (work type, priority, gender…) to match to Assessflow's. Only a column's
first `MAX_VALUES` distinct values are kept: a column with more is not a list (names, dates, ids),
and keeping fewer keeps less personal data, which is removed with the file when the import ends.
"""

from typing import BinaryIO

from django.core.files import File

from .backlog import REQUIRED, UnreadableFile, read_lines
from .backlog_mapping import suggest_columns

MAX_VALUES = 100
MAX_VALUE_LENGTH = 100


def survey_file(name: str, handle: BinaryIO | File) -> dict:
    """{"headers": [...], "rows": rows with any text, "values": {header: sorted values}, "many": [headers]}."""
    lines = read_lines(name, handle)
    try:
        header = [cell.strip() for cell in next(lines)]
    except StopIteration:
        raise UnreadableFile("The file is empty") from None
    named = [h for h in header if h]
    if len(named) < len(REQUIRED):
        matched = suggest_columns(named)
        missing = [c for c in REQUIRED if c not in matched]
        raise UnreadableFile(f"The first row must name the columns; missing: {', '.join(missing)}")
    # Of two headers spelt alike, the first is the one a mapping names (`backlog._mapped_positions`).
    positions = {h: i for i, h in reversed(list(enumerate(header))) if h}  # reversed: the first one stays
    seen: dict[str, set[str]] = {h: set() for h in positions}
    many: set[str] = set()
    rows = 0
    for line in lines:
        if not "".join(line).strip():
            continue  # blank lines (often several at the end of an export) are not rows
        rows += 1
        for column, i in positions.items():
            if column in many or i >= len(line):
                continue
            values = seen[column]
            values.add(line[i].strip()[:MAX_VALUE_LENGTH])
            if len(values) > MAX_VALUES:
                many.add(column)
                values.clear()
    return {
        "headers": list(dict.fromkeys(named)),
        "rows": rows,
        "values": {h: sorted(v - {""}) for h, v in seen.items() if h not in many},
        "many": sorted(many),
    }
