"""Backlog import: upload, match, check every row in the background, then publish in one transaction.

A file in the template's shape is checked at once; any other file (a council's handover from its old
system) is read first, then its administrator matches its columns and values to Assessflow's.
Nothing is written to people or waiting lists until the whole file has been checked,
and then only if every row is valid or the administrator chose to import just the
valid ones. A case is matched on the council's reference, then the NHS number, so
importing the same or an overlapping file again adds nothing twice. The uploaded file and the
rows kept from it hold personal data: they are removed once the import is published, abandoned
or has failed.
"""

import io
import logging
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

from .actions import AccessAction
from .backlog import (
    MAX_ERRORS_KEPT,
    ColumnChecker,
    Problem,
    UnreadableFile,
    is_template_header,
    read_batches,
    read_lines,
)
from .backlog_publish import Publisher
from .backlog_scratch import Repeats, read_checked, write_checked
from .backlog_survey import survey_file
from .backlog_workers import Workers
from .extensions import backlog_published
from .models import BacklogImport, BacklogMapping

CHUNK = 5000  # rows read, checked and written at a time: also how often the progress bar moves
logger = logging.getLogger(__name__)
Status = BacklogImport.Status


class ImportNotReady(Exception):
    pass


def start_import(
    *,
    actor: Actor,
    council: Organisation,
    name: str,
    content: bytes,
    contract: Contract | None,
    saved: BacklogMapping | None = None,
) -> BacklogImport:
    """Keep the upload; check it at once when it has the template's columns, else read it for matching."""
    job = BacklogImport(council=council, uploaded_by=actor.user, original_name=name[:200], contract=contract)
    as_template = saved is None and _has_template_header(name, content)
    job.status = Status.VALIDATING if as_template else Status.READING
    job.mapping = saved.mapping if saved else {}  # the starting point the matching page offers
    extension = "xlsx" if name.lower().endswith(".xlsx") else "csv"
    with transaction.atomic():
        job.file.save(f"{council.pk}/{uuid.uuid4().hex}.{extension}", ContentFile(content), save=False)
        job.save()
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.BACKLOG_UPLOADED,
            obj=job,
            council_id=council.pk,
            detail={"file": job.original_name, "bytes": len(content), "mapping": saved.name if saved else ""},
        )
        transaction.on_commit(lambda: (check_backlog if as_template else read_backlog).enqueue(job.pk))
    return job


def _has_template_header(name: str, content: bytes) -> bool:
    try:
        return is_template_header(next(read_lines(name, io.BytesIO(content)), []))
    except Exception:  # any unreadable file: reading it in the background says why
        return False


def read(job_id: int) -> None:
    """Read the file once for its matching page: headers, rows, and the values of its columns."""
    job = BacklogImport.objects.get(pk=job_id)
    try:
        with job.file.open("rb") as handle:
            found = survey_file(job.original_name, handle)
    except Exception as error:  # any failure is the job's, shown to its administrator
        _fail(job, error, stage="Reading the file")
        return
    BacklogImport.objects.filter(pk=job.pk, status=Status.READING).update(
        status=Status.MAPPING, survey=found, rows_total=found["rows"], rows_checked=0
    )


def set_mapping(*, actor: Actor, job: BacklogImport, mapping: dict, save_as: str = "") -> BacklogImport:
    """Check the file as matched; `save_as` also keeps the matching, under that name, for the council's next file."""
    with transaction.atomic():
        claimed = BacklogImport.objects.filter(pk=job.pk, status=Status.MAPPING).update(
            status=Status.VALIDATING, mapping=mapping, rows_checked=0
        )
        if claimed != 1:
            raise ImportNotReady("This file is no longer waiting for its columns to be matched.")
        if save_as:
            BacklogMapping.objects.update_or_create(
                council_id=job.council_id,
                name=save_as,
                defaults={"mapping": mapping, "saved_by": actor.acting_user, "saved_at": timezone.now()},
            )
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.BACKLOG_MAPPED,
            obj=job,
            council_id=job.council_id,
            detail={"columns": mapping.get("columns", {}), "saved_as": save_as},
        )
        transaction.on_commit(lambda: check_backlog.enqueue(job.pk))
    job.refresh_from_db()
    return job


