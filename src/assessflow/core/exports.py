"""Spreadsheet exports that a spreadsheet cannot turn into formulas.

A cell that begins with = + - @, a tab or a carriage return is read by Excel, LibreOffice
and Google Sheets as a formula (CSV injection). Every text cell that does is prefixed with
an apostrophe, which spreadsheets show as plain text. Numbers and dates are left as they are.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator

from openpyxl import Workbook

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(DANGEROUS_FIRST):
        return "'" + value
    return value


class _Echo:
    def write(self, value):
        return value


def csv_lines(headers: list[str], rows: Iterable[list]) -> Iterator[str]:
    """CSV, a line at a time, for a streaming response that never holds the whole export."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([safe_cell(h) for h in headers])  # the BOM makes Excel read UTF-8
    for row in rows:
        yield writer.writerow([_text(safe_cell(v)) for v in row])


def xlsx_bytes(headers: list[str], rows: Iterable[list], *, title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([safe_cell(h) for h in headers])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
