"""Every change to safeguarding and DoLS records: one function per action, each a transition with its pathway event."""

import uuid

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_on_person
from assessflow.frontdoor.services import match_or_create_person
from assessflow.pathway.models import EventType
from assessflow.pathway.services import record_event
from assessflow.tenancy.models import User
from assessflow.tenancy.roles import STAFF_ROLES


def council_workers(council_id: int, users) -> set[int]:
    """Which of these users work for the council itself (staff roles only: never a provider's or a citizen)."""
    return set(
        User.objects.filter(
            pk__in=[u.pk for u in users if u is not None],
            memberships__organisation_id=council_id,
            memberships__role__in=STAFF_ROLES,
            memberships__is_active=True,
        ).values_list("pk", flat=True)
    )


def portal_person(*, actor: Actor, person_details: dict, submission_id: uuid.UUID):
    """Who a portal submission is about, in the sender's council; a retried submission finds the same person."""
    return match_or_create_person(
        actor=actor,
        council=actor.acting_membership.organisation.council,
        details=person_details,
        submission_id=uuid.uuid5(submission_id, "person"),
    )


def log(*, actor: Actor, record, action: str, event_type: EventType, from_status="", to_status="", reason_code=""):
    """The audit entry and the pathway event every safeguarding transition writes (never the open timeline)."""
    record_on_person(actor=actor, kind=AccessEvent.Kind.CHANGE, action=action, obj=record)
    record_event(
        actor=actor,
        council_id=record.council_id,
        person_id=record.person_id,
        work_item=record,
        event_type=event_type,
        from_status=from_status,
        to_status=to_status,
        reason_code=reason_code,
    )
