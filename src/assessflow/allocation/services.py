"""Allocating, reallocating and withdrawing work; suggestion runs and accepting them; the pool's settings.

Each allocation is a transition of the waiting-list entry (waiting -> allocated and back),
with its pathway event, its audit entry and the list's tallies, in one transaction.
"""

import datetime
from collections import Counter
from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from django_tasks import task

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.pathway.models import EventType
from assessflow.pathway.transitions import IllegalMove
from assessflow.people.models import Handover
from assessflow.people.services import change_status_on_timeline
from assessflow.safeguarding.services.dols import assessor_allocated
from assessflow.tenancy.models import Membership, Organisation, User
from assessflow.waiting.models import WaitingListEntry, WorkType
from assessflow.waiting.moves import ENTRY, ENTRY_MOVES
from assessflow.waiting.tallies import bump_entry

from . import constraints, optimiser, selectors
from .actions import AccessAction
from .models import Allocation, AllocationRun, ConflictOfInterest

Status = WaitingListEntry.Status


class AllocationRefused(ValidationError):
    """The move is not allowed: a hard rule, a closed entry, or someone else got there first."""


Pool = tuple[list[constraints.Assessor], dict]


def check_rules(
    entry: WaitingListEntry, assessor: User, today: datetime.date, pool: Pool | None = None, case=None
) -> tuple[Membership, int | None]:
    """The hard rules a manager cannot override (qualification, skills, contract, conflicts). Area and capacity
    are for suggestions: a manager allocating by hand may know better, and the caseload shows the result."""
    assessors, profiles = pool or selectors.assessors_for(entry.council, today)
    found = next((a for a in assessors if a.id == assessor.pk), None)
    if found is None:
        raise AllocationRefused(f"{assessor.full_name} is not in the council's assessor pool")
    if case is None:
        [case] = selectors.cases_from(entry.council, WaitingListEntry.objects.filter(pk=entry.pk), today)
    rule = constraints.broken_rule(case, found, by_hand=True)
    if rule:
        raise AllocationRefused(f"{assessor.full_name} cannot take this: {constraints.RULE_MESSAGES[rule].lower()}")
    return profiles[assessor.pk].membership, found.contract  # the pool already knows a provider's live contract


def _hand_over(entry: WaitingListEntry, contract_id: int | None) -> None:
    """Allocating to a provider's assessor hands the case to that provider's contract, so its staff can see it."""
    if contract_id is None:
        return
    open_handover = Handover.objects.filter(person_id=entry.person_id, contract_id=contract_id, ended_at__isnull=True)
    if not open_handover.exists():
        Handover.objects.create(council_id=entry.council_id, person_id=entry.person_id, contract_id=contract_id)


def _open(entry: WaitingListEntry, assessor: User, membership: Membership, actor: Actor, reason: str, run=None):
    return Allocation.objects.create(
        council_id=entry.council_id,
        entry=entry,
        person_id=entry.person_id,
        assessor=assessor,
        organisation=membership.organisation,
        allocated_by=actor.acting_user,
        reason=reason,
        run=run,
    )


def _move(actor: Actor, entry: WaitingListEntry, to: str, event_type, title: str, reason: str, code: str = ""):
    """The entry's status change, with its event, audit entry and timeline line; a refused or lost claim is
    an allocation refused."""
    try:
        change_status_on_timeline(
            entry,
            moves=ENTRY_MOVES,
            to=to,
            actor=actor,
            event_kind=event_type,
            action=AccessAction(f"allocation.{event_type}"),
            reason=code,
            what=ENTRY,
            title=title,
            summary=reason,
            url=reverse("waiting:entry", args=[entry.pk]),
        )
    except IllegalMove as error:
        raise AllocationRefused(error.messages[0]) from error


def allocate(
    *,
    actor: Actor,
    entry: WaitingListEntry,
    assessor: User,
    reason: str,
    run=None,
    pool: Pool | None = None,
    case: constraints.Case | None = None,
) -> Allocation:
    """Waiting -> allocated; or, for an allocated entry, to another assessor (a reallocation)."""
    if not reason.strip():
        raise AllocationRefused({"reason": "Give the reason for this allocation"})
    if entry.status not in (Status.WAITING, Status.ALLOCATED):
        raise AllocationRefused("Only work on the waiting list can be allocated.")
    today = timezone.localdate()
    with transaction.atomic():
        membership, contract_id = check_rules(entry, assessor, today, pool, case)
        old = entry.status
        current = Allocation.objects.select_for_update().filter(entry=entry, ended_at__isnull=True).first()
        if current is not None and current.assessor_id == assessor.pk:
            raise AllocationRefused(f"This is already allocated to {assessor.full_name}.")
        _move(
            actor,
            entry,
            Status.ALLOCATED,
            EventType.ALLOCATED,
            f"Allocated to {assessor.full_name}",
            reason,
            "reallocated" if current else "",
        )
        if current is not None:
            Allocation.objects.filter(pk=current.pk).update(
                ended_at=timezone.now(), ended_by=actor.user, end_reason=f"Reallocated: {reason}"
            )
        if old == Status.WAITING:
            bump_entry(entry, -1)
        allocation = _open(entry, assessor, membership, actor, reason, run)
        _hand_over(entry, contract_id)
        if entry.work_type == WorkType.DOLS:
            assessor_allocated(actor=actor, entry=entry, assessor=assessor)
    return allocation


