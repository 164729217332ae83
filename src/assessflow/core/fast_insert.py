"""Writing many rows at once without a model object per row, for bulk paths (the backlog
import) whose values are already checked and already in the database's form.

Rows go in by columns: `columns` differ from row to row, `same` holds one value for every
row, and every other column takes its model default (the database itself has no
defaults). SQLite takes one `executemany`; PostgreSQL takes COPY, several times faster
than its `executemany`. A value that is the same on every row is converted once, and on
SQLite written as a literal when it is blank, null or a number.
"""

from collections.abc import Mapping, Sequence
from itertools import repeat
from typing import Any

from django.db import connection, models

LOOKUP_BATCH = 5000


def _column_values(model: type[models.Model], columns: Mapping[str, Sequence[Any]], same: dict[str, Any]):
    """(field, sequence or None, converted constant) for every column but the primary key."""
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.attname in columns:
            yield field, columns[field.attname], None
        else:
            value = same[field.attname] if field.attname in same else field.get_default()
            yield field, None, field.get_db_prep_save(value, connection)


def _literal(value) -> str | None:
    """The SQL for a constant that needs no parameter, or None."""
    if value is None:
        return "NULL"
    if value == "" and isinstance(value, str):
        return "''"
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    return None


def insert_columns(model: type[models.Model], *, columns: dict[str, Sequence], same: dict[str, Any]) -> int:
    """Insert one row per value of each sequence in `columns` (all the same length); return how many."""
    count = len(next(iter(columns.values())))
    if not count:
        return 0
    quote = connection.ops.quote_name
    names, placeholders, sources = [], [], []
    copy = connection.vendor == "postgresql"
    for field, values, constant in _column_values(model, columns, same):
        names.append(quote(field.column))
        literal = None if copy or values is not None else _literal(constant)
        if literal is not None:
            placeholders.append(literal)
            continue
        placeholders.append("%s")
        sources.append(values if values is not None else repeat(constant))
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        if copy:
            with cursor.cursor.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as stream:
                for row in zip(*sources):  # noqa: B905  (constants repeat without end)
                    stream.write_row(row)
        else:
            sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(placeholders)})"  # noqa: S608  (names from the model, quoted)
            # The database driver takes any iterable of rows; a list would hold every row a second time.
            cursor.executemany(sql, zip(*sources))  # type: ignore[arg-type]  # noqa: B905
    return count


def insert_select(
    model: type[models.Model], *, source: models.QuerySet, columns: dict[str, str], same: dict[str, Any]
) -> int:
    """Insert one row per row of `source`, inside the database: `columns` maps a column of the new
    rows to a field or annotation of `source`. Return how many rows were inserted."""
    quote = connection.ops.quote_name
    inner, inner_params = source.values(*dict.fromkeys(columns.values())).query.sql_with_params()
    names, expressions, params = [], [], []
    for field, values, constant in _column_values(model, columns, same):
        names.append(quote(field.column))
        if values is not None:
            expressions.append(f"src.{quote(values)}")
        elif connection.vendor == "postgresql":
            # An untyped parameter in a SELECT list is text to PostgreSQL: say what it is.
            expressions.append(f"CAST(%s AS {field.db_type(connection)})")
            params.append(constant)
        elif (literal := _literal(constant)) is not None:
            expressions.append(literal)
        else:
            expressions.append("%s")
            params.append(constant)
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(names)}) "  # noqa: S608  (names from the model, quoted)
        f"SELECT {', '.join(expressions)} FROM ({inner}) src"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *inner_params])
        return cursor.rowcount


def _column(model: type[models.Model], field_name: str) -> str:
    """The database column of a field ("pk" for the primary key); a relation seen from its other side has none."""
    field = model._meta.pk if field_name == "pk" else model._meta.get_field(field_name)
    if not isinstance(field, models.Field) or not field.column:
        raise ValueError(f"{model.__name__}.{field_name} is not a column")
    return field.column


def ids_by(model: type[models.Model], field_name: str, values: Sequence[str], **equal) -> dict[str, int]:
    """{value: primary key} of the rows whose `field_name` is one of `values` (blanks never match) and whose
    other columns equal `equal`. Plain SQL: the ORM would prepare each of thousands of parameters in turn."""
    quote = connection.ops.quote_name
    column = quote(_column(model, field_name))
    where = "".join(f"{quote(_column(model, name))} = %s AND " for name in equal)
    distinct = list(dict.fromkeys(v for v in values if v))
    found: dict[str, int] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(distinct), LOOKUP_BATCH):
            part = distinct[start : start + LOOKUP_BATCH]
            # NOT (column = '') repeats the condition of a partial unique index that leaves out
            # blanks, so that SQLite uses the index instead of reading every row of the council.
            cursor.execute(
                f"SELECT {column}, {quote(_column(model, 'pk'))} FROM {quote(model._meta.db_table)} "  # noqa: S608
                f"WHERE {where}NOT ({column} = '') AND {column} IN ({', '.join(['%s'] * len(part))})",
                [*equal.values(), *part],
            )
            found.update(cursor.fetchall())
    return found
