"""DoLS: a managing authority's request, screening onto the waiting list, the six assessments, the signatory's
decision, tracking to expiry, review and closure. Deadlines come from `rules`, on dates the server recorded."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.pathway.models import EventType
from assessflow.people.models import Person
from assessflow.tenancy.models import Organisation, User
from assessflow.waiting.models import Priority, WaitingListEntry, WorkType
from assessflow.waiting.services import add_entry, leave_list

from .. import rules
from ..access import may_assess
from ..categories import Requirement, Risk
from ..models import DolsApplication, DolsAssessment
from . import IllegalMove, check_move, claim, council_workers, log, portal_person

Status = DolsApplication.Status
TRANSITIONS = {
    Status.RECEIVED: {Status.WAITING, Status.CLOSED},
    Status.WAITING: {Status.GRANTED, Status.NOT_GRANTED, Status.CLOSED},
    Status.GRANTED: {Status.CLOSED},
}
WAITING_PRIORITY = {Risk.HIGH: Priority.RED, Risk.MEDIUM: Priority.AMBER, Risk.LOW: Priority.GREEN}


def deadlines(application: DolsApplication) -> rules.DolsDeadlines:
    return rules.dols_deadlines(
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
            ends = rules.urgent_ends(urgent_given_on, urgent_days or 0)
        except rules.DeadlineRuleBroken as error:
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
            action="safeguarding.dols.requested",
            event_type=EventType.DOLS_REQUESTED,
            to_status=application.status,
            reason_code="urgent" if urgent_given_on else "standard",
        )
    return application


def request_from_portal(
    *, actor: Actor, person_details: dict, request: dict, submission_id: uuid.UUID
) -> DolsApplication:
    """A care home or hospital asks through the portal: matched to a person of its council, received today."""
    organisation = actor.organisation
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


def extend_urgent(*, actor: Actor, application: DolsApplication, days: int, expected_version: int) -> DolsApplication:
    """Once only, by up to 7 days, while the urgent authorisation is still in force."""
    if not application.is_open or application.urgent_given_on is None:
        raise IllegalMove("Only an open request with an urgent authorisation can be extended.")
    current = deadlines(application).urgent_until
    if current < timezone.localdate():
        raise ValidationError({"days": f"The urgent authorisation ended on {current:%-d %B %Y}"})
    try:
        rules.extended_ends(current, days, already_extended=bool(application.extension_days))
    except rules.DeadlineRuleBroken as error:
        raise ValidationError({"days": str(error)}) from error
    with transaction.atomic():
        claim(
            DolsApplication,
            application,
            expected_version=expected_version,
            extension_days=days,
            extended_at=timezone.now(),
        )
        log(
            actor=actor,
            record=application,
            action="safeguarding.dols.extended",
            event_type=EventType.DOLS_URGENT_EXTENDED,
            reason_code=str(days),
        )
    return application


def screen(
    *, actor: Actor, application: DolsApplication, priority: str, rationale: str, team, expected_version: int
) -> DolsApplication:
    """Priority by the screening tool's criteria; onto the waiting list as DoLS work, to be allocated."""
    check_move(TRANSITIONS, application.status, Status.WAITING, "DoLS request")
    if priority not in Risk.values:
        raise ValidationError({"priority": "Select the priority"})
    if not rationale.strip():
        raise ValidationError({"rationale": "Say why, by the screening criteria"})
    with transaction.atomic():
        entry = add_entry(
            actor=actor,
            person=application.person,
            work_type=WorkType.DOLS,
            priority=WAITING_PRIORITY[priority],
            # The list is open to the council's staff: the reasons stay on the restricted DoLS record.
            rationale="Deprivation of Liberty Safeguards request",
            team=team,
        )
        claim(
            DolsApplication,
            application,
            expected_version=expected_version,
            status=Status.WAITING,
            priority=priority,
            priority_rationale=rationale,
            waiting_entry=entry,
        )
        log(
            actor=actor,
            record=application,
            action="safeguarding.dols.screened",
            event_type=EventType.DOLS_SCREENED,
            from_status=Status.RECEIVED,
            to_status=Status.WAITING,
            reason_code=priority,
        )
    return application


def _council_worker(application: DolsApplication, user: User | None, field: str) -> None:
    if user is not None and not council_workers(application.council_id, [user]):
        raise ValidationError({field: "Choose a worker of the council"})


def name_assessors(
    *,
    actor: Actor,
    application: DolsApplication,
    best_interests: User | None,
    mental_health: User | None,
    expected_version: int,
) -> DolsApplication:
    if not application.is_open:
        raise IllegalMove("This request is no longer open.")
    _council_worker(application, best_interests, "best_interests_assessor")
    _council_worker(application, mental_health, "mental_health_assessor")
    with transaction.atomic():
        claim(
            DolsApplication,
            application,
            expected_version=expected_version,
            best_interests_assessor=best_interests,
            mental_health_assessor=mental_health,
        )
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action="safeguarding.dols.assessors_named",
            obj=application,
            fields=["best_interests_assessor", "mental_health_assessor"],
        )
    return application