def unallocate(*, actor: Actor, entry: WaitingListEntry, reason: str) -> WaitingListEntry:
    """Allocated -> back on the waiting list, with the reason."""
    if not reason.strip():
        raise AllocationRefused({"reason": "Give the reason for withdrawing the allocation"})
    with transaction.atomic():
        current = Allocation.objects.select_for_update().filter(entry=entry, ended_at__isnull=True).first()
        if entry.status != Status.ALLOCATED or current is None:
            raise AllocationRefused("This entry is not allocated.")
        Allocation.objects.filter(pk=current.pk).update(ended_at=timezone.now(), ended_by=actor.user, end_reason=reason)
        _move(actor, entry, Status.WAITING, EventType.UNALLOCATED, "Allocation withdrawn", reason)
        bump_entry(entry, 1)
    return entry


def end_allocation_when_work_ends(*, entry: WaitingListEntry, actor: Actor) -> None:
    """The work is done or no longer needed: the assessor's caseload drops it at the same moment."""
    Allocation.objects.filter(entry=entry, ended_at__isnull=True).update(
        ended_at=timezone.now(), ended_by=actor.user, end_reason=f"Work {entry.status}"
    )


def record_conflict(*, actor: Actor, entry: WaitingListEntry, assessor: User, reason: str) -> ConflictOfInterest:
    """This assessor must not work with this person: suggestions skip them, and an allocation to them is refused."""
    with transaction.atomic():
        conflict, _ = ConflictOfInterest.objects.get_or_create(
            council_id=entry.council_id,
            person_id=entry.person_id,
            assessor=assessor,
            defaults={"reason": reason, "recorded_by": actor.acting_user},
        )
        record_on_person(actor=actor, kind=AccessEvent.Kind.CHANGE, action=AccessAction.CONFLICT_RECORDED, obj=conflict)
    return conflict


def start_run(*, actor: Actor, council: Organisation, work_type: str = "", team=None) -> AllocationRun:
    weights = selectors.settings_for(council).weights()
    with transaction.atomic():
        run = AllocationRun.objects.create(
            council=council, requested_by=actor.acting_user, work_type=work_type, team=team, weights=asdict(weights)
        )
        transaction.on_commit(lambda: suggest_allocations.enqueue(run.pk))
    return run


def compute(run_id: int) -> None:
    """Work out the suggestions: the cases waiting, the pool this week, the council's weights, one optimal flow."""
    run = AllocationRun.objects.select_related("council").get(pk=run_id)
    AllocationRun.objects.filter(pk=run.pk).update(status=AllocationRun.Status.RUNNING, step="Reading the list")
    today = timezone.localdate()
    weights = constraints.Weights(**run.weights)
    cases = selectors.cases_for(run.council, today, work_type=run.work_type, team_id=run.team_id)
    assessors, _ = selectors.assessors_for(run.council, today)
    matrix = selectors.travel_matrix(run.council)

    def progress(step: str) -> None:
        AllocationRun.objects.filter(pk=run.pk).update(step=step.capitalize())

    solution = optimiser.solve(cases, assessors, weights, matrix, progress=progress)
    by_case, by_assessor = {c.id: c for c in cases}, {a.id: a for a in assessors}
    suggestions = sorted(
        (_suggestion(by_case[c], by_assessor[a], weights, matrix) for c, a in solution.assignments.items()),
        key=lambda s: (-s["score"], s["entry"]),
    )
    AllocationRun.objects.filter(pk=run.pk).update(
        status=AllocationRun.Status.DONE,
        step="",
        cases=len(cases),
        suggestions=suggestions,
        blocked=[{"entry": c, "rule": r} for c, r in sorted(solution.blocked.items())],
        objective=solution.objective,
        seconds=solution.seconds,
    )


def _suggestion(case: constraints.Case, assessor: constraints.Assessor, weights: constraints.Weights, matrix) -> dict:
    """One suggestion with the terms that decided it, in points and in the units a manager reads."""
    parts = constraints.terms(case, assessor, weights, matrix)
    return {
        "entry": case.id,
        "assessor": assessor.id,
        "score": parts.total,
        "terms": asdict(parts),
        "days": case.days_waiting,
        "minutes": constraints.travel_minutes(assessor, case, weights, matrix),
        "pence": constraints.cost_pence(assessor, case, weights),
        "in_house": assessor.contract is None,
        "knows": assessor.id in case.known_assessors,
    }


# Above this many, accepting runs in the background (still one transaction) and the page follows it.
ACCEPT_IN_BACKGROUND = 200


