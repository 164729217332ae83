"""Times the waiting list page at scale, through Django's test client (so rendering is in the figure).

    python benchmarks/waiting_list.py --cases 1000000

Loads N open entries, then requests the first page, a middle page (by key) and a filtered page
200 times each, with a writer adding entries between requests, and prints
`waiting_list cases=N p50_ms=… p95_ms=…`.
"""

import argparse
import datetime
import random
import statistics
import time

from _setup import start


def load(council_id: int, cases: int) -> None:
    """People and their open entries, inserted directly: loading is not what is measured."""
    from django.db import connection, transaction
    from django.utils import timezone

    rng = random.Random(7)
    base = timezone.now() - datetime.timedelta(days=400)
    with transaction.atomic(), connection.cursor() as cursor:
        for start_at in range(0, cases, 10000):
            ids = range(start_at, min(start_at + 10000, cases))
            cursor.executemany(
                "INSERT INTO people_person (council_id, external_reference, nhs_number, title, given_name, family_name, preferred_name,"
                " given_name_key, family_name_key, date_of_birth, address_line_1, address_line_2, town, postcode, phone, email, gender,"
                " ethnicity, client_type, primary_support_reason, accommodation_status, employment_status, has_unpaid_carer,"
                " autism_spectrum_disorder, visual_impairment, hearing_impairment, dementia, gp_practice_name, gp_practice_code,"
                " communication_needs, interpreter_language, version, created_at, updated_at)"
                " VALUES (%s,%s,'','','Name',%s,'','name',%s,%s,'','','','','','','','','','','','','','','','','','','','','',1,%s,%s)",
                [
                    (
                        council_id,
                        f"W{i:08d}",
                        f"Family{i % 997}",
                        f"family{i % 997}",
                        datetime.date(1940, 1, 1),
                        base,
                        base,
                    )
                    for i in ids
                ],
            )
            cursor.execute(
                "SELECT id FROM people_person WHERE council_id = %s AND external_reference BETWEEN %s AND %s ORDER BY id",
                [council_id, f"W{ids[0]:08d}", f"W{ids[-1]:08d}"],
            )
            person_ids = [r[0] for r in cursor.fetchall()]
            cursor.executemany(
                "INSERT INTO waiting_waitinglistentry (council_id, person_id, work_type, priority, priority_rationale, status,"
                " added_at, due_on, version, imported_details) VALUES (%s,%s,%s,%s,'Bench','waiting',%s,%s,1,'{}')",
                [
                    (
                        council_id,
                        pid,
                        rng.choice(
                            ["annual_review", "needs_assessment", "six_week_review", "carers_assessment", "dols"]
                        ),
                        rng.choice(["red", "amber", "green"]),
                        base + datetime.timedelta(minutes=n),
                        (base + datetime.timedelta(days=rng.randint(0, 500))).date(),
                    )
                    for n, pid in zip(ids, person_ids, strict=True)
                ],
            )
    from assessflow.waiting.tallies import rebuild_tallies

    rebuild_tallies(council_id)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    start()
    from django.test import Client
    from django_scopes import scopes_disabled

    from assessflow.tenancy.models import Membership, Organisation, User
    from assessflow.tests.factories import PersonFactory
    from assessflow.waiting.models import WaitingListEntry

    with scopes_disabled():
        council = Organisation.objects.create(kind="council", name="Bench Council")
        user = User.objects.create_user("bench@example.org", full_name="Bench Officer")
        Membership.objects.create(user=user, organisation=council, role="front_door")
        load(council.pk, args.cases)
    client = Client()
    client.force_login(user)
    first = client.get("/waiting/")
    assert first.status_code == 200
    # A key from the middle of the list, as "next" links carry.
    with scopes_disabled():
        middle = WaitingListEntry.objects.filter(council=council).order_by("added_at", "pk")[args.cases // 2]
    cursor = f"{middle.added_at.isoformat()}_{middle.pk}"
    pages = [{}, {"after": cursor}, {"priority": "red", "work_type": "dols"}]
    timings = []
    from assessflow.audit.actor import Actor
    from assessflow.waiting.services import add_entry

    with scopes_disabled():
        writer_person = PersonFactory(council=council)
    for n in range(args.repeat):
        for params in pages:
            began = time.perf_counter()
            response = client.get("/waiting/", params)
            timings.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200
        if n % 10 == 0:  # writes keep arriving while people read the list
            with scopes_disabled():
                add_entry(
                    actor=Actor.system("bench", user=user),
                    person=writer_person,
                    work_type="annual_review",
                    priority="amber",
                    rationale="Bench write",
                )
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"waiting_list cases={args.cases} p50_ms={statistics.median(timings):.1f} p95_ms={p95:.1f}")


if __name__ == "__main__":
    main()
