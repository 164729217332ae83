"""Scratch space for checking a backlog file, kept off the heap so memory stays bounded
however long the file is.

- `Repeats` remembers the values already seen in the file (references, NHS numbers) in a
  private temporary SQLite database on disk, not in a set that grows with every row.
- `write_checked`/`read_checked` keep the checked rows, a batch at a time, in a file beside
  the upload, so publishing neither reads nor checks the file again.
"""

import marshal
import sqlite3
import struct
from collections.abc import Iterator
from typing import BinaryIO

from django.core.files import File

LOOKUP_BATCH = 10_000


class Repeats:
    def __init__(self) -> None:
        # An empty name opens a private temporary database: paged to disk, removed when closed.
        self.db = sqlite3.connect("")
        self.db.execute("CREATE TABLE seen (kind TEXT, value TEXT, PRIMARY KEY (kind, value)) WITHOUT ROWID")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Repeats":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def repeated(self, kind: str, values: list[str]) -> list[int]:
        """The indexes of the values that an earlier row of the file, in this batch or one before, also had.
        Blanks never repeat."""
        distinct = set(values)
        distinct.discard("")
        earlier: set[str] = set()
        ordered = list(distinct)
        for start in range(0, len(ordered), LOOKUP_BATCH):
            part = ordered[start : start + LOOKUP_BATCH]
            earlier.update(
                value
                for (value,) in self.db.execute(
                    f"SELECT value FROM seen WHERE kind = ? AND value IN ({', '.join('?' * len(part))})",  # noqa: S608  (placeholders only)
                    [kind, *part],
                )
            )
        self.db.executemany("INSERT INTO seen VALUES (?, ?)", ((kind, value) for value in distinct - earlier))
        if not earlier and len(distinct) == len(values) - values.count(""):
            return []
        found, seen = [], earlier
        for index, value in enumerate(values):
            if value in seen:
                found.append(index)
            elif value:
                seen.add(value)
        return found


_LENGTH = struct.Struct("<Q")


def write_checked(handle: BinaryIO | File, columns: dict[str, list]) -> None:
    """Append one batch of checked rows: {column: values}, the values text, numbers or None."""
    data = marshal.dumps(columns)
    # Its length first, so reading takes one call per batch, not one per value.
    handle.write(_LENGTH.pack(len(data)))
    handle.write(data)


def read_checked(handle: BinaryIO | File) -> Iterator[dict[str, list]]:
    """The batches `write_checked` wrote, in order."""
    while header := handle.read(_LENGTH.size):
        (length,) = _LENGTH.unpack(header)
        # marshal, not pickle: it builds only plain values and runs no code. The file is
        # this app's own, written by the check into storage the public cannot reach.
        yield marshal.loads(handle.read(length))  # noqa: S302
