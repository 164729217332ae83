"""DoLS: a managing authority's request, screening onto the waiting list, the six assessments, the signatory's
decision, tracking to expiry, review and closure. Deadlines come from `rules`, on dates the server recorded."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.pathway.models import EventType
from assessflow.pathway.transitions import IllegalMove, change_status, check_move, claim
from assessflow.people.models import Person
from assessflow.tenancy.models import Organisation
from assessflow.waiting.models import Priority, WaitingListEntry, WorkType
from assessflow.waiting.services import add_entry, leave_list, move_due_date

from .. import dols_priority
from ..actions import AccessAction
from ..categories import RepresentativeKind, Requirement, Risk
from ..deadlines import (
    DeadlineRuleBroken,
    DolsDeadlines,
    authorisation_ends,
    dols_deadlines,
    extended_ends,
    urgent_ends,
)
from ..models import DolsApplication
from . import log, portal_person
from .dols_assessors import assessor_allocated, name_assessors, record_assessment, signatory_errors

# Allocation names the best interests assessor through this module; the pages name and record through it too.
__all__ = ["assessor_allocated", "name_assessors", "record_assessment"]

Status = DolsApplication.Status
REQUEST = "DoLS request"
TRANSITIONS = {
    Status.RECEIVED: {Status.WAITING, Status.CLOSED},
    Status.WAITING: {Status.GRANTED, Status.NOT_GRANTED, Status.CLOSED},
    Status.GRANTED: {Status.CLOSED},
}
WAITING_PRIORITY: dict[str, str] = {Risk.HIGH: Priority.RED, Risk.MEDIUM: Priority.AMBER, Risk.LOW: Priority.GREEN}


def deadlines(application: DolsApplication) -> DolsDeadlines:
    return dols_deadlines(
        received_on=application.received_on,
        urgent_given_on=application.urgent_given_on,
        urgent_days=application.urgent_days,
        extension_days=application.extension_days,
    )


def receive_request(
    *,
    actor: Actor,
    person: Person,
    managing_authority: str,
    setting: str,
    reasons: str,
    urgent_given_on: datetime.date | None,
    urgent_days: int | None,
    managing_authority_organisation: Organisation | None = None,
    submitted_details: dict | None = None,
    submission_id: uuid.UUID,
) -> DolsApplication:
    """A request for a standard authorisation, received today, with any urgent authorisation already given."""
    existing = DolsApplication.objects.filter(submission_id=submission_id).first()
    if existing is not None:
        return existing
    now = timezone.now()
    today = timezone.localdate(now)
    if urgent_given_on is not None:
        if urgent_given_on > today:
            raise ValidationError({"urgent_given_on": "The urgent authorisation's date must be today or in the past"})
        try:
            ends = urgent_ends(urgent_given_on, urgent_days or 0)
        except DeadlineRuleBroken as error:
            raise ValidationError({"urgent_days": str(error)}) from error
        if ends < today:
            raise ValidationError({"urgent_given_on": f"That urgent authorisation ended on {ends:%-d %B %Y}"})
    application = DolsApplication(
        council_id=person.council_id,
        person=person,
        managing_authority=managing_authority,
        setting=setting,
        managing_authority_organisation=managing_authority_organisation,
        received_at=now,
        received_on=today,
        recorded_by=actor.user,
        reasons=reasons,
        urgent_given_on=urgent_given_on,
        urgent_days=urgent_days if urgent_given_on else None,
        submitted_details=submitted_details or {},
        submission_id=submission_id,
    )
    application.full_clean(exclude=["person", "council", "recorded_by", "managing_authority_organisation"])
    with transaction.atomic():
        application.save()
        log(
            actor=actor,
            record=application,
            action=AccessAction.DOLS_REQUESTED,
            event_type=EventType.DOLS_REQUESTED,
            to_status=application.status,
            reason_code="urgent" if urgent_given_on else "standard",
        )
    return application


def request_from_portal(
    *, actor: Actor, person_details: dict, request: dict, submission_id: uuid.UUID
) -> DolsApplication:
    """A care home or hospital asks through the portal: matched to a person of its council, received today."""
    organisation = actor.acting_membership.organisation
    with transaction.atomic():
        person = portal_person(actor=actor, person_details=person_details, submission_id=submission_id)
        return receive_request(
            actor=actor,
            person=person,
            managing_authority=organisation.name,
            managing_authority_organisation=organisation,
            setting=request["setting"],
            reasons=request["reasons"],
            urgent_given_on=request["urgent_given_on"] if request.get("urgent") else None,
            urgent_days=request["urgent_days"] if request.get("urgent") else None,
            submitted_details={k: str(v) for k, v in person_details.items() if v},
            submission_id=submission_id,
        )


def extend_urgent(
    *, actor: Actor, application: DolsApplication, days: int, reasons: str, expected_version: int
) -> DolsApplication:
    """Once only, by up to 7 days, while the urgent authorisation is still in force, with the reasons for it
    (Schedule A1 para 84: exceptional reasons the request is not yet decided). The waiting list's due date
    moves with the statutory deadline."""
    current = deadlines(application).urgent_until  # None without an urgent authorisation
    if not application.is_open or current is None:
        raise IllegalMove("Only an open request with an urgent authorisation can be extended.")
    if current < timezone.localdate():
        raise ValidationError({"days": f"The urgent authorisation ended on {current:%-d %B %Y}"})
    try:
        extended_ends(current, days, already_extended=bool(application.extension_days))
    except DeadlineRuleBroken as error:
        raise ValidationError({"days": str(error)}) from error
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons for the extension"})
    with transaction.atomic():
        claim(
            application,
            expected_version=expected_version,
            what=REQUEST,
            extension_days=days,
            extended_at=timezone.now(),
            extension_reasons=reasons.strip(),
        )
        log(
            actor=actor,
            record=application,
            action=AccessAction.DOLS_EXTENDED,
            event_type=EventType.DOLS_URGENT_EXTENDED,
            reason_code=str(days),
        )
        entry_id = application.waiting_entry_id
        entry = WaitingListEntry.objects.filter(pk=entry_id).first() if entry_id is not None else None
        if entry is not None:
            move_due_date(entry, deadlines(application).decide_by)
    return application


def screen(
    *, actor: Actor, application: DolsApplication, criteria: list[str], note: str, team, expected_version: int
) -> DolsApplication:
    """Priority by the screening tool's criteria (the highest among those met); onto the DoLS waiting list, due
    by the statutory deadline, to be allocated."""
    check_move(TRANSITIONS, application.status, Status.WAITING, what=REQUEST)
    criteria = [c for c in dols_priority.BY_CODE if c in set(criteria or ())]
    priority = dols_priority.priority_for(criteria)
    if not priority:
        raise ValidationError({"criteria": "Select the screening criteria the request meets"})
    with transaction.atomic():
        entry = add_entry(
            actor=actor,
            person=application.person,
            work_type=WorkType.DOLS,
            priority=WAITING_PRIORITY[priority],
            # The list is open to the council's staff: the reasons stay on the restricted DoLS record.
            rationale="Deprivation of Liberty Safeguards request",
            team=team,
            due_on=deadlines(application).decide_by,
        )
        change_status(
            application,
            moves=TRANSITIONS,
            to=Status.WAITING,
            actor=actor,
            event_kind=EventType.DOLS_SCREENED,
            action=AccessAction.DOLS_SCREENED,
            reason=priority,
            expected_version=expected_version,
            what=REQUEST,
            fields={
                "priority": priority,
                "screening_criteria": criteria,
                "priority_rationale": note.strip(),
                "waiting_entry": entry,
            },
        )
    return application


def last_day_of_months(day: datetime.date, months: int) -> datetime.date:
    """The last day of a period of whole months beginning with `day`: the day before the same date that many
    months on, or, where that date does not exist (31 January + 1 month), the last day of that month."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    try:
        return datetime.date(year, month, day.day) - datetime.timedelta(days=1)
    except ValueError:
        first_of_next = datetime.date(year + month // 12, month % 12 + 1, 1)
        return first_of_next - datetime.timedelta(days=1)


def _check_grant(application: DolsApplication, months: int | None, representative: dict) -> None:
    """A grant needs every requirement met, a period within the best interests assessor's recommendation, and a
    representative for the person (Schedule A1 paras 51 and 139)."""
    results = dict(application.assessments.values_list("requirement", "met"))
    missing = [Requirement(r).label.lower() for r in Requirement.values if r not in results]
    if missing:
        raise ValidationError({"grant": f"Record every assessment before authorising: {', '.join(missing)}"})
    if not all(results.values()):
        raise ValidationError({"grant": "A requirement is not met, so the deprivation cannot be authorised"})
    errors = {}
    if not months:
        errors["months"] = "Enter how many months the authorisation lasts, from 1 to 12"
    elif application.recommended_months and months > application.recommended_months:
        errors["months"] = (
            f"The best interests assessor recommended at most {application.recommended_months} "
            f"month{'s' if application.recommended_months != 1 else ''}: authorise for that or less"
        )
    if not (representative.get("name") or "").strip():
        errors["representative_name"] = "Enter the name of the relevant person's representative"
    if representative.get("kind") not in RepresentativeKind.values:
        errors["representative_kind"] = "Select whether the representative is family or a friend, or paid"
    if errors:
        raise ValidationError(errors)


def _check_signatory(application: DolsApplication, actor: Actor) -> None:
    # A grant also needs the six assessments, each made by a named assessor (dols_assessors.record_assessment).
    errors = signatory_errors(application, actor.acting_user)
    if errors:
        raise ValidationError({"grant": errors})


def decide(
    *,
    actor: Actor,
    application: DolsApplication,
    grant: bool,
    months: int | None,
    conditions: str,
    reason: str,
    expected_version: int,
    representative: dict | None = None,
) -> DolsApplication:
    """The signatory, independent of both assessors, grants (all six requirements met; no longer than the best
    interests assessor recommends; with conditions; the representative appointed) or refuses."""
    representative = representative or {}
    _check_signatory(application, actor)
    if grant:
        _check_grant(application, months, representative)
    elif not reason.strip():
        raise ValidationError({"reason": "Say why it is not authorised"})
    target = Status.GRANTED if grant else Status.NOT_GRANTED
    check_move(TRANSITIONS, application.status, target, what=REQUEST)
    now = timezone.now()
    starts_on = timezone.localdate(now)
    ends_on = None
    if grant and months:  # a grant without its months was refused above
        try:
            ends_on = authorisation_ends(starts_on, last_day_of_months(starts_on, months))
        except DeadlineRuleBroken as error:
            raise ValidationError({"months": str(error)}) from error
    with transaction.atomic():
        change_status(
            application,
            moves=TRANSITIONS,
            to=target,
            actor=actor,
            event_kind=EventType.DOLS_DECIDED,
            action=AccessAction.DOLS_DECIDED,
            expected_version=expected_version,
            what=REQUEST,
            fields={
                "decided_at": now,
                "signatory": actor.user,
                "starts_on": starts_on if grant else None,
                "ends_on": ends_on,
                "conditions": conditions.strip() if grant else "",
                "decision_reason": reason.strip(),
                **(_representative(representative, starts_on) if grant else {}),
            },
        )
        _leave_waiting_list(actor, application, WaitingListEntry.Status.COMPLETED, target)
    return application


def _representative(representative: dict, appointed_on: datetime.date) -> dict:
    return {
        "representative_name": representative["name"].strip(),
        "representative_kind": representative["kind"],
        "representative_contact": (representative.get("contact") or "").strip(),
        "representative_appointed_on": appointed_on,
    }


def _leave_waiting_list(actor: Actor, application: DolsApplication, status: str, reason: str) -> None:
    # Read afresh: recording the assessments may have moved the entry on since the request was loaded.
    entry_id = application.waiting_entry_id
    entry = WaitingListEntry.objects.filter(pk=entry_id).first() if entry_id is not None else None
    if entry is not None and entry.status in (WaitingListEntry.Status.WAITING, WaitingListEntry.Status.ALLOCATED):
        leave_list(actor=actor, entry=entry, status=status, reason_code=reason)


def close(*, actor: Actor, application: DolsApplication, reason: str, note: str, expected_version: int):
    """Withdrawn, or the person died or left: the request (or the authorisation) ends with the reason."""
    if reason not in DolsApplication.CloseReason.values:
        raise ValidationError({"reason": "Select why it is closed"})
    old = application.status
    check_move(TRANSITIONS, old, Status.CLOSED, what=REQUEST)
    with transaction.atomic():
        change_status(
            application,
            moves=TRANSITIONS,
            to=Status.CLOSED,
            actor=actor,
            event_kind=EventType.DOLS_CLOSED,
            action=AccessAction.DOLS_CLOSED,
            reason=reason,
            expected_version=expected_version,
            what=REQUEST,
            fields={
                "close_reason": reason,
                "closed_at": timezone.now(),
                "decision_reason": note.strip() or application.decision_reason,
            },
        )
        _leave_waiting_list(actor, application, WaitingListEntry.Status.REMOVED, reason)
    return application


def request_review(*, actor: Actor, application: DolsApplication, reason: str, expected_version: int):
    """A review of a standard authorisation in force (Schedule A1, Part 8)."""
    if application.status != Status.GRANTED:
        raise IllegalMove("Only an authorisation in force can be reviewed.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why a review is asked for"})
    with transaction.atomic():
        claim(
            application,
            expected_version=expected_version,
            what=REQUEST,
            review_requested_at=timezone.now(),
            review_reason=reason.strip(),
        )
        log(
            actor=actor,
            record=application,
            action=AccessAction.DOLS_REVIEW_REQUESTED,
            event_type=EventType.DOLS_REVIEW_REQUESTED,
            from_status=Status.GRANTED,
            to_status=Status.GRANTED,
        )
    return application
