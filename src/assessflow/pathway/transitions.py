"""Changing the status of a piece of work: checked against its allowed moves, claimed, audited, on the pathway.

Every status change of every piece of work (a referral, a waiting-list entry, a safeguarding concern,
an enquiry, a DoLS request, a task, an invitation) goes through `change_status`, so each one is
checked, claimed against a concurrent change and recorded the same way, in one transaction.
"""

from collections.abc import Collection, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from assessflow.audit.actor import Actor
from assessflow.audit.models import AccessEvent
from assessflow.audit.services import record_access

from .models import EventType
from .services import record_event

# From each status, the statuses work may move to. Keyed by a model's own Status choices (strings), which a
# Mapping[str, ...] would refuse: a Mapping's key type must match exactly.
Moves = Mapping[Any, Collection[str]]
_FROM_RECORD = object()


class IllegalMove(ValidationError):
    """A change the work's allowed moves do not include, or one someone else made first.

    A ValidationError, so a form or a view shows its message to the user like any other refusal."""


class MoveConflict(IllegalMove):
    """Someone else changed the record after this user read it: nothing was written, nothing overwritten."""


def _what(obj: models.Model, what: str | None) -> str:
    return what or str(obj._meta.verbose_name)


def _spoken(status: str) -> str:
    return str(status).replace("_", " ")


def _has_version(obj: models.Model) -> bool:
    return any(field.name == "version" for field in obj._meta.concrete_fields)


def check_move(moves: Moves, current: str, target: str, *, what: str) -> None:
    """Refuse a move the table does not allow; the message names both ends."""
    if target not in moves.get(current, ()):
        article = "An" if what[:1].lower() in "aeiou" else "A"
        raise IllegalMove(f"{article} {what} cannot go from {_spoken(current)} to {_spoken(target)}.")


def conflict(what: str) -> MoveConflict:
    return MoveConflict(f"Someone else changed this {what} after you opened it. Reload the page and check.")


def claim(obj: Any, *, expected_version: int | None = None, what: str | None = None, **changes) -> None:
    """Write a change to a versioned record as `UPDATE … WHERE version = v`, inside the caller's transaction:
    a miss means someone else changed it first. For changes that keep the status (a priority, a plan, a
    deadline); a status change goes through `change_status`."""
    version = obj.version if expected_version is None else expected_version
    updated = type(obj)._base_manager.filter(pk=obj.pk, version=version).update(version=version + 1, **changes)
    if updated != 1:
        raise conflict(_what(obj, what))
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.version = version + 1


def change_status(
    obj: Any,
    *,
    moves: Moves,
    to: str,
    actor: Actor,
    event_kind: EventType | None,
    action: str,
    reason: str = "",
    fields: dict | None = None,
    expected_version: int | None = None,
    detail: dict | None = None,
    occurred_at=None,
    what: str | None = None,
    council_id=_FROM_RECORD,
    person_id=_FROM_RECORD,
):
    """Move `obj` to status `to` and return it, refreshed.

    - `moves` is the table of allowed moves (current status -> the statuses it may go to).
    - The row is claimed with `UPDATE … WHERE pk = … AND status = <read> AND version = <expected>`
      (status alone for a model without a version): a miss raises MoveConflict, never overwrites.
      `expected_version` is the version the user saw (a form's hidden field); by default the one read.
    - `fields` are set in the same UPDATE (who decided, when, the decision's answers).
    - `event_kind` is the pathway event to write; None says, explicitly, that this work has none
      (a task, an invitation). The audit entry `action` is written either way.
    - `council_id`/`person_id` default to the record's own; work that is not about a person passes None.
    """
    what = _what(obj, what)
    old = obj.status
    check_move(moves, old, to, what=what)
    fields = dict(fields or {})
    claim_filter = {"pk": obj.pk, "status": old}
    changes = {"status": to, **fields}
    if _has_version(obj):
        version = obj.version if expected_version is None else expected_version
        claim_filter["version"] = version
        changes["version"] = version + 1
    council = obj.council_id if council_id is _FROM_RECORD else council_id
    person = getattr(obj, "person_id", None) if person_id is _FROM_RECORD else person_id
    with transaction.atomic():
        if type(obj)._base_manager.filter(**claim_filter).update(**changes) != 1:
            raise conflict(what)
        obj.refresh_from_db()
        if event_kind is not None:
            if person is None:  # rolled back with the claim above
                raise ValueError("A pathway event belongs to a person's work: pass event_kind=None for other work.")
            record_event(
                actor=actor,
                council_id=council,
                person_id=person,
                work_item=obj,
                event_type=event_kind,
                from_status=old,
                to_status=to,
                reason_code=reason,
                occurred_at=occurred_at,
            )
        record_access(
            actor=actor,
            kind=AccessEvent.Kind.CHANGE,
            action=action,
            obj=obj,
            council_id=council,
            person_id=person,
            fields=["status", *fields],
            detail={"from": old, "to": to, **({"reason": reason} if reason else {}), **(detail or {})},
        )
    return obj