def assessor_allocated(*, actor: Actor, entry, assessor: User) -> None:
    """DoLS work allocated from the waiting list: the assessor becomes the request's best interests assessor, if it
    has none yet, so they can open the record they are to work on."""
    application = DolsApplication.objects.filter(waiting_entry=entry, best_interests_assessor__isnull=True).first()
    if application is not None and application.is_open:
        claim(DolsApplication, application, expected_version=application.version, best_interests_assessor=assessor)
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action="safeguarding.dols.assessors_named",
            obj=application,
            fields=["best_interests_assessor"],
        )


def record_assessment(
    *, actor: Actor, application: DolsApplication, requirement: str, met: bool, finding: str
) -> DolsAssessment:
    """One of the six requirements; each is recorded once, by the assessor who did it."""
    if application.status != Status.WAITING:
        raise IllegalMove("Assessments are recorded once the request is screened and before the decision.")
    if requirement not in Requirement.values:
        raise ValidationError({"requirement": "Select the requirement assessed"})
    if not may_assess(actor.membership, application, requirement):
        raise ValidationError(
            {"requirement": "Only the DoLS team or the assessor named for it may record this assessment"}
        )
    recorded = ValidationError({"requirement": f"The {Requirement(requirement).label.lower()} assessment is recorded"})
    if application.assessments.filter(requirement=requirement).exists():
        raise recorded
    if not finding.strip():
        raise ValidationError({"finding": "Record what the assessment found"})
    with transaction.atomic():
        try:
            with transaction.atomic():
                assessment = DolsAssessment.objects.create(
                    council_id=application.council_id,
                    application=application,
                    requirement=requirement,
                    met=met,
                    assessor=actor.user,
                    finding=finding.strip(),
                )
        except IntegrityError:  # the same requirement recorded at the same moment by someone else
            raise recorded from None
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action="safeguarding.dols.assessed",
            obj=assessment,
            person_id=application.person_id,
            detail={"requirement": requirement, "met": met},
        )
    return assessment


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


def decide(
    *,
    actor: Actor,
    application: DolsApplication,
    grant: bool,
    months: int | None,
    conditions: str,
    reason: str,
    expected_version: int,
) -> DolsApplication:
    """The signatory grants (all six requirements met; up to 12 months, with conditions) or refuses."""
    results = dict(application.assessments.values_list("requirement", "met"))
    if grant:
        missing = [Requirement(r).label.lower() for r in Requirement.values if r not in results]
        if missing:
            raise ValidationError({"grant": f"Record every assessment before authorising: {', '.join(missing)}"})
        if not all(results.values()):
            raise ValidationError({"grant": "A requirement is not met, so the deprivation cannot be authorised"})
        if not months:
            raise ValidationError({"months": "Enter how many months the authorisation lasts, from 1 to 12"})
    elif not reason.strip():
        raise ValidationError({"reason": "Say why it is not authorised"})
    target = Status.GRANTED if grant else Status.NOT_GRANTED
    check_move(TRANSITIONS, application.status, target, "DoLS request")
    now = timezone.now()
    starts_on = timezone.localdate(now)
    ends_on = None
    if grant:
        try:
            ends_on = rules.authorisation_ends(starts_on, last_day_of_months(starts_on, months))
        except rules.DeadlineRuleBroken as error:
            raise ValidationError({"months": str(error)}) from error
    with transaction.atomic():
        claim(
            DolsApplication,
            application,
            expected_version=expected_version,
            status=target,
            decided_at=now,
            signatory=actor.user,
            starts_on=starts_on if grant else None,
            ends_on=ends_on,
            conditions=conditions.strip() if grant else "",
            decision_reason=reason.strip(),
        )
        log(
            actor=actor,
            record=application,
            action="safeguarding.dols.decided",
            event_type=EventType.DOLS_DECIDED,
            from_status=Status.WAITING,
            to_status=target,
        )
        _leave_waiting_list(actor, application, WaitingListEntry.Status.COMPLETED, target)
    return application


def _leave_waiting_list(actor: Actor, application: DolsApplication, status: str, reason: str) -> None:
    entry = application.waiting_entry
    if entry is not None and entry.status in (WaitingListEntry.Status.WAITING, WaitingListEntry.Status.ALLOCATED):
        leave_list(actor=actor, entry=entry, status=status, reason_code=reason)


def close(*, actor: Actor, application: DolsApplication, reason: str, note: str, expected_version: int):
    """Withdrawn, or the person died or left: the request (or the authorisation) ends with the reason."""
    if reason not in DolsApplication.CloseReason.values:
        raise ValidationError({"reason": "Select why it is closed"})
    old = application.status
    check_move(TRANSITIONS, old, Status.CLOSED, "DoLS request")
    with transaction.atomic():
        claim(
            DolsApplication,
            application,
            expected_version=expected_version,
            status=Status.CLOSED,
            close_reason=reason,
            closed_at=timezone.now(),
            decision_reason=note.strip() or application.decision_reason,
        )
        log(
            actor=actor,
            record=application,
            action="safeguarding.dols.closed",
            event_type=EventType.DOLS_CLOSED,
            from_status=old,
            to_status=Status.CLOSED,
            reason_code=reason,
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
            DolsApplication,
            application,
            expected_version=expected_version,
            review_requested_at=timezone.now(),
            review_reason=reason.strip(),
        )
        log(
            actor=actor,
            record=application,
            action="safeguarding.dols.review_requested",
            event_type=EventType.DOLS_REVIEW_REQUESTED,
            from_status=Status.GRANTED,
            to_status=Status.GRANTED,
        )
    return application
