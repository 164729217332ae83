"""Cases a handover file says were already with a worker stay with that worker, where the allocation rules allow.

The import matched each named worker to one of the council's or its providers' staff (or reported the row).
Once the cases are on the lists, each goes to its worker as an allocation like any other, with its reason and
event; a hard rule that refuses it (not in the pool, not qualified for the work, a provider outside its
contract's scope) leaves the case waiting, and the import's page says which cases and why. Safe to run twice:
an allocated case is no longer waiting, and a job's result is recorded once.
"""

from django.utils import timezone
from django_scopes import scopes_disabled
from django_tasks import task

from assessflow.audit.actor import Actor
from assessflow.tenancy.models import User
from assessflow.waiting.backlog_services import record_carried_allocations
from assessflow.waiting.models import BacklogImport, WaitingListEntry

from . import selectors
from .services import AllocationRefused, allocate


def carry_over_allocations(*, job_id: int, user_id: int) -> None:
    """Registered on `waiting.extensions.BACKLOG_PUBLISHED` in the app's ready()."""
    allocate_imported.enqueue(job_id, user_id)


@task()
def allocate_imported(job_id: int, user_id: int) -> None:
    with scopes_disabled():  # a worker has no request: the job names its council
        job = BacklogImport.objects.select_related("council").get(pk=job_id)
        if job.carried_allocations:
            return
        carry_over(job, Actor.system("backlog import", user=User.objects.get(pk=user_id)))


def carry_over(job: BacklogImport, actor: Actor) -> dict:
    entries = list(
        WaitingListEntry.objects.filter(
            backlog_import=job, status=WaitingListEntry.Status.WAITING, imported_details__has_key="allocated_worker"
        )
        .select_related("person")
        .order_by("pk")
    )
    emails = {entry.imported_details["allocated_worker"] for entry in entries}
    workers = {user.email: user for user in User.objects.filter(email__in=emails)}
    pool = selectors.assessors_for(job.council, timezone.localdate())
    allocated, refused = 0, []
    reason = f"With this worker before the council's cases came to Assessflow ({job.original_name})"
    for entry in entries:
        email = entry.imported_details["allocated_worker"]
        try:
            if email not in workers:
                raise AllocationRefused(f"No one has the email {email} any more")
            allocate(actor=actor, entry=entry, assessor=workers[email], reason=reason, pool=pool)
        except AllocationRefused as refusal:
            refused.append(
                {
                    "reference": entry.person.external_reference,
                    "name": entry.person.full_name,
                    "worker": email,
                    "message": " ".join(refusal.messages),
                }
            )
        else:
            allocated += 1
    record_carried_allocations(job_id=job.pk, allocated=allocated, refused=refused)
    return {"allocated": allocated, "refused": refused}
