"""Undoing accepted suggestions within a short window: what nothing has touched since goes back on the list.

Each allocation the run made that is still current and unchanged is withdrawn through the ordinary
withdrawal (its reason, its pathway event, the list's tallies); the handovers to providers the run made are
ended where nothing else needs them; the rest are listed with why they stay. One transaction, audited.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access, record_on_person
from assessflow.casework.models import Task
from assessflow.pathway.models import EventType, PathwayEvent
from assessflow.people.models import Handover
from assessflow.waiting.models import WaitingListEntry

from .actions import AccessAction
from .models import Allocation, AllocationRun
from .services import AllocationRefused, unallocate

# Long enough to notice a wrong click and look at the caseloads it changed; short enough that assessors
# will not yet have planned visits around the new work. After it, a manager withdraws allocations one by
# one from each case, giving each its own reason.
UNDO_WINDOW = datetime.timedelta(minutes=30)
UNDO_REASON = "Accepted suggestions undone"
ENTRY_TYPE = f"{WaitingListEntry._meta.app_label}.{WaitingListEntry._meta.model_name}"


def undo_until(run: AllocationRun) -> datetime.datetime | None:
    """When the chance to undo this run ends; None if it was never accepted."""
    if run.accepted_at is None:
        return None
    return run.accepted_at + UNDO_WINDOW


def may_undo(run: AllocationRun, now: datetime.datetime | None = None) -> bool:
    until = undo_until(run)
    return run.status == AllocationRun.Status.ACCEPTED and until is not None and (now or timezone.now()) < until


def _hhmm(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def _check(run: AllocationRun, now: datetime.datetime) -> None:
    if run.status == AllocationRun.Status.UNDONE:
        raise AllocationRefused("These suggestions were already undone.")
    if run.status != AllocationRun.Status.ACCEPTED:
        raise AllocationRefused("Only accepted suggestions can be undone.")
    if not may_undo(run, now):
        minutes = int(UNDO_WINDOW.total_seconds() // 60)
        raise AllocationRefused(
            f"These suggestions were accepted at {_hhmm(run.accepted_at)} and could be undone for {minutes} minutes, "
            f"until {_hhmm(undo_until(run))}. Withdraw an allocation from its case instead."
        )


def _started(allocations: list[Allocation]) -> dict[int, str]:
    """Entries with anything recorded on them since they were allocated (a contact, a new priority, an assessment)."""
    if not allocations:
        return {}
    since = {str(a.entry_id): a.allocated_at for a in allocations}
    events = PathwayEvent.objects.filter(
        council_id=allocations[0].council_id,
        work_item_type=ENTRY_TYPE,
        work_item_id__in=list(since),
        recorded_at__gte=min(since.values()),
    ).exclude(event_type__in=[EventType.ALLOCATED, EventType.UNALLOCATED])
    started: dict[int, str] = {}
    for event in events.order_by("recorded_at", "pk"):
        if event.recorded_at >= since[event.work_item_id]:
            started.setdefault(int(event.work_item_id), event.get_event_type_display())
    return started


def _moved_on(allocation: Allocation, started: dict[int, str]) -> str:
    """Why this allocation is left as it is, or an empty string if it can be undone."""
    if allocation.ended_at is not None:
        if allocation.end_reason.startswith("Reallocated"):
            return "Reallocated since to another assessor"
        if allocation.entry.status in (WaitingListEntry.Status.COMPLETED, WaitingListEntry.Status.REMOVED):
            return f"The work is {allocation.entry.get_status_display().lower()}"
        return "Withdrawn since"
    if allocation.entry.status != WaitingListEntry.Status.ALLOCATED:
        return f"The work is {allocation.entry.get_status_display().lower()}"
    if allocation.entry_id in started:
        return f"Work has started on it: {started[allocation.entry_id].lower()}"
    return ""


def _still_needed(handover: Handover) -> bool:
    """The provider still has this person's work: an open allocation or an open task with its staff."""
    provider = handover.contract.provider_id
    if Allocation.objects.filter(
        person_id=handover.person_id, organisation_id=provider, ended_at__isnull=True
    ).exists():
        return True
    staff = Q(assigned_team__organisation_id=provider) | Q(
        assigned_to__memberships__organisation_id=provider, assigned_to__memberships__is_active=True
    )
    return Task.objects.filter(person_id=handover.person_id, status=Task.Status.OPEN).filter(staff).exists()


def _end_handovers(actor: Actor, run: AllocationRun, now: datetime.datetime) -> int:
    ended = 0
    for handover in Handover.objects.filter(pk__in=run.handovers, ended_at__isnull=True).select_related("contract"):
        if _still_needed(handover):
            continue
        Handover.objects.filter(pk=handover.pk).update(ended_at=now)
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.HANDOVER_ENDED,
            obj=handover,
            fields=["ended_at"],
            detail={"run": run.pk},
        )
        ended += 1
    return ended


def undo(*, actor: Actor, run: AllocationRun) -> AllocationRun:
    """Withdraw what the run allocated that has not moved on since, end the handovers it made, and say what stays."""
    now = timezone.now()
    with transaction.atomic():
        locked = AllocationRun.objects.select_for_update().get(pk=run.pk)
        _check(locked, now)
        allocations = list(
            Allocation.objects.filter(run=locked).select_related("entry__person", "entry__council").order_by("pk")
        )
        started = _started(allocations)
        undone, kept = 0, []
        for allocation in allocations:
            why = _moved_on(allocation, started)
            if why:
                kept.append({"entry": allocation.entry_id, "why": why})
                continue
            unallocate(actor=actor, entry=allocation.entry, reason=UNDO_REASON)
            undone += 1
        ended = _end_handovers(actor, locked, now)
        AllocationRun.objects.filter(pk=locked.pk).update(
            status=AllocationRun.Status.UNDONE, undone_at=now, undone_by=actor.user, undone=undone, not_undone=kept
        )
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.RUN_UNDONE,
            obj=locked,
            council_id=locked.council_id,
            fields=["status"],
            detail={"undone": undone, "not_undone": len(kept), "handovers_ended": ended},
        )
    run.refresh_from_db()
    return run
