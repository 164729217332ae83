"""Writing pathway events. Only state-machine transitions call this, inside their own transaction."""

import datetime

from django.db import transaction
from django.utils import timezone

from assessflow.audit.actor import Actor

from .models import EventType, PathwayEvent


def record_event(
    *,
    actor: Actor,
    council_id: int,
    person_id: int,
    work_item,
    event_type: EventType,
    from_status: str = "",
    to_status: str = "",
    reason_code: str = "",
    detail: dict | None = None,
    occurred_at: datetime.datetime | None = None,
) -> PathwayEvent:
    """Record a transition. `occurred_at` is for facts that happened before they were recorded
    (a date taken from a handover file, a backdated contact); a live action leaves it to the server."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("A pathway event is written in the same transaction as its transition.")
    return PathwayEvent.objects.create(
        council_id=council_id,
        person_id=person_id,
        work_item_type=f"{work_item._meta.app_label}.{work_item._meta.model_name}",
        work_item_id=str(work_item.pk),
        event_type=event_type,
        actor=actor.user,
        actor_role=actor.role,
        from_status=from_status,
        to_status=to_status,
        reason_code=reason_code,
        detail=detail or {},
        occurred_at=occurred_at or timezone.now(),
    )
