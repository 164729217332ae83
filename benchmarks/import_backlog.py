"""Imports a generated backlog through the real import path and compares it with a bare executemany.

    python benchmarks/import_backlog.py --rows 1000000

Prints `import rows=N seconds=S rows_per_s=R raw_rows_per_s=B ratio=R/B peak_mb=M`, where B
inserts the same rows into the same tables the import writes (people, waiting-list entries,
pathway events, timeline lines) with executemany and no validation or ORM. On PostgreSQL
`copy_rows_per_s=C` follows the ratio: the same rows again with COPY (the ratio stays
against executemany).
"""

import argparse
import csv
import datetime
import random
import time

from _setup import peak_mb, start


def write_backlog(path, rows: int) -> None:
    rng = random.Random(1)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        from assessflow.waiting.backlog import COLUMNS

        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for i in range(rows):
            born = datetime.date(1930, 1, 1) + datetime.timedelta(days=rng.randint(0, 20000))
            writer.writerow(
                [
                    f"B{i:08d}",
                    "Name",
                    f"Family{i % 997}",
                    born.isoformat(),
                    "",
                    f"{i % 200} High Street",
                    "LU1 2BQ",
                    "",
                    "Female",
                    "Physical support: Personal care support",
                    "annual_review",
                    rng.choice(["red", "amber", "green"]),
                    "2025-06-01",
                    "2026-06-01",
                    "",
                    "412.50",
                    "2023-02-01",
                    "Home care",
                ]
            )


def raw_insert(council_id: int, user_id: int, rows: int) -> float:
    """The same rows into the same four tables with executemany: the floor the import is measured against."""
    from django.db import connection, transaction
    from django.utils import timezone

    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        chunk = 5000
        for start_at in range(0, rows, chunk):
            ids = range(start_at, min(start_at + chunk, rows))
            cursor.executemany(
                "INSERT INTO people_person (council_id, external_reference, nhs_number, title, given_name, family_name, preferred_name,"
                " given_name_key, family_name_key, date_of_birth, address_line_1, address_line_2, town, postcode, phone, email, gender,"
                " ethnicity, client_type, primary_support_reason, accommodation_status, employment_status, has_unpaid_carer,"
                " autism_spectrum_disorder, visual_impairment, hearing_impairment, dementia, gp_practice_name, gp_practice_code,"
                " communication_needs, interpreter_language, last_review_on, review_due_on, version, created_at, updated_at)"
                " VALUES (%s,%s,'','',%s,%s,'',%s,%s,%s,%s,'','',%s,'','',"
                "%s,'','',%s,'','','','','','','','','','','',%s,%s,1,%s,%s)",
                [
                    (
                        council_id,
                        f"R{i:08d}",
                        "Name",
                        f"Family{i % 997}",
                        "name",
                        f"family{i % 997}",
                        datetime.date(1940, 1, 1),
                        f"{i % 200} High Street",
                        "LU1 2BQ",
                        "Female",
                        "Physical support: Personal care support",
                        datetime.date(2025, 6, 1),
                        datetime.date(2026, 6, 1),
                        now,
                        now,
                    )
                    for i in ids
                ],
            )
            # NOT (external_reference = '') repeats the partial unique index's condition, so the
            # database finds the new ids through that index instead of reading the whole council.
            cursor.execute(
                "SELECT id FROM people_person WHERE council_id = %s AND NOT (external_reference = '')"
                " AND external_reference >= %s AND external_reference <= %s",
                [council_id, f"R{ids[0]:08d}", f"R{ids[-1]:08d}"],
            )
            person_ids = [r[0] for r in cursor.fetchall()]
            cursor.executemany(
                "INSERT INTO waiting_waitinglistentry (council_id, person_id, work_type, priority, priority_rationale, status, added_at,"
                " due_on, version, imported_details) VALUES (%s,%s,'annual_review','amber','Imported','waiting',%s,%s,1,'{}')",
                [(council_id, pid, now, datetime.date(2026, 6, 1)) for pid in person_ids],
            )
            cursor.executemany(
                "INSERT INTO pathway_pathwayevent (council_id, person_id, work_item_type, work_item_id, event_type,"
                " occurred_at, recorded_at, actor_id, actor_role, from_status, to_status, reason_code, detail)"
                " VALUES (%s,%s,'waiting.waitinglistentry',%s,'waiting_list_added',%s,%s,%s,'','','waiting','amber','{}')",
                [(council_id, pid, str(pid), now, now, user_id) for pid in person_ids],
            )
            cursor.executemany(
                "INSERT INTO people_timelineentry (council_id, person_id, kind, occurred_at, recorded_at, title, summary, actor_name,"
                " object_type, object_id, url, significant) VALUES (%s,%s,'pathway',%s,%s,'Added by import','','bench',"
                "'waiting.waitinglistentry',%s,'',%s)",
                [(council_id, pid, now, now, str(pid), False) for pid in person_ids],
            )
    return time.perf_counter() - started


PERSON_COLUMNS = (
    "council_id, external_reference, nhs_number, title, given_name, family_name, preferred_name, given_name_key,"
    " family_name_key, date_of_birth, address_line_1, address_line_2, town, postcode, phone, email, gender, ethnicity,"
    " client_type, primary_support_reason, accommodation_status, employment_status, has_unpaid_carer,"
    " autism_spectrum_disorder, visual_impairment, hearing_impairment, dementia, gp_practice_name, gp_practice_code,"
    " communication_needs, interpreter_language, last_review_on, review_due_on, version, created_at, updated_at"
)


