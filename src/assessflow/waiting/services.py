"""Screening decisions and changes on a waiting list. Each is a transition with its pathway event."""

import datetime
import uuid
from functools import partial

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.casework.services.tasks import set_task
from assessflow.frontdoor.models import Referral
from assessflow.frontdoor.services import screen
from assessflow.pathway.models import EventType
from assessflow.pathway.transitions import IllegalMove, claim
from assessflow.people.extensions import flag_concern
from assessflow.people.services import change_status_on_timeline, record_on_pathway
from assessflow.tenancy.models import Team

from .actions import AccessAction
from .extensions import entry_left_list
from .models import ContactInterval, KeepInTouchContact, Timescale, WaitingListEntry, WorkType
from .moves import ENTRY, ENTRY_MOVES
from .tallies import bump, bump_entry, bump_many
from .timescales import DEFAULT_CONTACT_DAYS, RETRY_DAYS, STATUTORY_DEADLINE, due_date, reprioritised_due

__all__ = [
    "IllegalMove",
    "add_entry",
    "close_at_screening",
    "keep_in_touch",
    "leave_list",
    "move_due_date",
    "reprioritise",
    "screen_onto_waiting_list",
]


def _due(council_id: int, work_type: str, priority: str, added_on):
    row = Timescale.objects.filter(council_id=council_id, work_type=work_type, priority=priority).first()
    return due_date(added_on=added_on, priority=priority, working_days=row.working_days if row else None)


def close_at_screening(
    *, actor: Actor, referral: Referral, decision: str, reason_code: str, note: str, lacks_capacity, at_risk
) -> Referral:
    """Information and advice, signposting or screening out: the referral closes here."""
    return screen(
        actor=actor,
        referral=referral,
        to_status=decision,
        reason_code=reason_code,
        note=note,
        lacks_capacity=lacks_capacity,
        at_risk=at_risk,
    )


def add_entry(
    *,
    actor: Actor,
    person,
    work_type: str,
    priority: str,
    rationale: str,
    team: Team | None = None,
    referral: Referral | None = None,
    due_on: datetime.date | None = None,
) -> WaitingListEntry:
    """Put someone on a waiting list: due date by the council's timescale, first check-in, tallies, pathway.

    `due_on` is for work whose deadline is set by law rather than by the council (a DoLS request is
    decided by its statutory deadline): it is then the due date, whatever the timescale says."""
    label = WorkType(work_type).label
    with transaction.atomic():
        now = timezone.now()
        entry = WaitingListEntry.objects.create(
            council_id=person.council_id,
            person=person,
            referral=referral,
            team=team,
            work_type=work_type,
            priority=priority,
            priority_rationale=rationale,
            added_at=now,
            due_on=due_on or _due(person.council_id, work_type, priority, timezone.localdate(now)),
        )
        WaitingListEntry.objects.filter(pk=entry.pk).update(next_contact_on=first_contact_date(entry))
        bump_many([entry])
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.ADDED,
            obj=entry,
            detail={"work_type": work_type, "priority": priority},
        )
        record_on_pathway(
            actor=actor,
            person=person,
            work_item=entry,
            event_type=EventType.WAITING_LIST_ADDED,
            title=f"Added to the {label.lower()} waiting list ({priority})",
            to_status=entry.status,
            reason_code=priority,
            summary=f"Due by {entry.due_on:%-d %B %Y}. {rationale}",
            url=reverse("waiting:entry", args=[entry.pk]),
            occurred_at=entry.added_at,
        )
    return entry


