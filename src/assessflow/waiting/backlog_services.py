"""Backlog import: upload, check every row in the background, then publish in one transaction.

Nothing is written to people or waiting lists until the whole file has been checked,
and then only if every row is valid or the administrator chose to import just the
valid ones. A case is matched on the council's reference, then the NHS number, so
importing the same or an overlapping file again adds nothing twice.
"""

import datetime
import uuid
from collections.abc import Iterator

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled
from django_tasks import task

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access
from assessflow.fast_insert import insert_rows
from assessflow.pathway.models import EventType, PathwayEvent
from assessflow.people.identity import normalise_name
from assessflow.people.models import Handover, Person, TimelineEntry
from assessflow.tenancy.models import Contract, Organisation, User

from .backlog import MAX_ERRORS_KEPT, Problem, UnreadableFile, check_row, read_rows
from .models import BacklogImport, WaitingListEntry, WorkType
from .tallies import bump_many
from .timescales import due_date

CHUNK = 5000
PROGRESS_EVERY = 1000


class ImportNotReady(Exception):
    pass


def start_import(
    *, actor: Actor, council: Organisation, name: str, content: bytes, contract: Contract | None
) -> BacklogImport:
    job = BacklogImport(council=council, uploaded_by=actor.user, original_name=name[:200], contract=contract)
    extension = "xlsx" if name.lower().endswith(".xlsx") else "csv"
    with transaction.atomic():
        job.file.save(f"{council.pk}/{uuid.uuid4().hex}.{extension}", ContentFile(content), save=False)
        job.save()
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action="backlog.uploaded",
            obj=job,
            council_id=council.pk,
            detail={"file": job.original_name, "bytes": len(content)},
        )
        transaction.on_commit(lambda: check_backlog.enqueue(job.pk))
    return job


def _rows(job: BacklogImport) -> Iterator[tuple[int, dict]]:
    with job.file.open("rb") as handle:
        yield from read_rows(job.original_name, handle)


def _checked_rows(job: BacklogImport, today: datetime.date, on_problem, on_progress=None) -> Iterator[dict]:
    """Clean rows in file order; problems, including a reference used twice, go to on_problem.
    on_progress, if given, hears how many rows have been read, every so often and once at the end."""
    seen: set[str] = set()
    count = 0
    for count, (number, row) in enumerate(_rows(job), start=1):
        clean, problems = check_row(number, row, today=today)
        reference = row.get("external_reference", "")
        if reference and reference in seen:
            problems.append(Problem(number, "external_reference", f"{reference!r} is used by an earlier row"))
            clean = None
        seen.add(reference)
        for problem in problems:
            on_problem(problem)
        if clean is not None:
            clean["row"] = number
            yield clean
        if on_progress and count % PROGRESS_EVERY == 0:
            on_progress(count)
    if on_progress:
        on_progress(count)


def _estimate_rows(job: BacklogImport) -> int:
    """Lines in a CSV, counted without parsing, for the progress bar; the check sets the exact count."""
    if job.original_name.lower().endswith(".xlsx"):
        return 0
    lines = 0
    with job.file.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            lines += block.count(b"\n")
    return max(lines - 1, 0)


def check(job_id: int) -> None:
    """Check every row, keeping the first problems and the counts; progress is saved as it goes."""
    job = BacklogImport.objects.get(pk=job_id)
    errors: list[dict] = []
    bad_rows: set[int] = set()

    def on_problem(problem: Problem) -> None:
        bad_rows.add(problem.row)
        if len(errors) < MAX_ERRORS_KEPT:
            errors.append({"row": problem.row, "column": problem.column, "message": problem.message})

    read = {"rows": 0}

    def progress(n: int) -> None:
        read["rows"] = n
        BacklogImport.objects.filter(pk=job.pk).update(rows_checked=n)

    try:
        BacklogImport.objects.filter(pk=job.pk).update(rows_total=_estimate_rows(job))
        workers = set()
        valid = 0
        for clean in _checked_rows(job, timezone.localdate(), on_problem, progress):
            valid += 1
            if clean["allocated_worker"]:
                workers.add((clean["row"], clean["allocated_worker"]))
        total = read["rows"]
        known = _known_workers(job.council, {email for _, email in workers})
        for row, email in sorted(workers):
            if email not in known:
                on_problem(
                    Problem(
                        row, "allocated_worker", f"No worker of this council or its providers has the email {email!r}"
                    )
                )
                valid -= 1
    except UnreadableFile as error:
        BacklogImport.objects.filter(pk=job.pk).update(
            status=BacklogImport.Status.FAILED, failure=str(error), finished_at=timezone.now()
        )
        return
    BacklogImport.objects.filter(pk=job.pk).update(
        status=BacklogImport.Status.CHECKED,
        rows_total=total,
        rows_checked=total,
        rows_valid=max(valid, 0),
        error_rows=len(bad_rows),
        errors=sorted(errors, key=lambda e: (e["row"], e["column"])),
    )