def rematch(*, actor: Actor, job: BacklogImport) -> BacklogImport:
    """Back from the check's report to the matching page, to match a value the check refused."""
    with transaction.atomic():
        claimed = BacklogImport.objects.filter(pk=job.pk, status=Status.CHECKED).update(
            status=Status.READING, rows_checked=0, rows_valid=0, error_rows=0, errors=[]
        )
        if claimed != 1:
            raise ImportNotReady("Only a checked file that is not yet imported can be matched again.")
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.BACKLOG_REMATCHED,
            obj=job,
            council_id=job.council_id,
        )
        staged = _checked_name(job)
        transaction.on_commit(lambda: job.file.storage.delete(staged))
        transaction.on_commit(lambda: read_backlog.enqueue(job.pk))
    job.refresh_from_db()
    return job


def abandon(*, actor: Actor, job: BacklogImport) -> BacklogImport:
    """Give up an import that is waiting on its administrator; its file and kept rows are removed."""
    with transaction.atomic():
        claimed = BacklogImport.objects.filter(pk=job.pk, status__in=ABANDONABLE).update(
            status=Status.ABANDONED, finished_at=timezone.now(), survey={}, file=""
        )
        if claimed != 1:
            raise ImportNotReady("This import cannot be abandoned now: it is being checked or imported, or is over.")
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.BACKLOG_ABANDONED,
            obj=job,
            council_id=job.council_id,
            detail={"file": job.original_name},
        )
        _remove_files_on_commit(job)
    job.refresh_from_db()
    return job


ABANDONABLE = (Status.READING, Status.MAPPING, Status.CHECKED)


def _remove_files_on_commit(job: BacklogImport) -> None:
    """The upload and the rows kept from it hold personal data: remove both once the change is committed."""
    storage, names = job.file.storage, [name for name in (job.file.name, _checked_name(job)) if name]

    def remove() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(remove)


def _fail(job: BacklogImport, error: Exception, *, stage: str) -> None:
    """End the job with a reason its administrator sees; nothing of the file stays behind."""
    if isinstance(error, UnreadableFile):
        reason = str(error)
    else:
        logger.exception("Backlog import %s: %s stopped", job.pk, stage.lower())
        reason = (
            f"{stage} stopped on a problem we did not expect ({type(error).__name__}: {error}). "
            "Nothing was imported. Upload the file again; if it stops again, send this message to your support team."
        )
    with transaction.atomic():
        BacklogImport.objects.filter(pk=job.pk).exclude(status=Status.ABANDONED).update(
            status=Status.FAILED, failure=reason[:2000], finished_at=timezone.now(), survey={}, file=""
        )
        _remove_files_on_commit(job)


def _checked_name(job: BacklogImport) -> str:
    """Where the check keeps the rows it found valid, beside the upload."""
    return f"{job.file.name}.checked" if job.file.name else ""


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


def _check_batch(batch, checker: ColumnChecker, repeats: Repeats, workers: Workers, report: _Report) -> dict | None:
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
    clean["allocated_worker"], unmatched = workers.resolve(clean["allocated_worker"])
    for i, message in unmatched.items():
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
    """Check every row, keeping the first problems, the counts and the valid rows; progress is saved as it goes.
    Whatever stops the check fails the job with the reason, never leaves it checking for ever."""
    job = BacklogImport.objects.select_related("council").get(pk=job_id)
    try:
        _check(job)
    except Exception as error:  # any failure is the job's, shown to its administrator
        _fail(job, error, stage="The check")


