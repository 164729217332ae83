"""Screening decisions and changes on a waiting list. Each is a transition with its pathway event."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access
from assessflow.frontdoor.models import Referral
from assessflow.frontdoor.services import screen
from assessflow.frontdoor.transitions import IllegalTransition
from assessflow.pathway.models import EventType
from assessflow.people.services import record_on_pathway
from assessflow.tenancy.models import Team

from .models import Timescale, WaitingListEntry, WorkType
from .timescales import due_date

__all__ = ["IllegalTransition", "close_at_screening", "reprioritise", "screen_onto_waiting_list"]


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
    """The referral's screening decision and its place on the list, in one transaction."""
    label = WorkType(work_type).label
    with transaction.atomic():
        screen(
            actor=actor,
            referral=referral,
            to_status=Referral.Status.WAITING_LIST,
            reason_code=work_type,
            note=rationale,
            title=f"Screened onto the {label.lower()} waiting list",
            lacks_capacity=lacks_capacity,
            at_risk=at_risk,
        )
        now = timezone.now()
        entry = WaitingListEntry.objects.create(
            council_id=referral.council_id,
            person_id=referral.person_id,
            referral=referral,
            team=team,
            work_type=work_type,
            priority=priority,
            priority_rationale=rationale,
            added_at=now,
            due_on=_due(referral.council_id, work_type, priority, timezone.localdate(now)),
        )
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action="waiting.added",
            obj=entry,
            council_id=entry.council_id,
            person_id=entry.person_id,
            detail={"work_type": work_type, "priority": priority},
        )
        record_on_pathway(
            actor=actor,
            person=referral.person,
            work_item=entry,
            event_type=EventType.WAITING_LIST_ADDED,
            title=f"Added to the {label.lower()} waiting list ({priority})",
            to_status=entry.status,
            reason_code=priority,
            summary=f"Due by {entry.due_on:%-d %B %Y}. {rationale}",
            url=reverse("waiting:entry", args=[entry.pk]),
        )
    return entry


def reprioritise(*, actor: Actor, entry: WaitingListEntry, priority: str, rationale: str, expected_version: int):
    """A new priority, with its reason; the due date follows the timescale from the day they joined."""
    if entry.status != WaitingListEntry.Status.WAITING:
        raise IllegalTransition("Only someone still waiting can be reprioritised.")
    old = entry.priority
    due_on = _due(entry.council_id, entry.work_type, priority, timezone.localdate(entry.added_at))
    with transaction.atomic():
        claimed = WaitingListEntry.objects.filter(pk=entry.pk, version=expected_version).update(
            priority=priority, priority_rationale=rationale, due_on=due_on, version=expected_version + 1
        )
        if claimed != 1:
            raise IllegalTransition("Someone else changed this entry after you opened it.")
        entry.refresh_from_db()
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action="waiting.reprioritised",
            obj=entry,
            council_id=entry.council_id,
            person_id=entry.person_id,
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
