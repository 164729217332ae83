"""Backlog import: upload, check every row in the background, then publish in one transaction.

Nothing is written to people or waiting lists until the whole file has been checked,
and then only if every row is valid or the administrator chose to import just the
valid ones. A case is matched on the council's reference, then the NHS number, so
importing the same or an overlapping file again adds nothing twice.
"""

import uuid
from collections import defaultdict
from itertools import compress

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled
from django_tasks import task

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access
from assessflow.tenancy.models import Contract, Organisation, User

from .backlog import MAX_ERRORS_KEPT, ColumnChecker, Problem, UnreadableFile, read_batches
from .backlog_publish import Publisher
from .backlog_scratch import Repeats, read_checked, write_checked
from .models import BacklogImport

CHUNK = 5000  # rows read, checked and written at a time: also how often the progress bar moves


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


def _checked_name(job: BacklogImport) -> str:
    """Where the check keeps the rows it found valid, beside the upload."""
    return f"{job.file.name}.checked"


def _estimate_rows(job: BacklogImport) -> int:
    """Lines in a CSV, counted without parsing, for the progress bar; the check sets the exact count."""
    if job.original_name.lower().endswith(".xlsx"):
        return 0
    lines = 0
    with job.file.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            lines += block.count(b"\n")
    return max(lines - 1, 0)


class _Report:
    """The first problems found, in file order, and how many rows had any."""

    def __init__(self) -> None:
        self.errors: list[dict] = []
        self.bad_rows = 0

    def add(self, problems: list[Problem]) -> None:
        for problem in problems[: MAX_ERRORS_KEPT - len(self.errors)]:
            self.errors.append({"row": problem.row, "column": problem.column, "message": problem.message})

    @property
    def full(self) -> bool:
        return len(self.errors) >= MAX_ERRORS_KEPT


class _Workers:
    """Whether an email is a worker's of the council or its providers, asked once per address."""

    def __init__(self, council: Organisation) -> None:
        self.council, self.known = council, {}

    def unknown(self, emails: list[str]) -> list[int]:
        """The indexes of the emails that are not blank and not a worker's."""
        if len(self.known) > 10_000:  # bounded: start again rather than grow with the file
            self.known.clear()
        asked = set(emails).difference(self.known)
        asked.discard("")
        if asked:
            found = _known_workers(self.council, asked)
            self.known.update((email, email in found) for email in asked)
        return [i for i, email in enumerate(emails) if email and not self.known.get(email, True)]


def _check_batch(batch, checker: ColumnChecker, repeats: Repeats, workers: _Workers, report: _Report) -> dict | None:
    """Report the batch's problems; return its valid rows by column (with their row numbers), or None."""
    clean, bad = checker.check(batch)
    extra: dict[int, list[Problem]] = defaultdict(list)
    raw = batch.columns.get("nhs_number") or clean["nhs_number"]
    for column, values, shown in (
        ("external_reference", clean["external_reference"], clean["external_reference"]),
        ("nhs_number", clean["nhs_number"], raw),
    ):
        for i in repeats.repeated(column, values):
            extra[i].append(Problem(batch.numbers[i], column, f"{shown[i]!r} is used by an earlier row"))
    for i in workers.unknown(clean["allocated_worker"]):
        email = clean["allocated_worker"][i]
        message = f"No worker of this council or its providers has the email {email!r}"
        extra[i].append(Problem(batch.numbers[i], "allocated_worker", message))
    refused = sorted(bad.union(extra))
    report.bad_rows += len(refused)
    for i in refused:
        if report.full:
            break
        report.add((checker.problems(batch, i) if i in bad else []) + extra.get(i, []))
    if len(refused) == len(batch.numbers):
        return None
    clean["row"] = batch.numbers
    if refused:
        keep = [True] * len(batch.numbers)
        for i in refused:
            keep[i] = False
        clean = {name: list(compress(values, keep)) for name, values in clean.items()}
    return clean


def check(job_id: int) -> None:
    """Check every row, keeping the first problems, the counts and the valid rows; progress is saved as it goes."""
    job = BacklogImport.objects.select_related("council").get(pk=job_id)
    storage, staged = job.file.storage, _checked_name(job)
    storage.delete(staged)  # a check run again starts afresh
    checker, workers, report = ColumnChecker(today=timezone.localdate()), _Workers(job.council), _Report()
    total = valid = 0
    try:
        BacklogImport.objects.filter(pk=job.pk).update(rows_total=_estimate_rows(job))
        with job.file.open("rb") as handle, storage.open(staged, "wb") as out, Repeats() as repeats:
            for batch in read_batches(job.original_name, handle, size=CHUNK):
                rows = _check_batch(batch, checker, repeats, workers, report)
                if rows:
                    write_checked(out, rows)
                    valid += len(rows["row"])
                total += len(batch.numbers)
                BacklogImport.objects.filter(pk=job.pk).update(rows_checked=total)
    except UnreadableFile as error:
        storage.delete(staged)
        BacklogImport.objects.filter(pk=job.pk).update(
            status=BacklogImport.Status.FAILED, failure=str(error), finished_at=timezone.now()
        )
        return
    BacklogImport.objects.filter(pk=job.pk).update(
        status=BacklogImport.Status.CHECKED,
        rows_total=total,
        rows_checked=total,
        rows_valid=valid,
        error_rows=report.bad_rows,
        errors=sorted(report.errors, key=lambda e: (e["row"], e["column"])),
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
    if not job.file.storage.exists(_checked_name(job)):
        # The rows the check kept are gone (a job checked before they were kept, or storage lost them):
        # check the file again rather than leave the job stuck; its page shows the check's progress.
        with transaction.atomic():
            BacklogImport.objects.filter(pk=job.pk, status=BacklogImport.Status.CHECKED).update(
                status=BacklogImport.Status.VALIDATING, rows_checked=0
            )
            transaction.on_commit(lambda: check_backlog.enqueue(job.pk))
        job.refresh_from_db()
        return job
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
    """Write the rows the check kept in one transaction, a batch at a time so memory stays bounded."""
    job = BacklogImport.objects.select_related("council", "contract").get(pk=job_id)
    actor = Actor.system("backlog import", user=User.objects.get(pk=user_id))
    storage, staged = job.file.storage, _checked_name(job)
    publisher = Publisher(job, actor)
    with transaction.atomic():
        with storage.open(staged, "rb") as handle:
            for rows in read_checked(handle):
                publisher.publish(rows)
        totals = publisher.finish()
        BacklogImport.objects.filter(pk=job.pk).update(
            status=BacklogImport.Status.IMPORTED, finished_at=timezone.now(), **totals
        )
        # The kept rows are personal data: once they are in the database, no copy is left behind.
        transaction.on_commit(lambda: storage.delete(staged))


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
