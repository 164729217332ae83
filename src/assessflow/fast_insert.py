"""Inserting many rows at once without building a model object per row.

For bulk paths (backlog import) that have already validated every value: one
`executemany` per batch, with only the values a database needs converted
(aware datetimes, JSON) passed through their field, and each repeated
timestamp converted once.
"""

from operator import itemgetter

from django.db import connection, models

CONVERTED = (models.DateTimeField, models.JSONField)


def insert_rows(model: type[models.Model], rows: list[dict], batch: int = 2000) -> None:
    if not rows:
        return
    columns = list(rows[0])
    fields = [model._meta.get_field(name) for name in columns]
    converted = [(name, field) for name, field in zip(columns, fields, strict=True) if isinstance(field, CONVERTED)]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608  (names from the model, quoted; values are parameters)
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    seen: dict = {}

    def prepare(field, value):
        if isinstance(value, dict):
            return field.get_db_prep_save(value, connection)
        if value not in seen:
            seen[value] = field.get_db_prep_save(value, connection)
        return seen[value]

    # itemgetter of one name returns the bare value; executemany needs a sequence per row.
    values_of = itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            for row in chunk:
                for name, field in converted:
                    row[name] = prepare(field, row[name])
            cursor.executemany(sql, [values_of(row) for row in chunk])