def _known_workers(council: Organisation, emails: set[str]) -> set[str]:
    if not emails:
        return set()
    providers = Contract.objects.filter(council=council).values_list("provider_id", flat=True)
    return set(
        User.objects.filter(email__in=emails, memberships__organisation_id__in=[council.pk, *providers]).values_list(
            "email", flat=True
        )
    )


def publish(*, actor: Actor, job: BacklogImport, only_valid_rows: bool) -> BacklogImport:
    """Start writing the checked file: all of it, or (when chosen) only its valid rows."""
    if job.status != BacklogImport.Status.CHECKED:
        raise ImportNotReady("This file has not finished being checked, or has already been imported.")
    if job.error_rows and not only_valid_rows:
        raise ImportNotReady("Some rows have problems: fix the file, or choose to import only the valid rows.")
    with transaction.atomic():
        claimed = BacklogImport.objects.filter(pk=job.pk, status=BacklogImport.Status.CHECKED).update(
            status=BacklogImport.Status.IMPORTING, only_valid_rows=only_valid_rows
        )
        if claimed != 1:
            raise ImportNotReady("This file is already being imported.")
        transaction.on_commit(lambda: publish_backlog.enqueue(job.pk, actor.user.pk))
    job.refresh_from_db()
    return job


def publish_rows(job_id: int, user_id: int) -> None:
    """Write every valid row in one transaction, a chunk at a time so memory stays bounded."""
    job = BacklogImport.objects.select_related("council", "contract").get(pk=job_id)
    actor = Actor.system("backlog import", user=User.objects.get(pk=user_id))
    totals = {"people_created": 0, "people_updated": 0, "entries_created": 0}
    with transaction.atomic():
        chunk: list[dict] = []
        for clean in _checked_rows(job, timezone.localdate(), on_problem=lambda problem: None):
            chunk.append(clean)
            if len(chunk) >= CHUNK:
                _publish_chunk(job, actor, chunk, totals)
                chunk = []
        if chunk:
            _publish_chunk(job, actor, chunk, totals)
        BacklogImport.objects.filter(pk=job.pk).update(
            status=BacklogImport.Status.IMPORTED, finished_at=timezone.now(), **totals
        )


PERSON_FIELDS = (
    "given_name",
    "family_name",
    "date_of_birth",
    "address_line_1",
    "postcode",
    "phone",
    "gender",
    "primary_support_reason",
    "last_review_on",
    "review_due_on",
)
PACKAGE_FIELDS = ("allocated_worker", "package_weekly_pence", "package_start_on", "package_services", "last_review_on")


def _defaults(model) -> dict:
    """Every column of a new row, at its model default: the database itself has no defaults."""
    return {f.attname: f.get_default() for f in model._meta.concrete_fields if not f.primary_key}


def _publish_chunk(job: BacklogImport, actor: Actor, rows: list[dict], totals: dict) -> None:
    council = job.council
    references = [r["external_reference"] for r in rows]
    people = {
        p.external_reference: p for p in Person.objects.filter(council=council, external_reference__in=references)
    }
    unmatched_nhs = [r["nhs_number"] for r in rows if r["nhs_number"] and r["external_reference"] not in people]
    by_nhs = (
        {p.nhs_number: p for p in Person.objects.filter(council=council, nhs_number__in=unmatched_nhs)}
        if unmatched_nhs
        else {}
    )
    new_rows, changed = [], {}
    base = {**_defaults(Person), "council_id": council.pk}
    for row in rows:
        person = people.get(row["external_reference"]) or by_nhs.get(row["nhs_number"])
        values = {f: row[f] for f in PERSON_FIELDS if row.get(f) not in (None, "")}
        if person is None:
            new_rows.append(
                {
                    **base,
                    **values,
                    "external_reference": row["external_reference"],
                    "nhs_number": row["nhs_number"],
                    "given_name_key": normalise_name(row["given_name"]),
                    "family_name_key": normalise_name(row["family_name"]),
                }
            )
            continue
        for field, value in values.items():
            setattr(person, field, value)
        person.external_reference = person.external_reference or row["external_reference"]
        person.given_name_key = normalise_name(person.given_name)
        person.family_name_key = normalise_name(person.family_name)
        person.version += 1
        changed[person.pk] = person
        people[row["external_reference"]] = person
    insert_rows(Person, new_rows)
    Person.objects.bulk_update(
        list(changed.values()), [*PERSON_FIELDS, "external_reference", "given_name_key", "family_name_key", "version"]
    )
    ids = dict(
        Person.objects.filter(council=council, external_reference__in=references).values_list(
            "external_reference", "pk"
        )
    )
    for person in changed.values():
        ids.setdefault(person.external_reference, person.pk)
    person_ids = {
        r["external_reference"]: ids.get(r["external_reference"]) or people[r["external_reference"]].pk for r in rows
    }
    totals["people_created"] += len(new_rows)
    totals["people_updated"] += len(changed)
    _entries(job, actor, rows, person_ids, totals)
    record_access(
        actor=actor,
        kind=AccessEvent.Kind.CHANGE,
        action="backlog.imported",
        obj=job,
        council_id=council.pk,
        fields=list(PERSON_FIELDS),
        detail={"people": sorted(set(person_ids.values()))},
    )