def screen_onto_waiting_list(
    *,
    actor: Actor,
    referral: Referral,
    work_type: str,
    priority: str,
    rationale: str,
    team: Team | None = None,
    lacks_capacity=None,
    at_risk=None,
) -> WaitingListEntry:
    """The referral's screening decision and its place on the list, in one transaction. Work with a deadline in law
    (DoLS) starts from its own request, which sets the deadline, never from screening a referral."""
    if work_type in STATUTORY_DEADLINE:
        raise IllegalMove(
            {"work_type": f"Record a {WorkType(work_type).label} request instead: its deadline runs from the request"}
        )
    with transaction.atomic():
        screen(
            actor=actor,
            referral=referral,
            to_status=Referral.Status.WAITING_LIST,
            reason_code=work_type,
            note=rationale,
            title=f"Screened onto the {WorkType(work_type).label.lower()} waiting list",
            lacks_capacity=lacks_capacity,
            at_risk=at_risk,
        )
        return add_entry(
            actor=actor,
            person=referral.person,
            work_type=work_type,
            priority=priority,
            rationale=rationale,
            team=team,
            referral=referral,
        )


def reprioritise(*, actor: Actor, entry: WaitingListEntry, priority: str, rationale: str, expected_version: int):
    """A new priority, with its reason; the due date follows the timescale from the day they joined, except where
    the law or the person's review date sets it (`timescales.reprioritised_due`)."""
    if entry.status != WaitingListEntry.Status.WAITING:
        raise IllegalMove("Only someone still waiting can be reprioritised.")
    old, old_due = entry.priority, entry.due_on
    due_on = reprioritised_due(
        work_type=entry.work_type,
        current_due=old_due,
        timescale_due=_due(entry.council_id, entry.work_type, priority, timezone.localdate(entry.added_at)),
        review_due_on=entry.person.review_due_on,
    )
    with transaction.atomic():
        claim(
            entry,
            expected_version=expected_version,
            what=ENTRY,
            priority=priority,
            priority_rationale=rationale,
            due_on=due_on,
        )
        tally = partial(bump, council_id=entry.council_id, work_type=entry.work_type, team_id=entry.team_id)
        tally(priority=old, due_on=old_due, delta=-1)
        tally(priority=priority, due_on=due_on, delta=1)
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.REPRIORITISED,
            obj=entry,
            fields=["priority", "due_on"],
            detail={"from": old, "to": priority},
        )
        record_on_pathway(
            actor=actor,
            person=entry.person,
            work_item=entry,
            event_type=EventType.REPRIORITISED,
            title=f"Priority changed from {old} to {priority}",
            from_status=old,
            to_status=priority,
            summary=rationale,
            url=reverse("waiting:entry", args=[entry.pk]),
        )
    return entry


def _contact_days(council_id: int, priority: str) -> int:
    row = ContactInterval.objects.filter(council_id=council_id, priority=priority).first()
    return row.days if row else DEFAULT_CONTACT_DAYS[priority]


def first_contact_date(entry: WaitingListEntry):
    return timezone.localdate(entry.added_at) + datetime.timedelta(days=_contact_days(entry.council_id, entry.priority))


