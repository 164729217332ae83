"""Raising a safeguarding concern, triaging it and deciding under s.42(1)."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.pathway.models import EventType
from assessflow.pathway.transitions import IllegalMove, change_status, check_move
from assessflow.people.models import Person
from assessflow.tenancy.models import Notification, User
from assessflow.tenancy.services import notify
from assessflow.waiting.models import WorkType
from assessflow.waiting.services import add_entry

from ..access import team_managers
from ..actions import AccessAction
from ..categories import Risk
from ..duty import s42_duty_applies
from ..models import Concern, Enquiry
from . import council_workers, log, portal_person

TRANSITIONS = {
    Concern.Status.RECEIVED: {Concern.Status.TRIAGED},
    Concern.Status.TRIAGED: {Concern.Status.ENQUIRY, Concern.Status.CLOSED},
    Concern.Status.ENQUIRY: {Concern.Status.CLOSED},
}
WAITING_FOR_TRIAGE = "High-risk safeguarding concern {reference} is waiting for triage"
TRIAGED = "High-risk safeguarding concern {reference} was triaged on {day:%-d %B %Y} by {name}: done"
CONCERN_FIELDS = (
    "raiser_anonymous",
    "what_happened",
    "happened_on",
    "happened_where",
    "person_view",
    "immediate_risk",
    "immediate_actions",
    "immediate_action_detail",
)


def raise_concern(
    *, actor: Actor, person: Person, details: dict, origin: str, origin_id="", submission_id: uuid.UUID
) -> Concern:
    """A concern about an adult: always to the council's own safeguarding queue, whoever raises it (s.79)."""
    existing = Concern.objects.filter(submission_id=submission_id).first()
    if existing is not None:
        return existing
    concern = Concern(
        council_id=person.council_id,
        person=person,
        origin=origin,
        origin_id=str(origin_id or ""),
        raised_at=timezone.now(),
        raised_by=actor.user,
        raised_by_organisation=actor.organisation,
        risk=details.get("immediate_risk", ""),
        submission_id=submission_id,
        **{field: details[field] for field in CONCERN_FIELDS if field in details},
    )
    concern.full_clean(exclude=["person", "raised_by", "raised_by_organisation", "council"])
    with transaction.atomic():
        concern.save()
        log(
            actor=actor,
            record=concern,
            action=AccessAction.CONCERN_RAISED,
            event_type=EventType.CONCERN_RAISED,
            to_status=concern.status,
            reason_code=concern.origin,
        )
        if concern.immediate_risk == Risk.HIGH:
            for manager in team_managers(person.council, dols=False):
                notify(
                    user=manager,
                    message=WAITING_FOR_TRIAGE.format(reference=concern.reference),
                    url=reverse("safeguarding:concern", args=[concern.pk]),
                )
    return concern


def flag_concern(*, actor: Actor, person: Person, origin: str, origin_id, what_happened: str) -> Concern:
    """A concern flagged by another transition (a keep-in-touch call): what was said, risk to be set at triage."""
    return raise_concern(
        actor=actor,
        person=person,
        details={"what_happened": what_happened, "immediate_risk": Risk.MEDIUM},
        origin=origin,
        origin_id=origin_id,
        submission_id=uuid.uuid5(uuid.NAMESPACE_URL, f"concern:{origin}:{origin_id}"),
    )


def triage(*, actor: Actor, concern: Concern, risk: str, note: str, expected_version: int) -> Concern:
    check_move(TRANSITIONS, concern.status, Concern.Status.TRIAGED, what="concern")
    if risk not in Risk.values:
        raise ValidationError({"risk": "Select the level of risk"})
    with transaction.atomic():
        change_status(
            concern,
            moves=TRANSITIONS,
            to=Concern.Status.TRIAGED,
            actor=actor,
            event_kind=EventType.CONCERN_TRIAGED,
            action=AccessAction.CONCERN_TRIAGED,
            reason=risk,
            expected_version=expected_version,
            fields={"risk": risk, "triage_note": note, "triaged_at": timezone.now(), "triaged_by": actor.user},
        )
        _triage_notices_done(actor, concern)
    return concern


def _triage_notices_done(actor: Actor, concern: Concern) -> None:
    """The managers told a concern is waiting for triage are told it no longer is: the notice is done, and says so,
    rather than staying on their home page as work to do."""
    now = timezone.now()
    notices = Notification.objects.filter(
        url=reverse("safeguarding:concern", args=[concern.pk]),
        message=WAITING_FOR_TRIAGE.format(reference=concern.reference),
    )
    done = TRIAGED.format(reference=concern.reference, day=timezone.localdate(now), name=actor.name)
    notices.filter(read_at__isnull=True).update(read_at=now)
    notices.update(message=done[:500])


