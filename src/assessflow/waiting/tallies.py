"""Keeping the waiting-list tallies exact: every write that adds, moves or closes an entry calls `bump`."""

from collections import Counter

from django.db import IntegrityError, transaction
from django.db.models import Count, F

from .models import WaitingListEntry, WaitingTally


def bump(*, council_id: int, work_type: str, priority: str, team_id: int | None, due_on, delta: int) -> None:
    """Add delta to one tally, creating it on first use; runs inside the caller's transaction."""
    key = {"council_id": council_id, "work_type": work_type, "priority": priority, "team_id": team_id, "due_on": due_on}
    if WaitingTally.objects.filter(**key).update(waiting=F("waiting") + delta):
        return
    try:
        with transaction.atomic():
            WaitingTally.objects.create(**key, waiting=delta)
    except IntegrityError:  # another writer created it first
        WaitingTally.objects.filter(**key).update(waiting=F("waiting") + delta)


def bump_entry(entry: WaitingListEntry, delta: int) -> None:
    """The entry joins (+1) or leaves (-1) the waiting count, at its own work type, priority, team and due date."""
    bump(
        council_id=entry.council_id,
        work_type=entry.work_type,
        priority=entry.priority,
        team_id=entry.team_id,
        due_on=entry.due_on,
        delta=delta,
    )


def bump_many(entries: list[WaitingListEntry], delta: int = 1) -> None:
    """One bump per distinct tally, for bulk writes such as a backlog import."""
    counts = Counter((e.council_id, e.work_type, e.priority, e.team_id, e.due_on) for e in entries)
    for (council_id, work_type, priority, team_id, due_on), n in counts.items():
        bump(
            council_id=council_id,
            work_type=work_type,
            priority=priority,
            team_id=team_id,
            due_on=due_on,
            delta=n * delta,
        )


def rebuild_tallies(council_id: int) -> None:
    """Recount from the entries themselves: for loading data outside the services, and for checking."""
    with transaction.atomic():
        WaitingTally.objects.filter(council_id=council_id).delete()
        rows = (
            WaitingListEntry.objects.filter(council_id=council_id, status=WaitingListEntry.Status.WAITING)
            .values("work_type", "priority", "team_id", "due_on")
            .annotate(n=Count("pk"))
        )
        WaitingTally.objects.bulk_create(
            WaitingTally(
                council_id=council_id,
                work_type=r["work_type"],
                priority=r["priority"],
                team_id=r["team_id"],
                due_on=r["due_on"],
                waiting=r["n"],
            )
            for r in rows
        )
