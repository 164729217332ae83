"""Recording contacts and referrals, asking the referrer for more, and screening decisions."""

import datetime
import uuid

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.pathway.models import EventType
from assessflow.pathway.transitions import IllegalMove
from assessflow.people.identity import normalise_name, normalise_nhs_number
from assessflow.people.models import Person
from assessflow.people.services import change_status_on_timeline, create_person, record_on_pathway

from .actions import AccessAction
from .models import InformationRequest, Referral
from .transitions import TRANSITIONS, refusal_stands

HOSPITAL = "Discharge from hospital"
COMMUNITY = "Community or other route"


def default_route_of_access(source: str) -> str:
    return HOSPITAL if source == Referral.Source.HOSPITAL_DISCHARGE else COMMUNITY


def record_referral(*, actor: Actor, person: Person, details: dict, submission_id: uuid.UUID) -> Referral:
    """A contact or referral arrives; its time is the server's, never typed in."""
    existing = Referral.objects.filter(submission_id=submission_id).first()
    if existing is not None:
        return existing
    referral = Referral(
        council_id=person.council_id, person=person, recorded_by=actor.user, submission_id=submission_id, **details
    )
    if not referral.route_of_access:
        referral.route_of_access = default_route_of_access(referral.source)
    referral.full_clean()
    with transaction.atomic():
        referral.save()
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.REFERRAL_RECORDED,
            obj=referral,
        )
        is_contact = referral.kind == Referral.Kind.CONTACT
        record_on_pathway(
            actor=actor,
            person=person,
            work_item=referral,
            event_type=EventType.CONTACT_RECORDED if is_contact else EventType.REFERRAL_RECEIVED,
            title=f"{referral.get_kind_display()} from {referral.get_source_display().lower()}",
            to_status=referral.status,
            summary=referral.reason,
            url=reverse("frontdoor:referral", args=[referral.pk]),
            occurred_at=referral.received_at,
        )
    return referral


def _move(
    *,
    actor: Actor,
    referral: Referral,
    to_status: str,
    event_type: EventType,
    title: str,
    summary: str = "",
    reason_code: str = "",
    fields: dict | None = None,
) -> Referral:
    """A referral's status change, on its person's timeline too."""
    return change_status_on_timeline(
        referral,
        moves=TRANSITIONS,
        to=to_status,
        actor=actor,
        event_kind=event_type,
        action=AccessAction(f"referral.{event_type}"),
        reason=reason_code,
        fields=fields,
        title=title,
        summary=summary,
        url=reverse("frontdoor:referral", args=[referral.pk]),
    )


def screen(
    *,
    actor: Actor,
    referral: Referral,
    to_status: str,
    reason_code: str = "",
    note: str = "",
    title: str = "",
    lacks_capacity: bool | None = None,
    at_risk: bool | None = None,
) -> Referral:
    """Move a referral to its screening decision. Callers that also create work run this in their transaction."""
    if reason_code == "declined" and not refusal_stands(lacks_capacity=lacks_capacity, at_risk=at_risk):
        raise IllegalMove(
            "A refusal stands only where the person has capacity to refuse and is not experiencing or at risk of "
            "abuse or neglect, both recorded (Care Act s.11(2))."
        )
    return _move(
        actor=actor,
        referral=referral,
        to_status=to_status,
        event_type=EventType.SCREENED,
        title=title or Referral.Status(to_status).label,
        summary=note,
        reason_code=reason_code,
        fields={
            "screened_at": timezone.now(),
            "screened_by": actor.user,
            "screening_reason": reason_code,
            "screening_note": note,
            "lacks_capacity_to_refuse": lacks_capacity,
            "at_risk_of_abuse": at_risk,
        },
    )


def ask_referrer(*, actor: Actor, referral: Referral, question: str) -> InformationRequest:
    """Send a referral back to its referrer with a question; it waits until they answer in the portal."""
    with transaction.atomic():
        _move(
            actor=actor,
            referral=referral,
            to_status=Referral.Status.INFO_REQUESTED,
            event_type=EventType.INFORMATION_REQUESTED,
            title="More information asked of the referrer",
            summary=question,
        )
        return InformationRequest.objects.create(
            council_id=referral.council_id, referral=referral, question=question, asked_by=actor.acting_user
        )


def answer_referrer_question(*, actor: Actor, request: InformationRequest, answer: str) -> InformationRequest:
    with transaction.atomic():
        _move(
            actor=actor,
            referral=request.referral,
            to_status=Referral.Status.RECEIVED,
            event_type=EventType.INFORMATION_RECEIVED,
            title="The referrer answered",
            summary=answer,
        )
        InformationRequest.objects.filter(pk=request.pk).update(
            answer=answer, answered_by=actor.user, answered_at=timezone.now()
        )
    request.refresh_from_db()
    return request


def match_or_create_person(*, actor: Actor, council, details: dict, submission_id: uuid.UUID) -> Person:
    """The person a portal referral is about: by NHS number, else by exact name and date of birth, else new."""
    people = Person.objects.filter(council=council)
    if details.get("nhs_number"):
        found = people.filter(nhs_number=normalise_nhs_number(details["nhs_number"])).first()
        if found:
            return found
    same = list(
        people.filter(
            given_name_key=normalise_name(details["given_name"]),
            family_name_key=normalise_name(details["family_name"]),
            date_of_birth=details["date_of_birth"],
        )[:2]
    )
    if len(same) == 1:
        return same[0]
    return create_person(actor=actor, council=council, details=details, submission_id=submission_id)


def submit_portal_referral(
    *, actor: Actor, person_details: dict, referral_details: dict, submission_id: uuid.UUID
) -> Referral:
    """A referrer's online referral: matched to a person, recorded, and visible to their organisation only."""
    existing = Referral.objects.filter(submission_id=submission_id).first()
    if existing is not None:
        return existing
    organisation = actor.acting_membership.organisation
    with transaction.atomic():
        person = match_or_create_person(
            actor=actor, council=organisation.council, details=person_details, submission_id=uuid.uuid4()
        )
        shown = {k: str(v) for k, v in person_details.items() if v}
        return record_referral(
            actor=actor,
            person=person,
            details={
                **referral_details,
                "channel": Referral.Channel.PORTAL,
                "kind": Referral.Kind.REFERRAL,
                "referrer_organisation": organisation,
                "referrer_user": actor.user,
                "referrer_name": actor.name,
                "referrer_contact": actor.acting_user.email,
                "submitted_details": shown,
            },
            submission_id=submission_id,
        )


def record_outcome(*, actor: Actor, referral: Referral, outcome: str, on: datetime.date) -> Referral:
    """The outcome of the work a referral led to, in plain words; the referrer reads it only with the person's
    consent (`selectors.outcome_for_referrer`). A later outcome (a reassessment) replaces an earlier one."""
    with transaction.atomic():
        Referral.objects.filter(pk=referral.pk).update(outcome=outcome, outcome_on=on)
        referral.outcome, referral.outcome_on = outcome, on
        record_on_person(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=AccessAction.REFERRAL_OUTCOME_RECORDED,
            obj=referral,
            fields=["outcome", "outcome_on"],
        )
    return referral