def raw_copy(council_id: int, user_id: int, rows: int) -> float:
    """The same rows into the same four tables with PostgreSQL's COPY, reported beside the executemany floor."""
    from django.db import connection, transaction
    from django.utils import timezone

    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor

        def copy(sql, values):
            with cursor.copy(sql) as stream:
                for row in values:
                    stream.write_row(row)

        chunk = 5000
        for start_at in range(0, rows, chunk):
            ids = range(start_at, min(start_at + chunk, rows))
            copy(
                f"COPY people_person ({PERSON_COLUMNS}) FROM STDIN",
                (
                    (
                        council_id,
                        f"C{i:08d}",
                        "",
                        "",
                        "Name",
                        f"Family{i % 997}",
                        "",
                        "name",
                        f"family{i % 997}",
                        datetime.date(1940, 1, 1),
                        f"{i % 200} High Street",
                        "",
                        "",
                        "LU1 2BQ",
                        "",
                        "",
                        "Female",
                        "",
                        "",
                        "Physical support: Personal care support",
                        *([""] * 11),
                        datetime.date(2025, 6, 1),
                        datetime.date(2026, 6, 1),
                        1,
                        now,
                        now,
                    )
                    for i in ids
                ),
            )
            cursor.execute(
                "SELECT id FROM people_person WHERE council_id = %s AND NOT (external_reference = '')"
                " AND external_reference >= %s AND external_reference <= %s",
                [council_id, f"C{ids[0]:08d}", f"C{ids[-1]:08d}"],
            )
            person_ids = [r[0] for r in cursor.fetchall()]
            copy(
                "COPY waiting_waitinglistentry (council_id, person_id, work_type, priority, priority_rationale, status,"
                " added_at, due_on, version, imported_details) FROM STDIN",
                (
                    (
                        council_id,
                        pid,
                        "annual_review",
                        "amber",
                        "Imported",
                        "waiting",
                        now,
                        datetime.date(2026, 6, 1),
                        1,
                        "{}",
                    )
                    for pid in person_ids
                ),
            )
            copy(
                "COPY pathway_pathwayevent (council_id, person_id, work_item_type, work_item_id, event_type,"
                " occurred_at, recorded_at, actor_id, actor_role, from_status, to_status, reason_code, detail) FROM STDIN",
                (
                    (
                        council_id,
                        pid,
                        "waiting.waitinglistentry",
                        str(pid),
                        "waiting_list_added",
                        now,
                        now,
                        user_id,
                        "",
                        "",
                        "waiting",
                        "amber",
                        "{}",
                    )
                    for pid in person_ids
                ),
            )
            copy(
                "COPY people_timelineentry (council_id, person_id, kind, occurred_at, recorded_at, title, summary,"
                " actor_name, object_type, object_id, url, significant) FROM STDIN",
                (
                    (
                        council_id,
                        pid,
                        "pathway",
                        now,
                        now,
                        "Added by import",
                        "",
                        "bench",
                        "waiting.waitinglistentry",
                        str(pid),
                        "",
                        False,
                    )
                    for pid in person_ids
                ),
            )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    workdir = start()
    from django.core.files.base import File
    from django.db import connection
    from django_scopes import scopes_disabled

    from assessflow.tenancy.models import Membership, Organisation, User
    from assessflow.waiting import backlog_services
    from assessflow.waiting.models import BacklogImport

    path = workdir / "backlog.csv"
    write_backlog(path, args.rows)
    with scopes_disabled():
        council = Organisation.objects.create(kind="council", name="Bench Council")
        floor = Organisation.objects.create(kind="council", name="Executemany Council")
        user = User.objects.create_user("bench@example.org", full_name="Bench Admin")
        Membership.objects.create(user=user, organisation=council, role="council_admin")

        started = time.perf_counter()
        job = BacklogImport(council=council, uploaded_by=user, original_name="backlog.csv")
        with open(path, "rb") as handle:
            job.file.save("bench/backlog.csv", File(handle), save=True)
        backlog_services.check(job.pk)
        job.refresh_from_db()
        job.status = BacklogImport.Status.IMPORTING
        job.save(update_fields=["status"])
        backlog_services.publish_rows(job.pk, user.pk)
        seconds = time.perf_counter() - started
        job.refresh_from_db()
        assert job.entries_created == args.rows, (job.status, job.entries_created, job.errors[:3])
        raw_seconds = raw_insert(floor.pk, user.pk, args.rows)
        copy = ""
        if connection.vendor == "postgresql":
            copied = Organisation.objects.create(kind="council", name="COPY Council")
            copy = f"copy_rows_per_s={args.rows / raw_copy(copied.pk, user.pk, args.rows):.0f} "
    rate, raw_rate = args.rows / seconds, args.rows / raw_seconds
    print(
        f"import rows={args.rows} seconds={seconds:.1f} rows_per_s={rate:.0f} raw_rows_per_s={raw_rate:.0f} "
        f"ratio={rate / raw_rate:.2f} {copy}peak_mb={peak_mb()}"
    )


if __name__ == "__main__":
    main()