def _check_decision(*, answers: dict, decision: str, note: str, lead: User | None) -> None:
    errors = {}
    for part in ("has_care_needs", "abuse_or_risk", "unable_to_protect"):
        if answers.get(part) is None:
            errors[part] = "Answer whether there is reasonable cause to suspect this part of s.42(1)"
        elif not answers.get(f"{part}_reason", "").strip():
            errors[f"{part}_reason"] = "Give the reason for this answer"
    if errors:
        raise ValidationError(errors)
    duty = s42_duty_applies(
        has_care_needs=answers["has_care_needs"],
        abuse_or_risk=answers["abuse_or_risk"],
        unable_to_protect=answers["unable_to_protect"],
    )
    if decision == Concern.Decision.S42 and not duty:
        raise ValidationError(
            {"decision": "A s.42 enquiry needs reasonable cause to suspect all three parts of s.42(1)"}
        )
    if duty and decision != Concern.Decision.S42:
        raise ValidationError(
            {
                "decision": "There is reasonable cause to suspect all three parts of s.42(1), "
                "so the council must make enquiries"
            }
        )
    if decision in (Concern.Decision.OTHER, Concern.Decision.NO_FURTHER_ACTION) and not note.strip():
        message = (
            "Say why the council makes an other safeguarding enquiry"
            if decision == Concern.Decision.OTHER
            else "Record the advice, signposting or referral made"
        )
        raise ValidationError({"decision_note": message})
    if decision != Concern.Decision.NO_FURTHER_ACTION and lead is None:
        raise ValidationError({"lead": "Select the council worker who leads the enquiry"})


def decide(
    *,
    actor: Actor,
    concern: Concern,
    answers: dict,
    decision: str,
    note: str,
    lead: User | None,
    expected_version: int,
    refer_for_assessment: str = "",
) -> Concern:
    """The s.42(1) test, part by part, and what follows: a s.42 enquiry, an other enquiry, or no further action.

    `refer_for_assessment`, when given with no further action, is the priority a needs
    assessment joins the waiting list at.
    """
    if decision not in Concern.Decision.values:
        raise ValidationError({"decision": "Select what happens next"})
    target = Concern.Status.CLOSED if decision == Concern.Decision.NO_FURTHER_ACTION else Concern.Status.ENQUIRY
    check_move(TRANSITIONS, concern.status, target, what="concern")
    _check_decision(answers=answers, decision=decision, note=note, lead=lead)
    with transaction.atomic():
        change_status(
            concern,
            moves=TRANSITIONS,
            to=target,
            actor=actor,
            event_kind=EventType.SAFEGUARDING_DECIDED,
            action=AccessAction.CONCERN_DECIDED,
            reason=decision,
            expected_version=expected_version,
            fields={
                "decision": decision,
                "decision_note": note,
                "decided_at": timezone.now(),
                "decided_by": actor.user,
                **{k: (v.strip() if isinstance(v, str) else v) for k, v in answers.items()},
            },
        )
        if decision == Concern.Decision.NO_FURTHER_ACTION:
            if refer_for_assessment:
                add_entry(
                    actor=actor,
                    person=concern.person,
                    work_type=WorkType.NEEDS_ASSESSMENT,
                    priority=refer_for_assessment,
                    rationale="Needs assessment requested",
                )
            return concern
        _start_enquiry(actor=actor, concern=concern, kind=decision, reason=note, lead=lead)
    return concern


def _start_enquiry(*, actor: Actor, concern: Concern, kind: str, reason: str, lead: User | None) -> Enquiry:
    if lead is None or not council_workers(concern.council_id, [lead]):
        raise IllegalMove("The enquiry's lead must be a worker of the council (s.42 is never delegated).")
    enquiry = Enquiry.objects.create(
        council_id=concern.council_id,
        person=concern.person,
        concern=concern,
        kind=kind,
        reason=reason,
        lead=lead,
        started_at=timezone.now(),
    )
    log(
        actor=actor,
        record=enquiry,
        action=AccessAction.ENQUIRY_STARTED,
        event_type=EventType.ENQUIRY_STARTED,
        to_status=enquiry.status,
        reason_code=kind,
    )
    return enquiry


def raise_from_portal(*, actor: Actor, person_details: dict, details: dict, submission_id: uuid.UUID) -> Concern:
    """A referrer's concern: matched to a person of their council (or a new record), then to its queue."""
    with transaction.atomic():
        person = portal_person(actor=actor, person_details=person_details, submission_id=submission_id)
        return raise_concern(
            actor=actor,
            person=person,
            details=details,
            origin=Concern.Origin.PORTAL,
            submission_id=submission_id,
        )
