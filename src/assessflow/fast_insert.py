"""Inserting many rows at once without building a model object per row.

For bulk paths (backlog import) that have already validated every value: one
`executemany` per batch, with only the values a database needs converted
(aware datetimes, JSON) passed through their field.
"""

from django.db import connection, models

CONVERTED = (models.DateTimeField, models.JSONField)


def insert_rows(model: type[models.Model], rows: list[dict], batch: int = 2000) -> None:
    if not rows:
        return
    columns = list(rows[0])
    fields = [model._meta.get_field(name) for name in columns]
    convert = [isinstance(f, CONVERTED) for f in fields]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608  (names from the model, quoted; values are parameters)
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    # Bulk rows repeat the same timestamp: convert each distinct datetime once.
    seen: dict = {}

    def prepare(field, value):
        if isinstance(value, dict):
            return field.get_db_prep_save(value, connection)
        if value not in seen:
            seen[value] = field.get_db_prep_save(value, connection)
        return seen[value]

    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            cursor.executemany(
                sql,
                [
                    tuple(
                        prepare(f, row[name]) if conv else row[name]
                        for name, f, conv in zip(columns, fields, convert, strict=True)
                    )
                    for row in rows[start : start + batch]
                ],
            )