def keep_in_touch(
    *,
    actor: Actor,
    entry: WaitingListEntry,
    method: str,
    things_changed: bool | None,
    notes: str,
    outcome: str,
    submission_id: uuid.UUID,
    new_priority: str = "",
) -> KeepInTouchContact:
    """Record a check-in; escalate when things are worse; set when to check in next. Once per submission."""
    existing = KeepInTouchContact.objects.filter(submission_id=submission_id).first()
    if existing is not None:
        return existing
    if entry.status != WaitingListEntry.Status.WAITING:
        raise IllegalMove("Only someone still waiting is kept in touch with.")
    Outcome = KeepInTouchContact.Outcome
    with transaction.atomic():
        contact = KeepInTouchContact.objects.create(
            council_id=entry.council_id,
            entry=entry,
            contacted_by=actor.acting_user,
            method=method,
            things_changed=things_changed,
            notes=notes,
            outcome=outcome,
            submission_id=submission_id,
        )
        if outcome == Outcome.RAISE_PRIORITY and new_priority and new_priority != entry.priority:
            entry = reprioritise(
                actor=actor,
                entry=entry,
                priority=new_priority,
                rationale=f"Keep-in-touch contact: {notes}",
                expected_version=entry.version,
            )
        concern = None
        if outcome == Outcome.SAFEGUARDING:
            concern = flag_concern(
                actor=actor,
                person=entry.person,
                origin="keep_in_touch",
                origin_id=contact.pk,
                what_happened=notes,
            )
        if outcome == Outcome.DUTY or (outcome == Outcome.SAFEGUARDING and concern is None):
            what = (
                "Raise a safeguarding concern" if outcome == Outcome.SAFEGUARDING else "Duty worker to call back today"
            )
            set_task(
                actor=actor,
                person=entry.person,
                title=f"{what} (keep-in-touch contact)",
                details=notes,
                due_on=timezone.localdate(),
                assigned_to=None if entry.team else actor.user,
                assigned_team=entry.team,
                submission_id=uuid.uuid4(),
            )
        today = timezone.localdate()
        gap = RETRY_DAYS if outcome == Outcome.NOT_REACHED else _contact_days(entry.council_id, entry.priority)
        WaitingListEntry.objects.filter(pk=entry.pk).update(next_contact_on=today + datetime.timedelta(days=gap))
        record_on_pathway(
            actor=actor,
            person=entry.person,
            work_item=entry,
            event_type=EventType.KEPT_IN_TOUCH,
            title=f"Keep-in-touch contact: {contact.get_outcome_display()}",
            reason_code=outcome,
            summary=notes,
            url=reverse("waiting:entry", args=[entry.pk]),
        )
    return contact


def move_due_date(entry: WaitingListEntry, due_on: datetime.date) -> None:
    """A statutory deadline that moves (an urgent DoLS authorisation extended): the entry and its tally follow,
    inside the caller's transaction."""
    if due_on == entry.due_on:
        return
    old_due = entry.due_on
    claim(entry, what=ENTRY, due_on=due_on)
    if entry.status == WaitingListEntry.Status.WAITING:
        tally = partial(bump, council_id=entry.council_id, work_type=entry.work_type, team_id=entry.team_id)
        tally(priority=entry.priority, due_on=old_due, delta=-1)
        tally(priority=entry.priority, due_on=due_on, delta=1)


def move_entry(*, actor: Actor, entry: WaitingListEntry, event_kind: EventType, title: str, summary: str = ""):
    """Work on an allocated entry moves on without leaving the list (an assessment started): a transition that keeps
    the status, claimed by version, with its pathway event, audit entry and timeline line."""
    if entry.status != WaitingListEntry.Status.ALLOCATED:
        raise IllegalMove("Only allocated work can be started.")
    return change_status_on_timeline(
        entry,
        moves=ENTRY_MOVES,
        to=entry.status,
        actor=actor,
        event_kind=event_kind,
        action=AccessAction.MOVED,
        what=ENTRY,
        title=title,
        summary=summary,
        url=reverse("waiting:entry", args=[entry.pk]),
    )


def leave_list(
    *,
    actor: Actor,
    entry: WaitingListEntry,
    status: str,
    reason_code: str,
    note: str = "",
    event_kind: EventType = EventType.CLOSED,
):
    """The work is done (completed) or no longer needed (removed): the entry leaves the list and its tally.
    `event_kind` names what ended it where that is more than a closing (an assessment completed)."""
    Status = WaitingListEntry.Status
    if status not in (Status.COMPLETED, Status.REMOVED):
        raise IllegalMove(f"Leaving the list means completed or removed, not {status}.")
    old = entry.status
    with transaction.atomic():
        change_status_on_timeline(
            entry,
            moves=ENTRY_MOVES,
            to=status,
            actor=actor,
            event_kind=event_kind,
            action=AccessAction(f"waiting.{status}"),
            reason=reason_code,
            what=ENTRY,
            title=f"Left the {entry.get_work_type_display().lower()} list: {Status(status).label.lower()}",
            summary=note,
            url=reverse("waiting:entry", args=[entry.pk]),
        )
        if old == Status.WAITING:
            bump_entry(entry, -1)
        entry_left_list(entry=entry, actor=actor)
    return entry