def _check(job: BacklogImport) -> None:
    storage, staged = job.file.storage, _checked_name(job)
    storage.delete(staged)  # a check run again starts afresh
    checker = ColumnChecker(today=timezone.localdate(), values=job.mapping.get("values"))
    workers, report = Workers(job.council), _Report()
    total = valid = 0
    if not job.rows_total:  # reading the file for its matching counted the rows exactly
        BacklogImport.objects.filter(pk=job.pk).update(rows_total=_estimate_rows(job))
    with job.file.open("rb") as handle, storage.open(staged, "wb") as out, Repeats() as repeats:
        for batch in read_batches(job.original_name, handle, size=CHUNK, columns=job.mapping.get("columns")):
            rows = _check_batch(batch, checker, repeats, workers, report)
            if rows:
                write_checked(out, rows)
                valid += len(rows["row"])
            total += len(batch.numbers)
            BacklogImport.objects.filter(pk=job.pk).update(rows_checked=total)
    BacklogImport.objects.filter(pk=job.pk).update(
        status=BacklogImport.Status.CHECKED,
        rows_total=total,
        rows_checked=total,
        rows_valid=valid,
        error_rows=report.bad_rows,
        errors=sorted(report.errors, key=lambda e: (e["row"], e["column"])),
    )


def publish(*, actor: Actor, job: BacklogImport, only_valid_rows: bool) -> BacklogImport:
    """Start writing the checked file: all of it, or (when chosen) only its valid rows."""
    if job.status != BacklogImport.Status.CHECKED:
        raise ImportNotReady("This file has not finished being checked, or has already been imported.")
    if job.error_rows and not only_valid_rows:
        rows = "row has" if job.error_rows == 1 else "rows have"
        raise ImportNotReady(
            f"Nothing was imported: {job.error_rows:,} {rows} problems. "
            f"Fix the file, or import only the {job.rows_valid:,} valid rows"
        )
    if not job.rows_valid:
        raise ImportNotReady("Nothing was imported: no row of the file is valid. Fix the file and upload it again")
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
        transaction.on_commit(lambda: publish_backlog.enqueue(job.pk, actor.acting_user.pk))
    job.refresh_from_db()
    return job


def publish_rows(job_id: int, user_id: int) -> None:
    """Write the rows the check kept in one transaction, a batch at a time so memory stays bounded.
    Whatever stops it fails the job with the reason: the transaction has written nothing."""
    job = BacklogImport.objects.select_related("council", "contract").get(pk=job_id)
    try:
        _publish_rows(job, Actor.system("backlog import", user=User.objects.get(pk=user_id)))
    except Exception as error:  # any failure is the job's, shown to its administrator
        _fail(job, error, stage="The import")


def _publish_rows(job: BacklogImport, actor: Actor) -> None:
    storage, staged = job.file.storage, _checked_name(job)
    publisher = Publisher(job, actor)
    with transaction.atomic():
        with storage.open(staged, "rb") as handle:
            for rows in read_checked(handle):
                publisher.publish(rows)
        totals = publisher.finish()
        BacklogImport.objects.filter(pk=job.pk).update(
            status=Status.IMPORTED, finished_at=timezone.now(), survey={}, file="", **totals
        )
        # The upload and the kept rows are personal data: once the rows are in the database, no copy is left.
        _remove_files_on_commit(job)
        # Cases the file says were with a worker go to that worker, through the allocation rules, once on the lists.
        transaction.on_commit(lambda: backlog_published(job_id=job.pk, user_id=actor.acting_user.pk))


def record_carried_allocations(*, job_id: int, allocated: int, refused: list[dict]) -> None:
    """What became of the workers the file named, for the import's page: the first refusals, and how many."""
    kept = refused[:MAX_ERRORS_KEPT]
    BacklogImport.objects.filter(pk=job_id).update(
        carried_allocations={"allocated": allocated, "refused": kept, "refused_total": len(refused)}
    )


# Background tasks: they take ids, and are safe to run twice (each checks the job's status first).
@task()
def check_backlog(job_id: int) -> None:
    with scopes_disabled():  # a worker has no request: the job row names its council
        if BacklogImport.objects.filter(pk=job_id, status=BacklogImport.Status.VALIDATING).exists():
            check(job_id)


@task()
def read_backlog(job_id: int) -> None:
    with scopes_disabled():
        if BacklogImport.objects.filter(pk=job_id, status=Status.READING).exists():
            read(job_id)


@task()
def publish_backlog(job_id: int, user_id: int) -> None:
    with scopes_disabled():
        if BacklogImport.objects.filter(pk=job_id, status=BacklogImport.Status.IMPORTING).exists():
            publish_rows(job_id, user_id)