def accept(*, actor: Actor, run: AllocationRun, entry_ids: set[int]) -> AllocationRun:
    """Accept the chosen suggestions: at once for a few, in the background for many; one transaction either way."""
    chosen = [s["entry"] for s in run.suggestions if s["entry"] in entry_ids]
    if not chosen:
        raise AllocationRefused({"entry": "Select the suggestions to accept"})
    if len(chosen) <= ACCEPT_IN_BACKGROUND:
        allocate_suggestions(actor=actor, run=run, entry_ids=set(chosen))
    else:
        with transaction.atomic():
            if (
                AllocationRun.objects.filter(pk=run.pk, status=AllocationRun.Status.DONE).update(
                    status=AllocationRun.Status.ACCEPTING, chosen=chosen, step="Allocating"
                )
                != 1
            ):
                raise AllocationRefused("These suggestions were already accepted.")
            transaction.on_commit(lambda: accept_suggestions.enqueue(run.pk, actor.acting_user.pk))
    run.refresh_from_db()
    return run


def allocate_suggestions(*, actor: Actor, run: AllocationRun, entry_ids: set[int]) -> int:
    """Allocate the chosen suggestions in one transaction; any that no longer hold stop the whole acceptance."""
    if run.status not in (AllocationRun.Status.DONE, AllocationRun.Status.ACCEPTING):
        raise AllocationRefused("These suggestions are not ready, or were already accepted.")
    chosen = [s for s in run.suggestions if s["entry"] in entry_ids]
    entries = {
        e.pk: e
        for e in WaitingListEntry.objects.filter(pk__in=[s["entry"] for s in chosen]).select_related(
            "person", "council"
        )
    }
    users = {u.pk: u for u in User.objects.filter(pk__in=[s["assessor"] for s in chosen])}
    today = timezone.localdate()
    with transaction.atomic():
        # Capacity now, not when the suggestions were worked out: another run may have been accepted since.
        pool = selectors.assessors_for(run.council, today)
        room = {a.id: a.capacity for a in pool[0]}
        for assessor_id, n in Counter(s["assessor"] for s in chosen).items():
            if n > room.get(assessor_id, 0):
                raise AllocationRefused(
                    f"{users[assessor_id].full_name} has room for {room.get(assessor_id, 0)} more this week, "
                    f"not {n}: ask for new suggestions."
                )
        if (
            AllocationRun.objects.filter(pk=run.pk, status=run.status).update(
                status=AllocationRun.Status.ACCEPTED, accepted_at=timezone.now(), accepted=len(chosen), step=""
            )
            != 1
        ):
            raise AllocationRefused("These suggestions were already accepted.")
        cases = {
            c.id: c for c in selectors.cases_from(run.council, WaitingListEntry.objects.filter(pk__in=entries), today)
        }
        handed_before = _open_handovers(entries.values(), chosen)
        for suggestion in chosen:
            entry = entries.get(suggestion["entry"])
            if entry is None or entry.status != Status.WAITING:
                raise AllocationRefused("Some of this work is no longer waiting: ask for new suggestions.")
            allocate(
                actor=actor,
                entry=entry,
                assessor=users[suggestion["assessor"]],
                reason=f"Suggestion {run.pk}, accepted",
                run=run,
                pool=pool,
                case=cases[entry.pk],
            )
        made = sorted(_open_handovers(entries.values(), chosen) - handed_before)
        AllocationRun.objects.filter(pk=run.pk).update(handovers=made)
    return len(chosen)


def _open_handovers(entries, chosen: list[dict]) -> set[int]:
    """The open handovers of the people whose work goes to a provider's assessor: accepting may add to them."""
    to_providers = {s["entry"] for s in chosen if not s.get("in_house", False)}
    people = {e.person_id for e in entries if e.pk in to_providers}
    if not people:
        return set()
    return set(Handover.objects.filter(person_id__in=people, ended_at__isnull=True).values_list("pk", flat=True))


@task()
def accept_suggestions(run_id: int, user_id: int) -> None:
    with scopes_disabled():
        run = AllocationRun.objects.filter(pk=run_id, status=AllocationRun.Status.ACCEPTING).first()
        if run is None:
            return
        user = User.objects.get(pk=user_id)
        membership = user.memberships.filter(organisation_id=run.council_id, is_active=True).first()
        try:
            allocate_suggestions(actor=Actor(user=user, membership=membership), run=run, entry_ids=set(run.chosen))
        except AllocationRefused as error:  # nothing was allocated: say why, and let the manager ask again
            AllocationRun.objects.filter(pk=run_id).update(
                status=AllocationRun.Status.FAILED, failure=" ".join(error.messages), step=""
            )


@task()
def suggest_allocations(run_id: int) -> None:
    with scopes_disabled():  # a worker has no request: the run names its council
        if AllocationRun.objects.filter(pk=run_id, status=AllocationRun.Status.QUEUED).exists():
            try:
                compute(run_id)
            except Exception as error:  # the page must say it failed rather than spin for ever
                AllocationRun.objects.filter(pk=run_id).update(status=AllocationRun.Status.FAILED, failure=str(error))
                raise
