"""Database triggers that refuse UPDATE, DELETE and TRUNCATE on a table whose rows are facts.

The access log, the pathway events and the person history are written once and never changed,
whatever code asks: the ORM guards are a courtesy, these triggers are the rule.
"""

from django.db import migrations


def _sqlite_create(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END",
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END",
    ]


def _sqlite_drop(table: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_no_update", f"DROP TRIGGER IF EXISTS {table}_no_delete"]


def _postgres_create(table: str) -> list[str]:
    return [
        f"CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{table} rows are append-only'; END $$",
        f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()",
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()",
    ]


def _postgres_drop(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
        f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}",
        f"DROP FUNCTION IF EXISTS {table}_append_only()",
    ]


STATEMENTS = {"sqlite": (_sqlite_create, _sqlite_drop), "postgresql": (_postgres_create, _postgres_drop)}


def guard(schema_editor, *tables: str) -> None:
    """Make each table append-only (also used to put the guard back after a sanctioned backfill)."""
    create, _ = STATEMENTS.get(schema_editor.connection.vendor, (None, None))
    for table in tables if create else ():
        for statement in create(table):
            schema_editor.execute(statement)


def unguard(schema_editor, *tables: str) -> None:
    """Lift the guard: only a migration that corrects history under review may do this, and puts it back."""
    _, drop = STATEMENTS.get(schema_editor.connection.vendor, (None, None))
    for table in tables if drop else ():
        for statement in drop(table):
            schema_editor.execute(statement)


def append_only(*tables: str) -> migrations.RunPython:
    """A migration operation that guards the tables, and lifts the guard when migrated backwards."""
    return migrations.RunPython(
        lambda apps, schema_editor: guard(schema_editor, *tables),
        lambda apps, schema_editor: unguard(schema_editor, *tables),
    )