def _entries(job: BacklogImport, actor: Actor, rows: list[dict], person_ids: dict, totals: dict) -> None:
    ids = sorted(set(person_ids.values()))
    open_entries = set(
        WaitingListEntry.objects.filter(person_id__in=ids, status=WaitingListEntry.Status.WAITING).values_list(
            "person_id", "work_type"
        )
    )
    now = timezone.now()
    today = timezone.localdate(now)
    base = {**_defaults(WaitingListEntry), "council_id": job.council_id, "added_at": now}
    new_entries = []
    for row in rows:
        person_id = person_ids[row["external_reference"]]
        if (person_id, row["work_type"]) in open_entries:
            continue
        open_entries.add((person_id, row["work_type"]))
        new_entries.append(
            {
                **base,
                "person_id": person_id,
                "work_type": row["work_type"],
                "priority": row["priority"],
                "priority_rationale": f"Imported from {job.original_name}, row {row['row']}",
                "due_on": row["review_due_on"] or due_date(added_on=today, priority=row["priority"], working_days=None),
                "imported_details": {
                    k: (v.isoformat() if isinstance(v, datetime.date) else v)
                    for k, v in row.items()
                    if k in PACKAGE_FIELDS and v
                },
            }
        )
    insert_rows(WaitingListEntry, new_entries)
    saved = list(
        WaitingListEntry.objects.filter(person_id__in=ids, added_at=now, council_id=job.council_id).only(
            "pk", "person_id", "work_type", "priority", "team_id", "council_id", "status", "due_on"
        )
    )
    bump_many(saved)
    totals["entries_created"] += len(saved)
    pathway, timeline = _defaults(PathwayEvent), _defaults(TimelineEntry)
    insert_rows(
        PathwayEvent,
        [
            {
                **pathway,
                "council_id": job.council_id,
                "person_id": e.person_id,
                "work_item_type": "waiting.waitinglistentry",
                "work_item_id": str(e.pk),
                "event_type": EventType.WAITING_LIST_ADDED,
                "at": now,
                "actor_id": actor.user.pk,
                "to_status": e.status,
                "reason_code": e.priority,
                "detail": {"import": job.pk},
            }
            for e in saved
        ],
    )
    insert_rows(
        TimelineEntry,
        [
            {
                **timeline,
                "council_id": job.council_id,
                "person_id": e.person_id,
                "kind": "pathway",
                "occurred_at": now,
                "recorded_at": now,
                "title": f"Added to the {WorkType(e.work_type).label.lower()} waiting list by a backlog import",
                "actor_name": actor.name,
                "object_type": "waiting.waitinglistentry",
                "object_id": str(e.pk),
            }
            for e in saved
        ],
    )
    if job.contract_id:
        handed = set(
            Handover.objects.filter(person_id__in=ids, contract=job.contract, ended_at__isnull=True).values_list(
                "person_id", flat=True
            )
        )
        Handover.objects.bulk_create(
            Handover(council=job.council, person_id=pid, contract=job.contract) for pid in sorted(set(ids) - handed)
        )


# Background tasks: they take ids, and are safe to run twice (each checks the job's status first).
@task()
def check_backlog(job_id: int) -> None:
    with scopes_disabled():  # a worker has no request: the job row names its council
        if BacklogImport.objects.filter(pk=job_id, status=BacklogImport.Status.VALIDATING).exists():
            check(job_id)


@task()
def publish_backlog(job_id: int, user_id: int) -> None:
    with scopes_disabled():
        if BacklogImport.objects.filter(pk=job_id, status=BacklogImport.Status.IMPORTING).exists():
            publish_rows(job_id, user_id)
