"""Recording contacts and referrals, asking the referrer for more, and screening decisions."""

import uuid

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access
from assessflow.pathway.models import EventType
from assessflow.people.models import Person
from assessflow.people.services import record_on_pathway

from .models import Referral
from .transitions import IllegalTransition, check_move

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
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action="referral.recorded",
            obj=referral,
            council_id=person.council_id,
            person_id=person.pk,
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
        )
    return referral


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
    """Move a referral to its screening decision; one transition, checked, recorded, on the pathway.

    Callers that also create work (a waiting-list entry) run this inside their own transaction.
    """
    check_move(referral.status, to_status)
    if reason_code == "declined" and (lacks_capacity or at_risk):
        raise IllegalTransition(
            "A refusal does not stand where the person may lack capacity or is at risk of abuse or neglect (s.11(2))."
        )
    with transaction.atomic():
        claimed = Referral.objects.filter(pk=referral.pk, status=referral.status, version=referral.version).update(
            status=to_status,
            screened_at=timezone.now(),
            screened_by=actor.user,
            screening_reason=reason_code,
            screening_note=note,
            lacks_capacity_to_refuse=lacks_capacity,
            at_risk_of_abuse=at_risk,
            version=referral.version + 1,
        )
        if claimed != 1:
            raise IllegalTransition("Someone else screened this referral first.")
        from_status = referral.status
        referral.refresh_from_db()
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action="referral.screened",
            obj=referral,
            council_id=referral.council_id,
            person_id=referral.person_id,
            fields=["status"],
            detail={"to": to_status, "reason": reason_code},
        )
        record_on_pathway(
            actor=actor,
            person=referral.person,
            work_item=referral,
            event_type=EventType.SCREENED,
            title=title or referral.get_status_display(),
            from_status=from_status,
            to_status=to_status,
            reason_code=reason_code,
            summary=note,
            url=reverse("frontdoor:referral", args=[referral.pk]),
        )
    return referral
